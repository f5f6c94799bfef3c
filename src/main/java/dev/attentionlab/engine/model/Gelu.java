package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/** GELU in its tanh form, {@code F.gelu(x, approximate="tanh")}: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
public final class Gelu {
    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double A = 0.044715;

    private Gelu() {}

    public static Matrix forward(Matrix x) {
        float[] in = x.raw();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            out[i] = (float) (0.5 * v * (1 + Math.tanh(C * (v + A * v * v * v))));
        }
        return Matrix.wrap(x.rows(), x.cols(), out);
    }

    public static Matrix backward(Matrix x, Matrix dy) {
        float[] in = x.raw();
        float[] d = dy.raw();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            double t = Math.tanh(C * (v + A * v * v * v));
            double slope = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * C * (1 + 3 * A * v * v);
            out[i] = (float) (d[i] * slope);
        }
        return Matrix.wrap(x.rows(), x.cols(), out);
    }
}

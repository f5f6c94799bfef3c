package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * GELU, x·Φ(x), in the two forms models use: the exact one with the error function (BERT,
 * {@code F.gelu(x)}) and the tanh approximation (GPT-2, the trained model,
 * {@code F.gelu(x, approximate="tanh")}).
 */
public final class Gelu {
    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double A = 0.044715;

    /** Which formula an MLP applies; both are written out the way an explanation shows them. */
    public enum Form {
        ERF("0.5·h·(1 + erf(h/√2))"),
        TANH("0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³)))");

        private final String formula;

        Form(String formula) {
            this.formula = formula;
        }

        public String formula() {
            return formula;
        }

        double apply(double v) {
            return switch (this) {
                case ERF -> 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2)));
                case TANH -> 0.5 * v * (1 + Math.tanh(C * (v + A * v * v * v)));
            };
        }
    }

    private Gelu() {}

    public static Matrix forward(Matrix x) {
        return forward(x, Form.TANH);
    }

    /** Below this many values GELU stays on the calling thread. */
    private static final int PARALLEL_VALUES = 1 << 16;

    public static Matrix forward(Matrix x, Form form) {
        float[] in = x.raw();
        float[] out = new float[in.length];
        // Each value on its own: a BERT MLP's 64 × 1536 values split over the cores with the same results.
        int chunk = 1 << 14;
        if (in.length >= PARALLEL_VALUES) {
            java.util.stream.IntStream.range(0, (in.length + chunk - 1) / chunk).parallel().forEach(c -> {
                for (int i = c * chunk, end = Math.min(in.length, i + chunk); i < end; i++) out[i] = (float) form.apply(in[i]);
            });
        } else {
            for (int i = 0; i < in.length; i++) out[i] = (float) form.apply(in[i]);
        }
        return Matrix.wrap(x.rows(), x.cols(), out);
    }

    /** The tanh form's gradient: training only ever uses that form. */
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

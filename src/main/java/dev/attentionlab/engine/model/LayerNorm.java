package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/** Row-wise LayerNorm with unit gain and zero bias: (x − mean) / √(var + ε), biased variance. */
public final class LayerNorm {
    public static final float EPS = 1e-5f;

    private LayerNorm() {}

    public static Matrix apply(Matrix x) {
        return normalize(x, EPS).xhat();
    }

    /** x̂ = (x − mean)/√(var + ε) row by row, with each row's 1/√(var + ε) (the backward pass needs it). */
    record Normalized(Matrix xhat, float[] rstd) {}

    static Normalized normalize(Matrix x, float eps) {
        int n = x.cols();
        float[] out = new float[x.rows() * n];
        float[] rstd = new float[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            float[] row = x.row(i);
            float mean = mean(row);
            rstd[i] = (float) (1.0 / Math.sqrt(variance(row, mean) + eps));
            for (int j = 0; j < n; j++) out[i * n + j] = (row[j] - mean) * rstd[i];
        }
        return new Normalized(Matrix.wrap(x.rows(), n, out), rstd);
    }

    public static float mean(float[] row) {
        double s = 0;
        for (float v : row) s += v;
        return (float) (s / row.length);
    }

    public static float variance(float[] row, float mean) {
        double s = 0;
        for (float v : row) s += (double) (v - mean) * (v - mean);
        return (float) (s / row.length);
    }
}

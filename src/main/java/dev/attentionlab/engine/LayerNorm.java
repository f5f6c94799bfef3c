package dev.attentionlab.engine;

/** Row-wise LayerNorm with unit gain and zero bias: (x − mean) / √(var + ε), biased variance. */
public final class LayerNorm {
    public static final float EPS = 1e-5f;

    private LayerNorm() {}

    public static Matrix apply(Matrix x) {
        int n = x.cols();
        float[] out = new float[x.rows() * n];
        for (int i = 0; i < x.rows(); i++) {
            float[] row = x.row(i);
            float mean = mean(row);
            float invStd = (float) (1.0 / Math.sqrt(variance(row, mean) + EPS));
            for (int j = 0; j < n; j++) out[i * n + j] = (row[j] - mean) * invStd;
        }
        return Matrix.wrap(x.rows(), n, out);
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

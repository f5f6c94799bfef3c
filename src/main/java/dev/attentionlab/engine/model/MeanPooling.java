package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * The sentence-transformers head: the mean of the token vectors, then divided by its length, as
 * {@code F.normalize(p=2)} does (the length floored at 1e−12). Two sentences compare by the dot
 * product of their embeddings, which is their cosine similarity.
 */
public final class MeanPooling {
    private MeanPooling() {}

    /** [1 × d]: the mean of the first {@code count} rows. */
    public static Matrix mean(Matrix h, int count) {
        int d = h.cols();
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            float s = 0f;
            for (int i = 0; i < count; i++) s += h.get(i, j);
            out[j] = s / count;
        }
        return Matrix.wrap(1, d, out);
    }

    /** v / max(‖v‖, 1e−12). */
    public static Matrix normalise(Matrix v) {
        float n = Math.max(norm(v.raw()), 1e-12f);
        float[] out = v.toArray();
        for (int j = 0; j < out.length; j++) out[j] /= n;
        return Matrix.wrap(v.rows(), v.cols(), out);
    }

    public static float norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return (float) Math.sqrt(s);
    }

    public static float dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (double) a[j] * b[j];
        return (float) s;
    }
}

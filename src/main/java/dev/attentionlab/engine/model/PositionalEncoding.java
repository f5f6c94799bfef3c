package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * The sinusoidal encoding of "Attention Is All You Need":
 * PE[pos][2i] = sin(pos / 10000^(2i/d)), PE[pos][2i+1] = cos(pos / 10000^(2i/d)).
 */
public final class PositionalEncoding {
    private PositionalEncoding() {}

    public static Matrix sinusoidal(int length, int dim) {
        float[] pe = new float[length * dim];
        for (int pos = 0; pos < length; pos++) {
            for (int j = 0; j < dim; j++) pe[pos * dim + j] = (float) value(pos, j, dim);
        }
        return Matrix.wrap(length, dim, pe);
    }

    /** PE[pos][j] in double, so an explanation can show the exact angle. */
    public static double value(int pos, int j, int dim) {
        double angle = angle(pos, j, dim);
        return j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    public static double angle(int pos, int j, int dim) {
        return pos / Math.pow(10000.0, (double) (j - j % 2) / dim);
    }
}

package dev.attentionlab.render;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * Maps values to colours. Signed data (any negative value) uses the diverging map symmetric around
 * zero; non-negative data (probabilities, weights) uses the chosen sequential palette from 0.
 */
public record ColorScale(Palette palette, double min, double max) {

    public static ColorScale forMatrix(Matrix m, Palette chosen) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                float v = m.get(i, j);
                if (!Float.isFinite(v) || Math.abs(v) >= 1e8f) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new ColorScale(chosen, 0, 1);
        if (lo < 0) {
            double a = Math.max(Math.abs(lo), Math.abs(hi));
            return new ColorScale(Palette.DIVERGING, -a, a == 0 ? 1 : a);
        }
        boolean probabilities = hi <= 1.0;
        return new ColorScale(chosen, 0, probabilities ? 1 : (hi == 0 ? 1 : hi));
    }

    public boolean signed() {
        return min < 0;
    }

    public int rgb(double v) {
        return palette.rgb((v - min) / (max - min));
    }
}

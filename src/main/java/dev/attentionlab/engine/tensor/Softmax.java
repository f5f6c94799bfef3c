package dev.attentionlab.engine.tensor;

import dev.attentionlab.engine.InvalidInputException;

/**
 * Max-subtracted softmax, optionally at a temperature. A row whose entries are all −∞ gives NaN, as
 * PyTorch does; the caller decides how to report it.
 */
public final class Softmax {
    private Softmax() {}

    /** softmax(x). */
    public static float[] of(float[] x) {
        float max = max(x);
        float[] e = new float[x.length];
        float sum = 0f;
        for (int i = 0; i < x.length; i++) {
            e[i] = (float) Math.exp(x[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < x.length; i++) e[i] = e[i] / sum;
        return e;
    }

    /**
     * softmax(x / T). T = 0, or a T so small that x / T overflows, is the limit T → 0: all mass on the
     * largest entry (the first one on ties).
     */
    public static float[] of(float[] x, double temperature) {
        checkTemperature(temperature);
        if (temperature == 1.0) return of(x);
        if (temperature > 0) {
            float[] scaled = divide(x, (float) temperature);
            if (!hasPositiveInfinity(scaled, x)) return of(scaled);
        }
        return oneHotArgmax(x);
    }

    /** Row-wise softmax(m / T) of a matrix. */
    public static Matrix rows(Matrix m, double temperature) {
        float[] out = new float[m.rows() * m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            System.arraycopy(of(m.row(i), temperature), 0, out, i * m.cols(), m.cols());
        }
        return Matrix.wrap(m.rows(), m.cols(), out);
    }

    public static void checkTemperature(double temperature) {
        if (Double.isNaN(temperature) || temperature < 0) {
            throw new InvalidInputException("temperature must be a number ≥ 0, got " + temperature);
        }
        if (Double.isInfinite(temperature)) throw new InvalidInputException("temperature must be finite");
    }

    public static float[] divide(float[] x, float t) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] / t;
        return out;
    }

    public static float max(float[] x) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : x) if (v > m) m = v;
        return m;
    }

    /** Σ e^(x − max x), the softmax denominator (the same float operations as {@link #of(float[])}). */
    public static float denominator(float[] x) {
        float max = max(x);
        float sum = 0f;
        for (float v : x) sum += (float) Math.exp(v - max);
        return sum;
    }

    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static boolean hasPositiveInfinity(float[] scaled, float[] original) {
        for (int i = 0; i < scaled.length; i++) {
            if (scaled[i] == Float.POSITIVE_INFINITY && original[i] != Float.POSITIVE_INFINITY) return true;
        }
        return false;
    }

    private static float[] oneHotArgmax(float[] x) {
        float[] out = new float[x.length];
        if (max(x) == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(out, Float.NaN);
        } else {
            out[argmax(x)] = 1f;
        }
        return out;
    }
}

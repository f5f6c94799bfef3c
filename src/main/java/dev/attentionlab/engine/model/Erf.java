package dev.attentionlab.engine.model;

/**
 * The error function in double precision, which Java's Math lacks. Below |x| = 4 its Maclaurin
 * series loses at most about 1e−9 to cancellation; above, the asymptotic series of erfc, summed
 * until its terms stop shrinking, is closer than 1e−14. Both are far finer than the float the
 * result is stored in.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {}

    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r = a < 4 ? series(a) : 1 - erfcAsymptotic(a);
        return Math.copySign(r, x);
    }

    /** 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)). */
    private static double series(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** e^(−x²)/(x√π) · (1 − 1/(2x²) + 1·3/(2x²)² − …), stopped at its smallest term. */
    private static double erfcAsymptotic(double x) {
        if (x > 27) return 0;
        double inv = 1 / (2 * x * x);
        double term = 1;
        double sum = 1;
        for (int n = 1; n < 100; n++) {
            double next = -term * (2 * n - 1) * inv;
            if (Math.abs(next) >= Math.abs(term)) break;
            term = next;
            sum += term;
        }
        return Math.exp(-x * x) / (x * Math.sqrt(Math.PI)) * sum;
    }
}

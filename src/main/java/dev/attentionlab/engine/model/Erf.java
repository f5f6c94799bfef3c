package dev.attentionlab.engine.model;

/**
 * The error function in double precision, which Java's Math lacks.
 *
 * <p>{@link #exact} sums series: below |x| = 2 the Maclaurin series (its largest term is under e⁴,
 * so cancellation costs two digits at most), above it Laplace's continued fraction for erfc, evaluated
 * from the back. That takes dozens of terms a call, and BERT's GELU calls it for every hidden unit of
 * every token (590,000 times for 64 tokens through MiniLM), so {@link #erf} reads a table of
 * {@link #exact} instead: values and slopes (2/√π·e^(−x²)) every 1/512 on [0, 6], joined by cubic
 * Hermite pieces, within about 1e−13 of it: far finer than the float the result is stored in. Past 6,
 * erf is 1 to within 2e−17.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final int PER_UNIT = 512;
    private static final double END = 6;
    private static final int NODES = (int) (END * PER_UNIT) + 1;
    private static final double H = 1.0 / PER_UNIT;
    /** Node i's value at [2i] and its slope times h at [2i + 1]: the four numbers a piece needs sit side by side. */
    private static final double[] TABLE = new double[2 * NODES];

    static {
        for (int i = 0; i < NODES; i++) {
            double x = i * H;
            TABLE[2 * i] = exact(x);
            TABLE[2 * i + 1] = H * TWO_OVER_SQRT_PI * Math.exp(-x * x);
        }
    }

    private Erf() {}

    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a >= END) return Math.copySign(1, x);
        double u = a * PER_UNIT;
        int i = (int) u;
        double t = u - i;
        double t2 = t * t;
        double t3 = t2 * t;
        int at = 2 * i;
        double r = (2 * t3 - 3 * t2 + 1) * TABLE[at] + (t3 - 2 * t2 + t) * TABLE[at + 1]
                + (-2 * t3 + 3 * t2) * TABLE[at + 2] + (t3 - t2) * TABLE[at + 3];
        return Math.copySign(r, x);
    }

    /** The slow, direct sums the table is made from; the reference it is tested against. */
    static double exact(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r = a < 2 ? series(a) : 1 - erfcContinuedFraction(a);
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

    /** erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), for x ≥ 2, where 400 terms settle every digit. */
    private static double erfcContinuedFraction(double x) {
        if (x > 27) return 0;
        double t = x;
        for (int n = 400; n >= 1; n--) t = x + n / 2.0 / t;
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / t;
    }
}

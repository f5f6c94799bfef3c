package dev.attentionlab.engine.rng;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;

/**
 * PyTorch 1.13's CPU default generator, bit for bit (AVX2 kernels), as specified in
 * {@code shared/docs/torch-rng.md}: MT19937 with torch's seeding, {@code rand}/{@code uniform_},
 * {@code randn}/{@code normal_} (scalar Box–Muller with its cache, and the 16-wide float32 path with
 * Cephes polynomials), float64 variants, module initialisers, {@code exponential_} and
 * {@code multinomial}.
 *
 * <p>Mutable by nature (it is a stream); every method draws in the order torch does.
 *
 * <p>The double-precision paths (scalar Box–Muller, float64 normal, exponential) call glibc's
 * {@code log/sin/cos} in torch. {@code Math}'s intrinsics agree with glibc in ~99.9 % of cases
 * (measured; {@code StrictMath} only ~93–97 %), neither is bit-identical, and glibc itself is not
 * correctly rounded. A float32 result rounds the double, which hides these last-bit differences.
 */
public final class TorchGenerator {
    private static final int N = 624;
    private static final int M = 397;
    private static final long MASK32 = 0xFFFFFFFFL;
    private static final long MASK53 = (1L << 53) - 1;

    private final int[] mt = new int[N];
    private int left;
    private int next;
    private double cachedNormal;
    private boolean hasCachedNormal;
    private long draws;

    public TorchGenerator(long seed) {
        manualSeed(seed);
    }

    /** {@code torch.manual_seed}: only the low 32 bits seed the MT state. */
    public void manualSeed(long seed) {
        mt[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = mt[j - 1];
            mt[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        left = 1;
        next = 0;
        hasCachedNormal = false;
        draws = 0;
    }

    /** How many 32-bit draws were made since the last seeding. */
    public long draws() {
        return draws;
    }

    /** The first {@code count} words of the MT state (for checking seeding against torch). */
    public long[] stateHead(int count) {
        long[] head = new long[count];
        for (int i = 0; i < count; i++) head[i] = mt[i] & MASK32;
        return head;
    }

    /** One raw 32-bit draw, as an unsigned value in a long. */
    public long random() {
        if (--left == 0) nextState();
        draws++;
        int y = mt[next++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= (y >>> 18);
        return y & MASK32;
    }

    /** Two raw draws, the first one as the high half. */
    public long random64() {
        long hi = random();
        long lo = random();
        return (hi << 32) | lo;
    }

    private void nextState() {
        for (int k = 0; k < N; k++) {
            int v = mt[(k + 1) % N];
            int y = (mt[k] & 0x80000000) | (v & 0x7FFFFFFF);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((v & 1) != 0 ? 0x9908B0DF : 0);
        }
        left = N;
        next = 0;
    }

    private float uniformFloat01() {
        return (float) (random() & 0xFFFFFF) * 0x1p-24f;
    }

    private double uniformDouble01() {
        return (double) (random64() & MASK53) * 0x1p-53;
    }

    // ---- uniform ---------------------------------------------------------------------------

    /** {@code torch.rand(n)} in float32. */
    public float[] rand(int n) {
        return uniform(n, 0.0, 1.0);
    }

    /** {@code tensor.uniform_(from, to)} on a float32 tensor of n elements (FMA as on AVX2). */
    public float[] uniform(int n, double from, double to) {
        float f = (float) from;
        float range = (float) to - f;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = Math.fma(uniformFloat01(), range, f);
        return out;
    }

    /** {@code tensor.uniform_(from, to)} on a float64 tensor. */
    public double[] uniformDouble(int n, double from, double to) {
        double range = to - from;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.fma(uniformDouble01(), range, from);
        return out;
    }

    // ---- normal ----------------------------------------------------------------------------

    /** {@code torch.randn(n)} in float32. */
    public float[] randn(int n) {
        return normal(n, 0.0, 1.0);
    }

    /** {@code tensor.normal_(mean, std)} on a contiguous float32 tensor of n elements. */
    public float[] normal(int n, double mean, double std) {
        float[] out = new float[n];
        if (n >= 16) {
            normalFillAvx2(out, (float) mean, (float) std);
        } else {
            for (int i = 0; i < n; i++) out[i] = (float) scalarNormal(mean, std);
        }
        return out;
    }

    /** {@code tensor.normal_(mean, std)} on a contiguous float64 tensor. */
    public double[] normalDouble(int n, double mean, double std) {
        double[] out = new double[n];
        if (n < 16) {
            for (int i = 0; i < n; i++) out[i] = scalarNormal(mean, std);
            return out;
        }
        for (int i = 0; i < n; i++) out[i] = uniformDouble01();
        for (int o = 0; o + 16 <= n; o += 16) block16Double(out, o, mean, std);
        if (n % 16 != 0) {
            for (int k = 0; k < 16; k++) out[n - 16 + k] = uniformDouble01();
            block16Double(out, n - 16, mean, std);
        }
        return out;
    }

    private double scalarNormal(double mean, double std) {
        double n;
        if (hasCachedNormal) {
            hasCachedNormal = false;
            n = cachedNormal;
        } else {
            double u1 = uniformDouble01();
            double u2 = uniformDouble01();
            double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
            double theta = 2.0 * Math.PI * u1;
            cachedNormal = r * Math.sin(theta);
            hasCachedNormal = true;
            n = r * Math.cos(theta);
        }
        return Math.fma(n, std, mean);
    }

    private void normalFillAvx2(float[] d, float mean, float std) {
        int n = d.length;
        for (int i = 0; i < n; i++) d[i] = uniformFloat01();
        for (int o = 0; o + 16 <= n; o += 16) block16(d, o, mean, std);
        if (n % 16 != 0) {
            for (int k = 0; k < 16; k++) d[n - 16 + k] = uniformFloat01();
            block16(d, n - 16, mean, std);
        }
    }

    private static final float TWO_PI_F = Float.intBitsToFloat(0x40C90FDB);

    private static void block16(float[] d, int o, float mean, float std) {
        float[] sc = new float[2];
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[o + j];
            float u2 = d[o + j + 8];
            float radius = (float) Math.sqrt(-2.0f * CephesFloat.log(u1));
            float theta = TWO_PI_F * u2;
            CephesFloat.sincos(theta, sc);
            d[o + j] = Math.fma(radius * sc[1], std, mean);
            d[o + j + 8] = Math.fma(radius * sc[0], std, mean);
        }
    }

    private static void block16Double(double[] d, int o, double mean, double std) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1.0 - d[o + j];
            double u2 = d[o + j + 8];
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            double theta = (2.0 * Math.PI) * u2;
            d[o + j] = Math.fma(radius * Math.cos(theta), std, mean);
            d[o + j + 8] = Math.fma(radius * Math.sin(theta), std, mean);
        }
    }

    // ---- module initialisation -------------------------------------------------------------

    /** {@code nn.Embedding(num, dim).weight}: normal_(0, 1), row-major [num][dim]. */
    public Matrix embeddingWeight(int num, int dim) {
        return Matrix.of(num, dim, normal(num * dim, 0.0, 1.0));
    }

    /** {@code nn.Linear(in, out)}: kaiming-uniform weight [out][in], then (if bias) uniform bias [out]. */
    public LinearInit linear(int in, int out, boolean bias) {
        double gain = Math.sqrt(2.0 / (1 + Math.pow(Math.sqrt(5.0), 2)));
        double bound = Math.sqrt(3.0) * (gain / Math.sqrt(in));
        Matrix weight = Matrix.of(out, in, uniform(out * in, -bound, bound));
        float[] b = null;
        if (bias) {
            double bb = 1 / Math.sqrt(in);
            b = uniform(out, -bb, bb);
        }
        return new LinearInit(weight, b);
    }

    /** Weight [out][in] and optional bias [out] as {@code nn.Linear} initialises them. */
    public record LinearInit(Matrix weight, float[] bias) {}

    /**
     * {@code nn.MultiheadAttention(E, h)} initialisation: out_proj is built first (its bias draws are
     * consumed, then zeroed), then xavier-uniform in_proj_weight [3E][E]; both biases are zero.
     */
    public MhaInit multiheadAttention(int embedDim) {
        LinearInit outProj = linear(embedDim, embedDim, true);
        double bound = Math.sqrt(3.0) * Math.sqrt(2.0 / (embedDim + 3.0 * embedDim));
        Matrix inProj = Matrix.of(3 * embedDim, embedDim, uniform(3 * embedDim * embedDim, -bound, bound));
        return new MhaInit(inProj, new float[3 * embedDim], outProj.weight(), new float[embedDim]);
    }

    /** The four parameters of {@code nn.MultiheadAttention} in torch's state_dict order. */
    public record MhaInit(Matrix inProjWeight, float[] inProjBias, Matrix outProjWeight, float[] outProjBias) {}

    // ---- sampling --------------------------------------------------------------------------

    /** {@code tensor.exponential_(lambd)} on a float32 tensor of n elements. */
    public float[] exponential(int n, double lambd) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) exponentialDouble(lambd);
        return out;
    }

    /** {@code tensor.exponential_(lambd)} on a float64 tensor. */
    public double[] exponentialDouble(int n, double lambd) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = exponentialDouble(lambd);
        return out;
    }

    private double exponentialDouble(double lambd) {
        double u = uniformDouble01();
        return (-1.0 / lambd) * Math.log(1.0 - u);
    }

    /**
     * {@code torch.multinomial(p, k, replacement)} on a 1-D float32 probability vector (need not sum
     * to 1). Without replacement: the exponential race, {@code topk(p / Exp(1), k)}. With
     * replacement: inverse-CDF on float32 cumulative sums, one uniform double per sample.
     */
    public int[] multinomial(float[] p, int numSamples, boolean replacement) {
        return multinomial(new float[][] {p}, numSamples, replacement)[0];
    }

    /** {@code torch.multinomial} on a 2-D [rows × n] tensor: one set of samples per row. */
    public int[][] multinomial(float[][] p, int numSamples, boolean replacement) {
        if (numSamples < 1) throw new InvalidInputException("multinomial needs num_samples >= 1");
        for (float[] row : p) checkDistribution(row, numSamples, replacement);
        int[][] out = new int[p.length][];
        if (replacement) {
            for (int r = 0; r < p.length; r++) out[r] = multinomialWithReplacement(p[r], numSamples);
            return out;
        }
        // torch fills exponential_ over the whole tensor first, then races each row.
        float[][] q = new float[p.length][];
        for (int r = 0; r < p.length; r++) q[r] = exponential(p[r].length, 1.0);
        for (int r = 0; r < p.length; r++) out[r] = race(p[r], q[r], numSamples);
        return out;
    }

    private static void checkDistribution(float[] p, int numSamples, boolean replacement) {
        if (p.length == 0) throw new InvalidInputException("multinomial needs at least one category");
        int positive = 0;
        for (float v : p) {
            if (!(v >= 0) || Float.isInfinite(v)) {
                throw new InvalidInputException("multinomial probabilities must be finite and >= 0, got " + v);
            }
            if (v > 0) positive++;
        }
        if (positive == 0) throw new InvalidInputException("multinomial probabilities sum to 0");
        if (!replacement && numSamples > positive) {
            throw new InvalidInputException("cannot draw " + numSamples + " samples without replacement from "
                    + positive + " non-zero categories");
        }
    }

    private static int[] race(float[] p, float[] q, int k) {
        float[] keys = new float[p.length];
        for (int i = 0; i < p.length; i++) keys[i] = p[i] / q[i];
        int[] chosen = new int[k];
        boolean[] taken = new boolean[p.length];
        for (int s = 0; s < k; s++) {
            int best = -1;
            for (int i = 0; i < keys.length; i++) {
                if (!taken[i] && (best < 0 || keys[i] > keys[best])) best = i;
            }
            taken[best] = true;
            chosen[s] = best;
        }
        return chosen;
    }

    private int[] multinomialWithReplacement(float[] p, int numSamples) {
        int n = p.length;
        float[] cum = new float[n];
        float acc = 0f;
        for (int j = 0; j < n; j++) {
            acc += p[j];
            cum[j] = acc;
        }
        for (int j = 0; j < n; j++) cum[j] = cum[j] / acc;
        cum[n - 1] = 1f;
        int[] out = new int[numSamples];
        for (int s = 0; s < numSamples; s++) {
            double u = uniformDouble01();
            int lo = 0;
            int hi = n;
            while (hi > lo) {
                int mid = lo + (hi - lo) / 2;
                if (cum[mid] < u) lo = mid + 1;
                else hi = mid;
            }
            out[s] = lo;
        }
        return out;
    }
}

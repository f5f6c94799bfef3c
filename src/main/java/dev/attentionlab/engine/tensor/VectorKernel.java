package dev.attentionlab.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: a tile of 8 result rows × 3 vectors (48 columns with AVX-512) stays in
 * registers while k runs over the whole inner dimension, so each step loads 3 vectors of b and 8
 * numbers of a for 24 multiply-adds, where the scalar kernel loads and stores its result rows at
 * every k. Rows left over go by 4, a vector at a time, then one at a time. Multiply and add stay
 * separate operations, so every element is the same sum, in the same order, as in
 * {@link ScalarKernel}: bit for bit. Only loaded where the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (see {@link MatMulKernel#best}).
 */
final class VectorKernel implements MatMulKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "Vector API, " + S.vectorBitSize() + "-bit (" + L + " floats)";
    }

    @Override
    public void multiply(float[] a, int inner, Matrix other, float[] out, int from, int to) {
        float[] b = other.raw();
        int n = other.cols();
        int by8 = from + (to - from) / 8 * 8;
        int by4 = by8 + (to - by8) / 4 * 4;
        // Column panels outside, row tiles inside: a panel of b (inner × 48 floats) stays in cache
        // while every row tile of this range passes over it, instead of all of b per row tile.
        int j = 0;
        for (; j + 3 * L <= n; j += 3 * L) {
            for (int i = from; i < by8; i += 8) eightRowsThreeVectors(a, inner, b, n, out, i, j);
            // Four rows left over: one vector at a time, as the columns after the panels go.
            for (int i = by8; i < by4; i += 4) {
                for (int v = 0; v < 3; v++) fourRowsOneVector(a, inner, b, n, out, i, j + v * L);
            }
        }
        for (; j + L <= n; j += L) {
            for (int i = from; i < by4; i += 4) fourRowsOneVector(a, inner, b, n, out, i, j);
        }
        if (j < n && by4 > from) lastColumns(a, inner, b, n, out, from, by4, j);
        for (int i = by4; i < to; i++) oneRow(a, inner, b, n, out, i);
    }

    /**
     * The main tile: 24 accumulators, 3 vectors of b and one of a fill 28 of AVX-512's 32 registers.
     * Each step loads 3 vectors and 8 numbers for 24 multiply-adds; measured on this machine's
     * 128×768·768×768, twice the rate of the 4 × 3 tile it replaced (≈ 170 against ≈ 80 GFLOP/s a core). The
     * stores are written out: a vector passed to a helper that is not inlined is boxed, and this
     * method is already too large for C2 to inline one.
     */
    private static void eightRowsThreeVectors(float[] a, int inner, float[] b, int n, float[] out, int i0, int j) {
        int r0 = i0 * inner;
        int r1 = r0 + inner;
        int r2 = r1 + inner;
        int r3 = r2 + inner;
        int r4 = r3 + inner;
        int r5 = r4 + inner;
        int r6 = r5 + inner;
        int r7 = r6 + inner;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c52 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c62 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S), c72 = FloatVector.zero(S);
        for (int k = 0, bk = j; k < inner; k++, bk += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[r0 + k]);
            c00 = c00.add(b0.mul(a0));
            c01 = c01.add(b1.mul(a0));
            c02 = c02.add(b2.mul(a0));
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + k]);
            c10 = c10.add(b0.mul(a1));
            c11 = c11.add(b1.mul(a1));
            c12 = c12.add(b2.mul(a1));
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + k]);
            c20 = c20.add(b0.mul(a2));
            c21 = c21.add(b1.mul(a2));
            c22 = c22.add(b2.mul(a2));
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + k]);
            c30 = c30.add(b0.mul(a3));
            c31 = c31.add(b1.mul(a3));
            c32 = c32.add(b2.mul(a3));
            FloatVector a4 = FloatVector.broadcast(S, a[r4 + k]);
            c40 = c40.add(b0.mul(a4));
            c41 = c41.add(b1.mul(a4));
            c42 = c42.add(b2.mul(a4));
            FloatVector a5 = FloatVector.broadcast(S, a[r5 + k]);
            c50 = c50.add(b0.mul(a5));
            c51 = c51.add(b1.mul(a5));
            c52 = c52.add(b2.mul(a5));
            FloatVector a6 = FloatVector.broadcast(S, a[r6 + k]);
            c60 = c60.add(b0.mul(a6));
            c61 = c61.add(b1.mul(a6));
            c62 = c62.add(b2.mul(a6));
            FloatVector a7 = FloatVector.broadcast(S, a[r7 + k]);
            c70 = c70.add(b0.mul(a7));
            c71 = c71.add(b1.mul(a7));
            c72 = c72.add(b2.mul(a7));
        }
        int o = i0 * n + j;
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c02.intoArray(out, o + 2 * L);
        c10.intoArray(out, o + n);
        c11.intoArray(out, o + n + L);
        c12.intoArray(out, o + n + 2 * L);
        c20.intoArray(out, o + 2 * n);
        c21.intoArray(out, o + 2 * n + L);
        c22.intoArray(out, o + 2 * n + 2 * L);
        c30.intoArray(out, o + 3 * n);
        c31.intoArray(out, o + 3 * n + L);
        c32.intoArray(out, o + 3 * n + 2 * L);
        c40.intoArray(out, o + 4 * n);
        c41.intoArray(out, o + 4 * n + L);
        c42.intoArray(out, o + 4 * n + 2 * L);
        c50.intoArray(out, o + 5 * n);
        c51.intoArray(out, o + 5 * n + L);
        c52.intoArray(out, o + 5 * n + 2 * L);
        c60.intoArray(out, o + 6 * n);
        c61.intoArray(out, o + 6 * n + L);
        c62.intoArray(out, o + 6 * n + 2 * L);
        c70.intoArray(out, o + 7 * n);
        c71.intoArray(out, o + 7 * n + L);
        c72.intoArray(out, o + 7 * n + 2 * L);
    }

    private static void fourRowsOneVector(float[] a, int inner, float[] b, int n, float[] out, int i0, int j) {
        int r0 = i0 * inner;
        int r1 = r0 + inner;
        int r2 = r1 + inner;
        int r3 = r2 + inner;
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        for (int k = 0, bk = j; k < inner; k++, bk += n) {
            FloatVector bv = FloatVector.fromArray(S, b, bk);
            c0 = c0.add(bv.mul(FloatVector.broadcast(S, a[r0 + k])));
            c1 = c1.add(bv.mul(FloatVector.broadcast(S, a[r1 + k])));
            c2 = c2.add(bv.mul(FloatVector.broadcast(S, a[r2 + k])));
            c3 = c3.add(bv.mul(FloatVector.broadcast(S, a[r3 + k])));
        }
        int o = i0 * n + j;
        c0.intoArray(out, o);
        c1.intoArray(out, o + n);
        c2.intoArray(out, o + 2 * n);
        c3.intoArray(out, o + 3 * n);
    }

    /**
     * Columns [j0, n) of rows [from, to), fewer than a vector (a head's 12 columns, the last 9 of a
     * 73-piece vocabulary), with the vector running down the rows instead: a's rows transposed so
     * that 16 of them sit side by side, times b's number at (k, j). Each lane is still its element's
     * sum over k in ascending order, multiply then add.
     */
    private static void lastColumns(float[] a, int inner, float[] b, int n, float[] out, int from, int to, int j0) {
        int rows = to - from;
        int stride = (rows + L - 1) / L * L;
        float[] aT = new float[inner * stride];
        for (int i = 0; i < rows; i++) {
            for (int k = 0, r = (from + i) * inner; k < inner; k++) aT[k * stride + i] = a[r + k];
        }
        float[] lanes = new float[4 * L];
        // Four columns at a time share each load of a's rows.
        int j = j0;
        for (; j + 4 <= n; j += 4) {
            for (int i0 = 0; i0 < rows; i0 += L) {
                FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
                for (int k = 0, bk = j; k < inner; k++, bk += n) {
                    FloatVector ak = FloatVector.fromArray(S, aT, k * stride + i0);
                    c0 = c0.add(ak.mul(FloatVector.broadcast(S, b[bk])));
                    c1 = c1.add(ak.mul(FloatVector.broadcast(S, b[bk + 1])));
                    c2 = c2.add(ak.mul(FloatVector.broadcast(S, b[bk + 2])));
                    c3 = c3.add(ak.mul(FloatVector.broadcast(S, b[bk + 3])));
                }
                c0.intoArray(lanes, 0);
                c1.intoArray(lanes, L);
                c2.intoArray(lanes, 2 * L);
                c3.intoArray(lanes, 3 * L);
                for (int l = 0, end = Math.min(L, rows - i0); l < end; l++) {
                    int o = (from + i0 + l) * n + j;
                    out[o] = lanes[l];
                    out[o + 1] = lanes[L + l];
                    out[o + 2] = lanes[2 * L + l];
                    out[o + 3] = lanes[3 * L + l];
                }
            }
        }
        for (; j < n; j++) {
            for (int i0 = 0; i0 < rows; i0 += L) {
                FloatVector c = FloatVector.zero(S);
                for (int k = 0; k < inner; k++) {
                    c = c.add(FloatVector.fromArray(S, aT, k * stride + i0).mul(FloatVector.broadcast(S, b[k * n + j])));
                }
                c.intoArray(lanes, 0);
                for (int l = 0, end = Math.min(L, rows - i0); l < end; l++) out[(from + i0 + l) * n + j] = lanes[l];
            }
        }
    }

    /**
     * One row, as the scalar kernel does it: for each k, the row's running sums gain a[k] times row k of
     * b. b is read once, front to back (a vocabulary of 50,257 × 768 streams instead of striding), and
     * every element is still summed over k in ascending order.
     */
    private static void oneRow(float[] a, int inner, float[] b, int n, float[] out, int i) {
        oneRow(a, inner, b, n, out, i, 0, n);
    }

    /** Columns [from, to) of one row: cores can share a long row (a vocabulary's logits) by columns. */
    static void oneRow(float[] a, int inner, float[] b, int n, float[] out, int i, int from, int to) {
        int r = i * inner;
        int o = i * n;
        int vectorEnd = from + (to - from) / L * L;
        for (int k = 0; k < inner; k++) {
            float ak = a[r + k];
            FloatVector av = FloatVector.broadcast(S, ak);
            int bk = k * n;
            int j = from;
            for (; j < vectorEnd; j += L) {
                FloatVector.fromArray(S, out, o + j).add(FloatVector.fromArray(S, b, bk + j).mul(av)).intoArray(out, o + j);
            }
            for (; j < to; j++) out[o + j] += ak * b[bk + j];
        }
    }

    @Override
    public void multiplyRowColumns(float[] a, int inner, Matrix other, float[] out, int row, int from, int to) {
        oneRow(a, inner, other.raw(), other.cols(), out, row, from, to);
    }
}

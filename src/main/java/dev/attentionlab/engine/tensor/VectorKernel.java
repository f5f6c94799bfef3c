package dev.attentionlab.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: a tile of 4 result rows × 3 vectors (48 columns with AVX-512) stays in
 * registers while k runs over the whole inner dimension, so each step loads 3 vectors of b and 4
 * numbers of a for 12 multiply-adds, where the scalar kernel loads and stores its result rows at
 * every k. Multiply and add stay separate operations, so every element is the same sum, in the same
 * order, as in {@link ScalarKernel}: bit for bit. Only loaded where the JVM runs with
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
        int tiled = from + (to - from) / 4 * 4;
        // Column panels outside, row tiles inside: a panel of b (inner × 48 floats) stays in cache
        // while every row tile of this range passes over it, instead of all of b per row tile.
        int j = 0;
        for (; j + 3 * L <= n; j += 3 * L) {
            for (int i = from; i < tiled; i += 4) fourRowsThreeVectors(a, inner, b, n, out, i, j);
        }
        for (; j + L <= n; j += L) {
            for (int i = from; i < tiled; i += 4) fourRowsOneVector(a, inner, b, n, out, i, j);
        }
        for (; j < n; j++) {
            for (int i = from; i < tiled; i += 4) fourRowsOneColumn(a, inner, b, n, out, i, j);
        }
        for (int i = tiled; i < to; i++) oneRow(a, inner, b, n, out, i);
    }

    private static void fourRowsThreeVectors(float[] a, int inner, float[] b, int n, float[] out, int i0, int j) {
        int r0 = i0 * inner;
        int r1 = r0 + inner;
        int r2 = r1 + inner;
        int r3 = r2 + inner;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
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
        }
        int o = i0 * n + j;
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c02.intoArray(out, o + 2 * L);
        o += n;
        c10.intoArray(out, o);
        c11.intoArray(out, o + L);
        c12.intoArray(out, o + 2 * L);
        o += n;
        c20.intoArray(out, o);
        c21.intoArray(out, o + L);
        c22.intoArray(out, o + 2 * L);
        o += n;
        c30.intoArray(out, o);
        c31.intoArray(out, o + L);
        c32.intoArray(out, o + 2 * L);
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

    private static void fourRowsOneColumn(float[] a, int inner, float[] b, int n, float[] out, int i0, int j) {
        int r0 = i0 * inner;
        int r1 = r0 + inner;
        int r2 = r1 + inner;
        int r3 = r2 + inner;
        float c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (int k = 0, bk = j; k < inner; k++, bk += n) {
            float bj = b[bk];
            c0 += a[r0 + k] * bj;
            c1 += a[r1 + k] * bj;
            c2 += a[r2 + k] * bj;
            c3 += a[r3 + k] * bj;
        }
        int o = i0 * n + j;
        out[o] = c0;
        out[o + n] = c1;
        out[o + 2 * n] = c2;
        out[o + 3 * n] = c3;
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

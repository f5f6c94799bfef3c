package dev.attentionlab.engine.tensor;

import java.util.Arrays;

/**
 * Plain Java, four result rows at a time against each row of b. Both sides of the inner loop are
 * indexed by the same plain {@code j} (b's rows are separate arrays): HotSpot's C2 only vectorises a
 * loop when it can rule out overlap between arrays, and {@code c[j]} against {@code b[k·n + j]} is a
 * case it cannot (measured: 6 GFLOP/s scalar, 30+ vectorised). The reference the vector kernel is
 * tested against, and the kernel wherever the Vector API is not enabled.
 */
final class ScalarKernel implements MatMulKernel {
    @Override
    public String name() {
        return "scalar (C2 auto-vectorised)";
    }

    @Override
    public void multiply(float[] a, int inner, Matrix other, float[] out, int from, int to) {
        float[][] b = other.rowArrays();
        for (int i0 = from; i0 < to; i0 += 4) block(a, inner, b, other.cols(), out, i0, Math.min(4, to - i0));
    }

    @Override
    public void multiplyRowColumns(float[] a, int inner, Matrix other, float[] out, int row, int from, int to) {
        float[][] b = other.rowArrays();
        int n = other.cols();
        float[] c = new float[to - from];
        for (int k = 0; k < inner; k++) {
            float ak = a[row * inner + k];
            float[] bk = b[k];
            for (int j = from; j < to; j++) c[j - from] += ak * bk[j];
        }
        System.arraycopy(c, 0, out, row * n + from, to - from);
    }

    private static void block(float[] a, int inner, float[][] b, int n, float[] out, int i0, int count) {
        if (count < 4) {
            float[] c = new float[n];
            for (int i = i0; i < i0 + count; i++) {
                Arrays.fill(c, 0f);
                for (int k = 0; k < inner; k++) {
                    float ak = a[i * inner + k];
                    float[] bk = b[k];
                    for (int j = 0; j < n; j++) c[j] += ak * bk[j];
                }
                System.arraycopy(c, 0, out, i * n, n);
            }
            return;
        }
        float[] c0 = new float[n];
        float[] c1 = new float[n];
        float[] c2 = new float[n];
        float[] c3 = new float[n];
        int r0 = i0 * inner;
        int r1 = r0 + inner;
        int r2 = r1 + inner;
        int r3 = r2 + inner;
        for (int k = 0; k < inner; k++) {
            float a0 = a[r0 + k];
            float a1 = a[r1 + k];
            float a2 = a[r2 + k];
            float a3 = a[r3 + k];
            float[] bk = b[k];
            for (int j = 0; j < n; j++) {
                float bj = bk[j];
                c0[j] += a0 * bj;
                c1[j] += a1 * bj;
                c2[j] += a2 * bj;
                c3[j] += a3 * bj;
            }
        }
        System.arraycopy(c0, 0, out, i0 * n, n);
        System.arraycopy(c1, 0, out, (i0 + 1) * n, n);
        System.arraycopy(c2, 0, out, (i0 + 2) * n, n);
        System.arraycopy(c3, 0, out, (i0 + 3) * n, n);
    }
}

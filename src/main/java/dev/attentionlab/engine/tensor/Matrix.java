package dev.attentionlab.engine.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable row-major float32 matrix. Every operation returns a new matrix, so a trace can hand
 * the same instances to the UI, the exporters and the tests.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    private Matrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix over a copy of {@code data} (row-major, length rows×cols). */
    public static Matrix of(int rows, int cols, float[] data) {
        if (rows < 0 || cols < 0 || data.length != rows * cols) {
            throw new IllegalArgumentException("data of length " + data.length + " is not " + rows + "×" + cols);
        }
        return new Matrix(rows, cols, data.clone());
    }

    /** Takes ownership of {@code data}: for the engine's freshly computed arrays only. */
    public static Matrix wrap(int rows, int cols, float[] data) {
        return new Matrix(rows, cols, data);
    }

    /** The backing array, not a copy: for engine code that reads it and never writes. */
    public float[] raw() {
        return data;
    }

    public static Matrix fromRows(float[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rowsData[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new float[rows * cols]);
    }

    /** A 1×n matrix. */
    public static Matrix rowVector(float[] values) {
        return of(1, values.length, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(int i, int j) {
        return data[i * cols + j];
    }

    public float[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    public float[] column(int j) {
        float[] c = new float[rows];
        for (int i = 0; i < rows; i++) c[i] = data[i * cols + j];
        return c;
    }

    /** A copy of the row-major values. */
    public float[] toArray() {
        return data.clone();
    }

    public float[][] toRows() {
        float[][] r = new float[rows][];
        for (int i = 0; i < rows; i++) r[i] = row(i);
        return r;
    }

    /** "10×24". */
    public String shape() {
        return rows + "×" + cols;
    }

    /** Below this many multiply-adds a product stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;

    /** The rows as separate arrays, made on first use (the matrix never changes, so it is made once). */
    private volatile float[][] rowArrays;

    private float[][] rowArrays() {
        float[][] r = rowArrays;
        if (r == null) {
            r = toRows();
            rowArrays = r;
        }
        return r;
    }

    /**
     * this · other. Four rows of the result are accumulated at once against each row of
     * {@code other}. Both sides of the inner loop are indexed by the same plain {@code j} (the rows
     * of {@code other} are separate arrays): HotSpot's C2 only vectorises a loop when it can rule
     * out overlap between arrays, and {@code c[j]} against {@code b[k·n + j]} is a case it cannot
     * (measured: 6 GFLOP/s scalar, 30+ vectorised). Every element is still summed over k in
     * ascending order, so the result is bit-identical to the textbook loop. Large products split
     * their row blocks over the cores.
     */
    public Matrix times(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape());
        }
        int n = other.cols;
        float[] out = new float[rows * n];
        float[][] b = other.rowArrays();
        int blocks = (rows + 3) / 4;
        if ((long) rows * cols * n >= PARALLEL_WORK && blocks > 1) {
            java.util.stream.IntStream.range(0, blocks).parallel().forEach(blk -> timesBlock(b, n, out, blk * 4));
        } else {
            for (int blk = 0; blk < blocks; blk++) timesBlock(b, n, out, blk * 4);
        }
        return new Matrix(rows, n, out);
    }

    private void timesBlock(float[][] b, int n, float[] out, int i0) {
        int count = Math.min(4, rows - i0);
        if (count < 4) {
            float[] c = new float[n];
            for (int i = i0; i < i0 + count; i++) {
                java.util.Arrays.fill(c, 0f);
                for (int k = 0; k < cols; k++) {
                    float a = data[i * cols + k];
                    float[] bk = b[k];
                    for (int j = 0; j < n; j++) c[j] += a * bk[j];
                }
                System.arraycopy(c, 0, out, i * n, n);
            }
            return;
        }
        float[] c0 = new float[n];
        float[] c1 = new float[n];
        float[] c2 = new float[n];
        float[] c3 = new float[n];
        int r0 = i0 * cols;
        int r1 = r0 + cols;
        int r2 = r1 + cols;
        int r3 = r2 + cols;
        for (int k = 0; k < cols; k++) {
            float a0 = data[r0 + k];
            float a1 = data[r1 + k];
            float a2 = data[r2 + k];
            float a3 = data[r3 + k];
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

    /** this · otherᵀ (through the transpose, so it shares the fast kernel; same sums, same bits). */
    public Matrix timesTransposed(Matrix other) {
        if (cols != other.cols) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by the transpose of " + other.shape());
        }
        return times(other.transpose());
    }

    public Matrix transpose() {
        float[] out = new float[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
        }
        return new Matrix(cols, rows, out);
    }

    public Matrix scale(float factor) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) out[i] = data[i] * factor;
        return new Matrix(rows, cols, out);
    }

    /** Element-wise division (as torch does {@code x / c}, which is not always {@code x * (1/c)}). */
    public Matrix divide(float divisor) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) out[i] = data[i] / divisor;
        return new Matrix(rows, cols, out);
    }

    public Matrix plus(Matrix other) {
        requireSameShape(other);
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) out[i] = data[i] + other.data[i];
        return new Matrix(rows, cols, out);
    }

    /** Adds {@code bias} to every row (broadcast, as in {@code x @ W.T + b}). */
    public Matrix plusRow(float[] bias) {
        if (bias.length != cols) {
            throw new IllegalArgumentException("bias of length " + bias.length + " does not fit " + shape());
        }
        float[] out = new float[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] + bias[j];
        }
        return new Matrix(rows, cols, out);
    }

    /** Columns [from, to). */
    public Matrix columns(int from, int to) {
        int w = to - from;
        float[] out = new float[rows * w];
        for (int i = 0; i < rows; i++) System.arraycopy(data, i * cols + from, out, i * w, w);
        return new Matrix(rows, w, out);
    }

    /** Rows [from, to). */
    public Matrix rowRange(int from, int to) {
        return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
    }

    /** The given rows, in order (an embedding lookup). */
    public Matrix selectRows(int[] indices) {
        float[] out = new float[indices.length * cols];
        for (int r = 0; r < indices.length; r++) System.arraycopy(data, indices[r] * cols, out, r * cols, cols);
        return new Matrix(indices.length, cols, out);
    }

    /** Side-by-side concatenation [A | B | …], all with the same number of rows. */
    public static Matrix hconcat(List<Matrix> parts) {
        int r = parts.get(0).rows;
        int c = 0;
        for (Matrix p : parts) {
            if (p.rows != r) throw new IllegalArgumentException("cannot concatenate " + p.shape() + " beside " + r + " rows");
            c += p.cols;
        }
        float[] out = new float[r * c];
        int offset = 0;
        for (Matrix p : parts) {
            for (int i = 0; i < r; i++) System.arraycopy(p.data, i * p.cols, out, i * c + offset, p.cols);
            offset += p.cols;
        }
        return new Matrix(r, c, out);
    }

    /** The mean of same-shaped matrices, element by element (torch sums, then divides). */
    public static Matrix mean(List<Matrix> parts) {
        Matrix first = parts.get(0);
        float[] out = new float[first.data.length];
        for (Matrix p : parts) {
            first.requireSameShape(p);
            for (int i = 0; i < out.length; i++) out[i] += p.data[i];
        }
        for (int i = 0; i < out.length; i++) out[i] /= parts.size();
        return new Matrix(first.rows, first.cols, out);
    }

    /** The mean over rows of each row's largest finite value: how peaked a weight matrix is. */
    public float meanRowMax() {
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < rows; i++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) if (Float.isFinite(data[i * cols + j])) m = Math.max(m, data[i * cols + j]);
            if (m > Float.NEGATIVE_INFINITY) {
                sum += m;
                counted++;
            }
        }
        return counted == 0 ? Float.NaN : (float) (sum / counted);
    }

    /** The standard deviation of the finite entries. */
    public float std() {
        double s = 0;
        double s2 = 0;
        int n = 0;
        for (float v : data) {
            if (!Float.isFinite(v)) continue;
            s += v;
            s2 += (double) v * v;
            n++;
        }
        if (n == 0) return Float.NaN;
        double mean = s / n;
        return (float) Math.sqrt(Math.max(0, s2 / n - mean * mean));
    }

    private void requireSameShape(Matrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("shapes differ: " + shape() + " and " + other.shape());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Matrix " + shape();
    }
}

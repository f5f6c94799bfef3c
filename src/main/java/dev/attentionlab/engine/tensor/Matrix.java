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

    /**
     * A matrix of the floats {@code values} holds from its position on: the file readers' one copy out
     * of a file's bytes (a copy and then {@link #of}'s copy again would need twice a 47 MB embedding).
     */
    public static Matrix read(int rows, int cols, java.nio.FloatBuffer values) {
        if (rows < 0 || cols < 0 || values.remaining() < (long) rows * cols) {
            throw new IllegalArgumentException(values.remaining() + " floats are not " + rows + "×" + cols);
        }
        float[] data = new float[rows * cols];
        values.get(data);
        return new Matrix(rows, cols, data);
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

    float[][] rowArrays() {
        float[][] r = rowArrays;
        if (r == null) {
            r = toRows();
            rowArrays = r;
        }
        return r;
    }

    /** The kernel products run on: the Vector API's where the JVM has the module, else plain Java; the same bits either way. */
    static final MatMulKernel KERNEL = MatMulKernel.best();

    /** Which kernel {@link #times} uses, as bench prints it. */
    public static String kernelName() {
        return KERNEL.name();
    }

    /** this · other; large products split their row blocks over the cores. */
    public Matrix times(Matrix other) {
        return times(other, KERNEL);
    }

    Matrix times(Matrix other, MatMulKernel kernel) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape());
        }
        int n = other.cols;
        float[] out = new float[rows * n];
        // Two row ranges per core, each a multiple of the kernel's widest tile (8 rows): enough to
        // balance, few enough that a kernel passes each range's rows over a panel of other while it is
        // in cache.
        int cores = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
        int chunk = Math.max(8, ((rows + 2 * cores - 1) / (2 * cores) + 7) / 8 * 8);
        int chunks = (rows + chunk - 1) / chunk;
        if (rows == 1 && (long) cols * n >= PARALLEL_WORK) {
            // One long row (a token's logits over a vocabulary, a matrix-vector product of decoding): split its columns.
            int parts = 2 * cores;
            int width = ((n + parts - 1) / parts + 15) / 16 * 16;
            java.util.stream.IntStream.range(0, (n + width - 1) / width).parallel()
                    .forEach(c -> kernel.multiplyRowColumns(data, cols, other, out, 0, c * width, Math.min(n, c * width + width)));
        } else if ((long) rows * cols * n >= PARALLEL_WORK && chunks > 1) {
            java.util.stream.IntStream.range(0, chunks).parallel()
                    .forEach(c -> kernel.multiply(data, cols, other, out, c * chunk, Math.min(rows, c * chunk + chunk)));
        } else {
            kernel.multiply(data, cols, other, out, 0, rows);
        }
        return new Matrix(rows, n, out);
    }

    /** this · otherᵀ (through the transpose, so it shares the fast kernel; same sums, same bits). */
    public Matrix timesTransposed(Matrix other) {
        if (cols != other.cols) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by the transpose of " + other.shape());
        }
        return times(other.transpose());
    }

    private volatile Matrix kept;

    /**
     * The transpose, made on first use and kept with this matrix (which never changes): for a weight
     * that every sequence of a training batch multiplies by, or an activation that three gradients
     * read. Traces use {@link #transpose()}, so they do not hold a second copy of their matrices.
     */
    public Matrix transposeKept() {
        Matrix t = kept;
        if (t == null) kept = t = transpose();
        return t;
    }

    public Matrix transpose() {
        float[] out = new float[data.length];
        // In 16 × 16 blocks: the writes, a column apart, then fall in 16 cache lines that stay in L1
        // instead of one line per element (training transposes thousands of small matrices a step).
        for (int i0 = 0; i0 < rows; i0 += 16) {
            int iEnd = Math.min(rows, i0 + 16);
            for (int j0 = 0; j0 < cols; j0 += 16) {
                int jEnd = Math.min(cols, j0 + 16);
                for (int i = i0; i < iEnd; i++) {
                    for (int j = j0; j < jEnd; j++) out[j * rows + i] = data[i * cols + j];
                }
            }
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
        // Row by row through an array indexed like bias, the shape of loop C2 vectorises (see ScalarKernel).
        float[] row = new float[cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) row[j] += bias[j];
            System.arraycopy(row, 0, out, i * cols, cols);
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

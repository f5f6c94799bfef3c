package dev.attentionlab.engine.tensor;

import dev.attentionlab.engine.InvalidInputException;
import java.util.Arrays;

/**
 * An immutable boolean [queries × keys] mask; {@code true} means query i must NOT attend key j
 * (PyTorch's convention for boolean masks).
 */
public final class MaskMatrix {
    private final int rows;
    private final int cols;
    private final boolean[] masked;

    private MaskMatrix(int rows, int cols, boolean[] masked) {
        this.rows = rows;
        this.cols = cols;
        this.masked = masked;
    }

    public static MaskMatrix none(int rows, int cols) {
        return new MaskMatrix(rows, cols, new boolean[rows * cols]);
    }

    /** Query i may attend keys 0..i only (upper triangle above the diagonal masked). */
    public static MaskMatrix causal(int rows, int cols) {
        boolean[] m = new boolean[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = i + 1; j < cols; j++) m[i * cols + j] = true;
        return new MaskMatrix(rows, cols, m);
    }

    /** Every query ignores the keys marked as padding. */
    public static MaskMatrix keyPadding(int rows, boolean[] paddedKeys) {
        int cols = paddedKeys.length;
        boolean[] m = new boolean[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i * cols + j] = paddedKeys[j];
        return new MaskMatrix(rows, cols, m);
    }

    public static MaskMatrix of(boolean[][] cells) {
        int r = cells.length;
        int c = r == 0 ? 0 : cells[0].length;
        boolean[] m = new boolean[r * c];
        for (int i = 0; i < r; i++) {
            if (cells[i].length != c) {
                throw new InvalidInputException("mask row " + i + " has " + cells[i].length + " entries, row 0 has " + c);
            }
            System.arraycopy(cells[i], 0, m, i * c, c);
        }
        return new MaskMatrix(r, c, m);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public boolean isMasked(int i, int j) {
        return masked[i * cols + j];
    }

    /** True where either mask is true (how PyTorch merges attn_mask and key_padding_mask). */
    public MaskMatrix or(MaskMatrix other) {
        requireShape(other.rows, other.cols);
        boolean[] m = new boolean[masked.length];
        for (int i = 0; i < m.length; i++) m[i] = masked[i] || other.masked[i];
        return new MaskMatrix(rows, cols, m);
    }

    /** A copy with cell (i, j) flipped: what the mask editor does on a click. */
    public MaskMatrix toggled(int i, int j) {
        boolean[] m = masked.clone();
        m[i * cols + j] = !m[i * cols + j];
        return new MaskMatrix(rows, cols, m);
    }

    /**
     * {@code mask} with the padded keys masked too, as PyTorch merges attn_mask and key_padding_mask;
     * just the padding when {@code mask} is null.
     */
    public static MaskMatrix withKeyPadding(MaskMatrix mask, int rows, boolean[] paddedKeys) {
        MaskMatrix padding = keyPadding(rows, paddedKeys);
        return mask == null ? padding : mask.or(padding);
    }

    /** {@code scores} with every masked cell replaced by {@code fill}. */
    public Matrix fill(Matrix scores, float fill) {
        requireShape(scores.rows(), scores.cols());
        float[] out = scores.toArray();
        for (int i = 0; i < out.length; i++) if (masked[i]) out[i] = fill;
        return Matrix.wrap(rows, cols, out);
    }

    /** This mask on a new [rows × cols] grid: cells that existed keep their state, new ones are unmasked. */
    public MaskMatrix resized(int newRows, int newCols) {
        boolean[] m = new boolean[newRows * newCols];
        for (int i = 0; i < Math.min(rows, newRows); i++) {
            for (int j = 0; j < Math.min(cols, newCols); j++) m[i * newCols + j] = masked[i * cols + j];
        }
        return new MaskMatrix(newRows, newCols, m);
    }

    /** True when every key of row i is masked: the softmax has nothing to normalise. */
    public boolean rowFullyMasked(int i) {
        for (int j = 0; j < cols; j++) if (!masked[i * cols + j]) return false;
        return cols > 0;
    }

    /** How many cells are masked. */
    public int count() {
        int n = 0;
        for (boolean b : masked) if (b) n++;
        return n;
    }

    public boolean anyMasked() {
        for (boolean b : masked) if (b) return true;
        return false;
    }

    public boolean[][] toRows() {
        boolean[][] r = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(masked, i * cols, r[i], 0, cols);
        return r;
    }

    public void requireShape(int r, int c) {
        if (r != rows || c != cols) {
            throw new InvalidInputException("the mask is " + rows + "×" + cols + " but the scores are " + r + "×" + c);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.masked, masked);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(masked);
    }
}

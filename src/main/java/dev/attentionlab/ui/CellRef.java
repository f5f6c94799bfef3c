package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.MatrixId;

/** A cell of one of the trace's matrices, named by its typed identity (block, head, kind). */
public record CellRef(MatrixId matrix, int row, int col) {
    /** A cell of a matrix named as the command line and files name them ("h1.weights", "b4.h2.weights"). */
    public static CellRef of(String matrix, int row, int col) {
        return new CellRef(MatrixId.parse(matrix), row, col);
    }
}

package dev.attentionlab.engine.trace;

import java.util.List;

/**
 * The worked arithmetic behind one cell, with the engine's own value.
 *
 * @param formula    the symbolic rule, e.g. "q₂·k₅"
 * @param arithmetic the rule with the actual numbers, e.g. "scores[2][5] = q₂·k₅ = 0.124×0.440 + … = 1.231"
 * @param operands   the cells, rows or columns of other matrices this value was computed from
 */
public record CellExplanation(MatrixId matrix, int row, int col, float value, String formula, String arithmetic,
                              List<Operand> operands) {
    public CellExplanation {
        operands = List.copyOf(operands);
    }

    /** A part of a matrix an explanation refers to: a cell, a whole row (col = -1) or a whole column (row = -1). */
    public record Operand(MatrixId matrix, int row, int col) {
        public static Operand cell(MatrixId m, int r, int c) {
            return new Operand(m, r, c);
        }

        public static Operand row(MatrixId m, int r) {
            return new Operand(m, r, -1);
        }

        public static Operand column(MatrixId m, int c) {
            return new Operand(m, -1, c);
        }
    }
}

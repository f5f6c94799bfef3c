package dev.attentionlab.render;

import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.List;
import java.util.Set;

/**
 * Everything a heatmap shows: values, labels, mask, colours and what is highlighted.
 *
 * @param rowLabels   one per row, or null for indices
 * @param masked      cells drawn hatched (masked out), or null
 * @param nanRows     rows marked as NaN with a note
 * @param cell        cell size in pixels
 * @param showValues  print numbers in cells (only where they fit)
 * @param highlights  operands to outline: (row, -1) a row, (-1, col) a column, (row, col) a cell
 * @param selected    the selected cell, or null
 * @param columnGroup columns come in groups of this many (each head's block of a concat), marked by
 *                    a dark line between groups; 0 for none
 */
public record HeatmapSpec(String title, Matrix values, List<String> rowLabels, List<String> colLabels, MaskMatrix masked,
                          Set<Integer> nanRows, ColorScale scale, double cell, boolean showValues, boolean colorBar,
                          List<Cell> highlights, Cell selected, int columnGroup, double textScale, Axes axes) {

    /** What the rows and the columns are, said beside the labels ("queries ↓", "keys →"); null: unsaid. */
    public record Axes(String rows, String columns) {}

    /** A cell, or a whole row (col = -1) or column (row = -1). */
    public record Cell(int row, int col) {}

    public HeatmapSpec {
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
        nanRows = nanRows == null ? Set.of() : Set.copyOf(nanRows);
    }

    public static HeatmapSpec of(String title, Matrix values, List<String> rows, List<String> cols, Palette palette, double cell) {
        return new HeatmapSpec(title, values, rows, cols, null, Set.of(), ColorScale.forMatrix(values, palette), cell,
                true, true, List.of(), null, 0, 1, null);
    }

    public HeatmapSpec withMask(MaskMatrix m, Set<Integer> nan) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, m, nan, scale, cell, showValues, colorBar, highlights, selected, columnGroup, textScale, axes);
    }

    public HeatmapSpec withHighlights(List<Cell> h, Cell sel) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, scale, cell, showValues, colorBar, h, sel, columnGroup, textScale, axes);
    }

    public HeatmapSpec withValues(boolean show) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, scale, cell, show, colorBar, highlights, selected, columnGroup, textScale, axes);
    }

    public HeatmapSpec withColorBar(boolean bar) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, scale, cell, showValues, bar, highlights, selected, columnGroup, textScale, axes);
    }

    public HeatmapSpec withScale(ColorScale s) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, s, cell, showValues, colorBar, highlights, selected, columnGroup, textScale, axes);
    }

    /** Without row and column labels (not even numbers), for thumbnails too small to carry them. */
    public HeatmapSpec withoutLabels() {
        return new HeatmapSpec(title, values, List.of(), List.of(), masked, nanRows, scale, cell, showValues, colorBar, highlights, selected, columnGroup, textScale, axes);
    }

    /** Marks groups of {@code columns} columns, e.g. each head's d_v columns in a concat. */
    public HeatmapSpec withColumnGroups(int columns) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, scale, cell, showValues, colorBar, highlights, selected, columns, textScale, axes);
    }

    /**
     * Type {@code scale} times its usual size (titles, labels, and the cap on digits in cells): the
     * window's zoom, so classroom mode's numbers grow with its cells.
     */
    public HeatmapSpec withTextScale(double scale) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, this.scale, cell, showValues, colorBar, highlights, selected, columnGroup, scale, axes);
    }

    public HeatmapSpec withAxes(Axes a) {
        return new HeatmapSpec(title, values, rowLabels, colLabels, masked, nanRows, scale, cell, showValues, colorBar, highlights, selected, columnGroup, textScale, a);
    }

    public HeatmapSpec withTitle(String t) {
        return new HeatmapSpec(t, values, rowLabels, colLabels, masked, nanRows, scale, cell, showValues, colorBar, highlights, selected, columnGroup, textScale, axes);
    }
}

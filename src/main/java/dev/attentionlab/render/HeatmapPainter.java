package dev.attentionlab.render;

import dev.attentionlab.engine.tensor.Num;
import java.util.List;
import java.util.Locale;

/**
 * Paints a {@link HeatmapSpec}: title, column labels (rotated), row labels, coloured cells with their
 * values where they fit, hatched masked cells, NaN row markers, highlights and a colour bar with ticks.
 * The screen and the exporters call the same code, so an export looks like the screen.
 */
public final class HeatmapPainter {
    static final int TEXT = 0x222222;
    static final int MUTED = 0x666666;
    static final int MASK_BG = 0xd4d4d4;
    static final int MASK_STRIPE = 0x8a8a8a;
    static final int NAN_BG = 0xf3e0e0;
    static final int NAN_MARK = 0xc62828;
    static final int HIGHLIGHT = 0xff8f00;
    static final int SELECTED = 0x000000;
    /** The selected cell's row and column labels: darker than the highlight, to read on white. */
    static final int HIGHLIGHT_TEXT = 0xc05600;
    static final double MAX_LABEL = 110;
    static final double BAR_WIDTH = 14;
    /** Below this many pixels a cell gets no hatching, text or grid line. */
    static final double SMALL_CELL = 6;

    private HeatmapPainter() {}

    /** Where everything goes, so a view can map a mouse position back to a cell. */
    public record Layout(double gridX, double gridY, double cell, int rows, int cols, double width, double height,
                         double titleSize, double labelSize, double barX, double barWidth, double barHeight,
                         HeatmapSpec.Axes axes) {
        /** The cell under (x, y), or null. */
        public HeatmapSpec.Cell cellAt(double x, double y) {
            int c = (int) Math.floor((x - gridX) / cell);
            int r = (int) Math.floor((y - gridY) / cell);
            if (x < gridX || y < gridY || r >= rows || c >= cols) return null;
            return new HeatmapSpec.Cell(r, c);
        }
    }

    public static Layout layout(HeatmapSpec s, Surface surface) {
        double labelSize = labelSize(s.cell(), s.textScale());
        double titleSize = Math.max(13 * s.textScale(), labelSize + 3);
        double barWidth = BAR_WIDTH * s.textScale();
        double rowLabelW = maxWidth(s.rowLabels(), s.values().rows(), labelSize, s.cell(), surface);
        double colLabelW = maxWidth(s.colLabels(), s.values().cols(), labelSize, s.cell(), surface);
        // A thumbnail without labels keeps a hair of margin, so a dozen fit across a window.
        boolean bare = none(s.rowLabels()) && none(s.colLabels()) && s.title().isEmpty() && !s.colorBar();
        // The axes' names sit in the corner between the row and column labels, which grows to hold them.
        HeatmapSpec.Axes axes = bare ? null : s.axes();
        double axisSize = labelSize * 0.9;
        double cornerW = axes == null ? 0
                : Math.max(surface.textWidth(axes.rows(), axisSize, false), surface.textWidth(axes.columns(), axisSize, false));
        double cornerH = axes == null ? 0 : axisSize * 2.6 + 6;
        double gridX = bare ? 1 : 6 + Math.max(rowLabelW, cornerW) + 6;
        double gridY = bare ? 1 : (s.title().isEmpty() ? 0 : titleSize + 10) + Math.max(colLabelW * 0.72 + 8, cornerH);
        double gridW = s.cell() * s.values().cols();
        double gridH = s.cell() * s.values().rows();
        double nanW = s.nanRows().isEmpty() ? 0 : surface.textWidth("NaN", labelSize, true) + 10;
        double barW = s.colorBar() ? barWidth + 16 + surface.textWidth("−0.000", labelSize, false) + 6 : 0;
        double width = Math.max(gridX + gridW + nanW + barW + (bare ? 1 : 6), surface.textWidth(s.title(), titleSize, true) + 12);
        double barHeight = Math.max(gridH, 60 * s.textScale());
        double height = gridY + (s.colorBar() ? barHeight : gridH) + (bare ? 1 : 8);
        return new Layout(gridX, gridY, s.cell(), s.values().rows(), s.values().cols(), width, height, titleSize, labelSize,
                gridX + gridW + nanW + 10, barWidth, barHeight, axes);
    }

    public static Layout paint(HeatmapSpec s, Surface g) {
        Layout l = layout(s, g);
        int rows = l.rows();
        int cols = l.cols();
        double c = l.cell();
        g.text(s.title(), 6, l.titleSize() + 2, l.titleSize(), true, TEXT, Surface.Align.LEFT, 0);

        int every = labelStep(c, l.labelSize());
        int selRow = s.selected() == null ? -1 : s.selected().row();
        int selCol = s.selected() == null ? -1 : s.selected().col();
        for (int j = 0; j < cols && !none(s.colLabels()); j++) {
            if (!labelled(j, every, selCol)) continue;
            double x = l.gridX() + (j + 0.5) * c + l.labelSize() * 0.35;
            g.text(label(s.colLabels(), j, l.labelSize(), g), x, l.gridY() - 5, l.labelSize(), j == selCol, j == selCol ? HIGHLIGHT_TEXT : TEXT,
                    Surface.Align.LEFT, -45);
        }
        for (int i = 0; i < rows && !none(s.rowLabels()); i++) {
            if (!labelled(i, every, selRow)) continue;
            double y = l.gridY() + (i + 0.5) * c + l.labelSize() * 0.35;
            g.text(label(s.rowLabels(), i, l.labelSize(), g), l.gridX() - 6, y, l.labelSize(), i == selRow, i == selRow ? HIGHLIGHT_TEXT : TEXT,
                    Surface.Align.RIGHT, 0);
        }

        if (l.axes() != null) {
            double a = l.labelSize() * 0.9;
            g.text(l.axes().columns(), l.gridX() - 6, l.gridY() - 8 - a * 1.3, a, false, MUTED, Surface.Align.RIGHT, 0);
            g.text(l.axes().rows(), l.gridX() - 6, l.gridY() - 8, a, false, MUTED, Surface.Align.RIGHT, 0);
        }
        double valueSize = Math.min(14 * s.textScale(), c / 3.4);
        boolean values = s.showValues() && valueSize >= 8.5;
        if (c < SMALL_CELL && !g.vector()) {
            paintSmallCells(s, l, g);
        } else {
            paintCells(s, l, g, values, valueSize);
        }
        paintMarks(s, l, g);
        if (s.colorBar()) paintColorBar(s.scale(), l, g);
        return l;
    }

    /** Cells too small for hatching or text: one colour each (masked cells grey), drawn as a grid image. */
    private static void paintSmallCells(HeatmapSpec s, Layout l, Surface g) {
        int rows = l.rows();
        int cols = l.cols();
        int[] rgb = new int[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float v = s.values().get(i, j);
                boolean masked = s.masked() != null && s.masked().isMasked(i, j);
                rgb[i * cols + j] = masked ? MASK_BG : Float.isNaN(v) ? NAN_BG : s.scale().rgb(v);
            }
        }
        g.cells(l.gridX(), l.gridY(), l.cell(), rows, cols, rgb);
    }

    private static void paintCells(HeatmapSpec s, Layout l, Surface g, boolean values, double valueSize) {
        int rows = l.rows();
        int cols = l.cols();
        double c = l.cell();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = l.gridX() + j * c;
                double y = l.gridY() + i * c;
                float v = s.values().get(i, j);
                boolean masked = s.masked() != null && s.masked().isMasked(i, j);
                String tip = cellTitle(s, i, j, v, masked);
                if (masked && c >= SMALL_CELL) {
                    g.hatch(x, y, c, c, MASK_BG, MASK_STRIPE, tip);
                } else if (masked) {
                    g.cell(x, y, c, c, MASK_BG, tip);
                } else if (Float.isNaN(v)) {
                    g.cell(x, y, c, c, NAN_BG, tip);
                } else {
                    g.cell(x, y, c, c, s.scale().rgb(v), tip);
                }
                // A masked cell shows its number when it is not the usual 0: the fill in masked scores, and the
                // uniform weights of a row the −1e9 fill masked entirely.
                if (values && c >= SMALL_CELL && (!masked || v != 0f && !Float.isNaN(v))) {
                    int bg = masked ? MASK_BG : Float.isNaN(v) ? NAN_BG : s.scale().rgb(v);
                    int fg = Float.isNaN(v) ? NAN_MARK : Palette.textOn(bg);
                    g.text(compact(v), x + c / 2, y + c / 2 + valueSize * 0.36, valueSize, false, fg, Surface.Align.CENTER, 0);
                }
            }
        }
        if (c < SMALL_CELL) return;
        for (int i = 0; i <= rows; i++) g.line(l.gridX(), l.gridY() + i * c, l.gridX() + cols * c, l.gridY() + i * c, 0xffffff, 0.5);
        for (int j = 0; j <= cols; j++) g.line(l.gridX() + j * c, l.gridY(), l.gridX() + j * c, l.gridY() + rows * c, 0xffffff, 0.5);
    }

    /** "[2][5] I → attention = 0.1093" (exact float value; "masked" for hidden cells). */
    static String cellTitle(HeatmapSpec s, int i, int j, float v, boolean masked) {
        String r = s.rowLabels() == null || none(s.rowLabels()) ? "" : " " + s.rowLabels().get(i);
        String c = s.colLabels() == null || none(s.colLabels()) ? "" : (r.isEmpty() ? " " : " → ") + s.colLabels().get(j);
        String value = Float.isNaN(v) ? "NaN" : Float.isInfinite(v) ? (v < 0 ? "-Infinity" : "Infinity") : Float.toString(v);
        return "[" + i + "][" + j + "]" + r + c + " = " + value + (masked ? " (masked)" : "");
    }

    /** NaN rows, operand highlights and the selected cell, over the cells. */
    private static void paintMarks(HeatmapSpec s, Layout l, Surface g) {
        int rows = l.rows();
        int cols = l.cols();
        double c = l.cell();
        for (int j = s.columnGroup(); s.columnGroup() > 0 && j < cols; j += s.columnGroup()) {
            double x = l.gridX() + j * c;
            g.line(x, l.gridY() - 3, x, l.gridY() + rows * c + 3, TEXT, Math.max(1.5, Math.min(3, c * 0.15)));
        }
        for (int r : s.nanRows()) {
            double y = l.gridY() + r * c;
            g.strokeRect(l.gridX(), y, cols * c, c, NAN_MARK, 1.5);
            g.text("NaN", l.gridX() + cols * c + 5, y + c / 2 + l.labelSize() * 0.35, l.labelSize(), true, NAN_MARK, Surface.Align.LEFT, 0);
        }
        for (HeatmapSpec.Cell h : s.highlights()) {
            double x = h.col() < 0 ? l.gridX() : l.gridX() + h.col() * c;
            double y = h.row() < 0 ? l.gridY() : l.gridY() + h.row() * c;
            double w = h.col() < 0 ? cols * c : c;
            double hh = h.row() < 0 ? rows * c : c;
            g.strokeRect(x, y, w, hh, HIGHLIGHT, Math.max(2, c / 12));
        }
        if (s.selected() != null && s.selected().row() < rows && s.selected().col() < cols) {
            double x = l.gridX() + s.selected().col() * c;
            double y = l.gridY() + s.selected().row() * c;
            g.strokeRect(x - 1, y - 1, c + 2, c + 2, 0xffffff, 2);
            g.strokeRect(x, y, c, c, SELECTED, 2);
        }
    }

    private static void paintColorBar(ColorScale scale, Layout l, Surface g) {
        double x = l.barX();
        double top = l.gridY();
        double h = l.barHeight();
        // One image of 1-pixel rows, scaled: a renderer rasterises it once instead of hundreds of thin rectangles.
        int steps = (int) Math.max(2, Math.min(Math.round(h), 256));
        int[] rgb = new int[steps];
        for (int k = 0; k < steps; k++) rgb[k] = scale.palette().rgb(1 - (k + 0.5) / steps);
        if (g.vector()) {
            for (int k = 0; k < steps; k++) g.fillRect(x, top + k * h / steps, l.barWidth(), h / steps + 0.6, rgb[k]);
        } else {
            g.cellsScaled(x, top, l.barWidth(), h, steps, 1, rgb);
        }
        g.strokeRect(x, top, l.barWidth(), h, MUTED, 0.8);
        // A short bar (a 1×N matrix) gets fewer ticks, so its numbers do not crowd one another.
        int parts = h >= l.labelSize() * 8 ? 4 : h >= l.labelSize() * 4 ? 2 : 1;
        for (int k = 0; k <= parts; k++) {
            double v = scale.max() - k * (scale.max() - scale.min()) / parts;
            double y = top + k * h / parts;
            g.line(x + l.barWidth(), y, x + l.barWidth() + 4, y, MUTED, 1);
            g.text(Num.fmt(v), x + l.barWidth() + 6, y + l.labelSize() * 0.35, l.labelSize(), false, TEXT, Surface.Align.LEFT, 0);
        }
    }

    /**
     * Whether row or column {@code i} gets its label: every {@code every}-th one when they are too
     * small for all, and always the selected cell's, whose close neighbours then give way to it.
     */
    static boolean labelled(int i, int every, int selected) {
        if (i == selected) return true;
        return i % every == 0 && (selected < 0 || Math.abs(i - selected) >= every);
    }

    static double labelSize(double cell, double textScale) {
        return Math.max(9 * textScale, Math.min(14 * textScale, cell * 0.45));
    }

    /** Short cell text: 2 decimals under 10, 1 under 100, then scientific. */
    public static String compact(float v) {
        if (Float.isNaN(v)) return "NaN";
        if (v == Float.NEGATIVE_INFINITY) return "−∞";
        if (v == Float.POSITIVE_INFINITY) return "∞";
        double a = Math.abs(v);
        String s;
        if (a >= 1e5) s = String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e+", "e");
        else if (a >= 100) s = String.format(Locale.ROOT, "%.0f", v);
        else if (a >= 10) s = String.format(Locale.ROOT, "%.1f", v);
        else s = String.format(Locale.ROOT, "%.2f", v);
        if (s.equals("-0.00") || s.equals("-0.0")) s = s.substring(1);
        return s.replace('-', '−');
    }

    private static String label(List<String> labels, int i, double size, Surface g) {
        String s = labels == null ? Integer.toString(i) : display(labels.get(i));
        if (g.textWidth(s, size, false) <= MAX_LABEL) return s;
        while (s.length() > 1 && g.textWidth(s + "…", size, false) > MAX_LABEL) s = s.substring(0, s.length() - 1);
        return s + "…";
    }

    /** Makes invisible token text visible: a space as ␣, an empty token as ∅. */
    public static String display(String token) {
        if (token.isEmpty()) return "∅";
        return token.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥");
    }

    /** Labels are drawn every k-th row/column so that they do not overlap when cells are small. */
    static int labelStep(double cell, double labelSize) {
        return Math.max(1, (int) Math.ceil(labelSize * 1.15 / cell));
    }

    /** An empty list asks for no labels at all (null asks for row and column numbers). */
    private static boolean none(List<String> labels) {
        return labels != null && labels.isEmpty();
    }

    private static double maxWidth(List<String> labels, int n, double size, double cell, Surface g) {
        if (none(labels)) return 0;
        double w = 0;
        // Every label, not only those drawn: the selected cell's label shows whatever the step, and the
        // layout must not move while the mouse does.
        for (int i = 0; i < n; i++) w = Math.max(w, Math.min(MAX_LABEL + 8, g.textWidth(labels == null ? Integer.toString(i) : display(labels.get(i)), size, false)));
        return w;
    }
}

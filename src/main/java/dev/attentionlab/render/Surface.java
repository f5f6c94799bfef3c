package dev.attentionlab.render;

/**
 * What a painter draws on: the screen's canvas, or an image or vector file when exporting.
 * Coordinates are in pixels; colours are 0xRRGGBB.
 */
public interface Surface {
    enum Align { LEFT, CENTER, RIGHT }

    void fillRect(double x, double y, double w, double h, int rgb);

    void strokeRect(double x, double y, double w, double h, int rgb, double width);

    void line(double x1, double y1, double x2, double y2, int rgb, double width);

    /** Text with its baseline at y, aligned around x; rotated by {@code degrees} about (x, y). */
    void text(String s, double x, double y, double size, boolean bold, int rgb, Align align, double degrees);

    double textWidth(String s, double size, boolean bold);

    /** One heatmap cell; {@code value} is its number as text (an SVG writes it as the cell's tooltip). */
    default void cell(double x, double y, double w, double h, int rgb, String value) {
        fillRect(x, y, w, h, rgb);
    }

    /** Vector output wants every cell as its own shape, even where the screen draws one image. */
    default boolean vector() {
        return false;
    }

    /**
     * A grid of solid cells, row-major colours. Large grids on screen are drawn as one image
     * (see ui.CanvasSurface); this default paints rectangles.
     */
    default void cells(double x, double y, double cell, int rows, int cols, int[] rgb) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) fillRect(x + j * cell, y + i * cell, cell, cell, rgb[i * cols + j]);
        }
    }

    /** Like {@link #cells} with a w × h rectangle for the whole grid (cells need not be square). */
    default void cellsScaled(double x, double y, double w, double h, int rows, int cols, int[] rgb) {
        double cw = w / cols;
        double ch = h / rows;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) fillRect(x + j * cw, y + i * ch, cw, ch + 0.6, rgb[i * cols + j]);
        }
    }

    /** Marks a cell as hidden: diagonal hatching over a grey fill. */
    default void hatch(double x, double y, double w, double h, int background, int stripes, String value) {
        cell(x, y, w, h, background, value);
        double step = Math.max(4, Math.min(w, h) / 3);
        for (double d = step; d < w + h; d += step) {
            double x1 = x + Math.max(0, d - h);
            double y1 = y + Math.min(d, h);
            double x2 = x + Math.min(d, w);
            double y2 = y + Math.max(0, d - w);
            line(x1, y1, x2, y2, stripes, 1);
        }
    }
}

package dev.attentionlab.render;

/** Draws onto another surface shifted by (dx, dy): how composite pictures place their parts. */
public record OffsetSurface(Surface inner, double dx, double dy) implements Surface {
    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        inner.fillRect(x + dx, y + dy, w, h, rgb);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double width) {
        inner.strokeRect(x + dx, y + dy, w, h, rgb, width);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        inner.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, rgb, width);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, int rgb, Align align, double degrees) {
        inner.text(s, x + dx, y + dy, size, bold, rgb, align, degrees);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return inner.textWidth(s, size, bold);
    }

    @Override
    public void cell(double x, double y, double w, double h, int rgb, String value) {
        inner.cell(x + dx, y + dy, w, h, rgb, value);
    }

    @Override
    public boolean vector() {
        return inner.vector();
    }

    @Override
    public void cells(double x, double y, double cell, int rows, int cols, int[] rgb) {
        inner.cells(x + dx, y + dy, cell, rows, cols, rgb);
    }

    @Override
    public void cellsScaled(double x, double y, double w, double h, int rows, int cols, int[] rgb) {
        inner.cellsScaled(x + dx, y + dy, w, h, rows, cols, rgb);
    }
}

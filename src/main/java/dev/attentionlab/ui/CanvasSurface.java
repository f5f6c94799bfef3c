package dev.attentionlab.ui;

import dev.attentionlab.render.HeatmapPainter;
import dev.attentionlab.render.Surface;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** A {@link Surface} over a JavaFX canvas: the screen, and PNG export through a snapshot. */
public final class CanvasSurface implements Surface {
    private final GraphicsContext g;
    private final Text measure = new Text();

    public CanvasSurface(GraphicsContext g) {
        this.g = g;
        g.setTextBaseline(VPos.BASELINE);
    }

    public static Color color(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        g.setFill(color(rgb));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double width) {
        g.setStroke(color(rgb));
        g.setLineWidth(width);
        g.strokeRect(x, y, w, h);
    }

    /** One image drawn scaled without smoothing: a 512×512 grid in a few milliseconds. */
    @Override
    public void cells(double x, double y, double cell, int rows, int cols, int[] rgb) {
        cellsScaled(x, y, cols * cell, rows * cell, rows, cols, rgb);
    }

    @Override
    public void cellsScaled(double x, double y, double w, double h, int rows, int cols, int[] rgb) {
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(cols, rows);
        int[] argb = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) argb[i] = 0xff000000 | rgb[i];
        img.getPixelWriter().setPixels(0, 0, cols, rows, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, cols);
        boolean smooth = g.isImageSmoothing();
        g.setImageSmoothing(false);
        g.drawImage(img, x, y, w, h);
        g.setImageSmoothing(smooth);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        g.setStroke(color(rgb));
        g.setLineWidth(width);
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, int rgb, Align align, double degrees) {
        g.save();
        g.setFont(font(size, bold));
        g.setFill(color(rgb));
        g.setTextAlign(switch (align) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        g.translate(x, y);
        if (degrees != 0) g.rotate(degrees);
        g.fillText(s, 0, 0);
        g.restore();
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        // Laying out a Text to measure it took a third of a slider frame (every heatmap measures every
        // label on each repaint); the same labels come back frame after frame. Only the FX thread paints.
        String key = (bold ? "b" : "r") + size + "|" + s;
        Double known = WIDTHS.get(key);
        if (known != null) return known;
        measure.setFont(font(size, bold));
        measure.setText(s);
        double w = measure.getLayoutBounds().getWidth();
        if (WIDTHS.size() > 20_000) WIDTHS.clear();
        WIDTHS.put(key, w);
        return w;
    }

    private static final java.util.Map<String, Double> WIDTHS = new java.util.HashMap<>();

    private static Font font(double size, boolean bold) {
        return Font.font("DejaVu Sans", bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
    }
}

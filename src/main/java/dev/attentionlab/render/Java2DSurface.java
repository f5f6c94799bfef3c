package dev.attentionlab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A {@link Surface} over a Java2D image: PNG export, on screen and headless alike, without a display
 * or the JavaFX toolkit. {@code scale} multiplies every coordinate (1× to 4× exports).
 */
public final class Java2DSurface implements Surface {
    private final Graphics2D g;

    public Java2DSurface(Graphics2D g, double scale) {
        this.g = g;
        g.scale(scale, scale);
        // Shapes without antialiasing: cells then meet exactly and thousands of them paint fast; text is
        // still antialiased through its own hint.
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** An image of {@code w × h} logical pixels at {@code scale}, white or transparent. */
    public static BufferedImage image(double w, double h, double scale, boolean transparent) {
        BufferedImage img = new BufferedImage((int) Math.ceil(w * scale), (int) Math.ceil(h * scale), BufferedImage.TYPE_INT_ARGB);
        if (!transparent) {
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.dispose();
        }
        return img;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    /** A grid of small cells as one image scaled without interpolation. */
    @Override
    public void cells(double x, double y, double cell, int rows, int cols, int[] rgb) {
        cellsScaled(x, y, cols * cell, rows * cell, rows, cols, rgb);
    }

    @Override
    public void cellsScaled(double x, double y, double w, double h, int rows, int cols, int[] rgb) {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, cols, rows, rgb, 0, cols);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.scale(w / cols, h / rows);
        g.drawImage(img, 0, 0, null);
        g.setTransform(saved);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double width) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, int rgb, Align align, double degrees) {
        Font f = font(size, bold);
        g.setFont(f);
        g.setColor(new Color(rgb));
        double w = g.getFontMetrics(f).getStringBounds(s, g).getWidth();
        double ox = switch (align) {
            case LEFT -> 0;
            case CENTER -> -w / 2;
            case RIGHT -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (degrees != 0) g.rotate(Math.toRadians(degrees));
        g.drawString(s, (float) ox, 0f);
        g.setTransform(saved);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        Font f = font(size, bold);
        return g.getFontMetrics(f).getStringBounds(s, g).getWidth();
    }

    private static Font font(double size, boolean bold) {
        return new Font("DejaVu Sans", bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }
}

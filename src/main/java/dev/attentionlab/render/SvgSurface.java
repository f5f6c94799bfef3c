package dev.attentionlab.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Locale;

/**
 * Writes SVG: every cell its own {@code <rect>} with its value in a {@code <title>} (a tooltip in
 * browsers), every label a real {@code <text>} (selectable, searchable). Text is measured with the
 * same font metrics as the PNG export, so the layouts agree.
 */
public final class SvgSurface implements Surface {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    /** An SVG is text in memory until it is written: past 32 million characters (32 MB) it is refused; PNG suits such a picture. */
    static final int MAX_CHARS = 32_000_000;
    private final StringBuilder body = new StringBuilder();

    private void add(String element) {
        if (body.length() + element.length() > MAX_CHARS) {
            throw new dev.attentionlab.engine.InvalidInputException("this picture is too large for SVG (over " + MAX_CHARS / 1_000_000
                    + " MB of text); export it as PNG, or fewer heads or a shorter sentence");
        }
        body.append(element);
    }

    @Override
    public boolean vector() {
        return true;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        add(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n", x, y, w, h, hex(rgb)));
    }

    @Override
    public void cell(double x, double y, double w, double h, int rgb, String value) {
        add(String.format(Locale.ROOT, "<rect class=\"cell\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"><title>%s</title></rect>%n",
                x, y, w, h, hex(rgb), escape(value)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double width) {
        add(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"/>%n",
                x, y, w, h, hex(rgb), width));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        add(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"/>%n",
                x1, y1, x2, y2, hex(rgb), width));
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, int rgb, Align align, double degrees) {
        String anchor = switch (align) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        String rotate = degrees == 0 ? "" : String.format(Locale.ROOT, " transform=\"rotate(%.1f %.2f %.2f)\"", degrees, x, y);
        add(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"%.2f\"%s fill=\"%s\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, size, bold ? " font-weight=\"bold\"" : "", hex(rgb), anchor, rotate, escape(s)));
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return new Font("DejaVu Sans", bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size).getStringBounds(s, FRC).getWidth();
    }

    /** The whole document, {@code w × h}; a white background unless transparent. */
    public String document(double w, double h, boolean transparent) {
        String bg = transparent ? "" : String.format(Locale.ROOT, "<rect width=\"%.2f\" height=\"%.2f\" fill=\"#ffffff\"/>%n", w, h);
        return String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.2f %.2f\">%n", Math.ceil(w), Math.ceil(h), w, h)
                + bg + body + "</svg>\n";
    }

    static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xffffff);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

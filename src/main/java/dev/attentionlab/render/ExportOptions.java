package dev.attentionlab.render;

/**
 * How an exported picture looks.
 *
 * @param scale       1 to 4 (pixels per logical pixel in PNG)
 * @param values      print numbers in cells that are large enough
 * @param transparent no background fill
 * @param title       replaces the picture's own title; null keeps it
 */
public record ExportOptions(double scale, boolean values, Palette palette, boolean transparent, String title) {
    public static final int MAX_TITLE = 500;

    public ExportOptions {
        if (!(scale >= 1 && scale <= 4)) throw new IllegalArgumentException("scale must be between 1 and 4, got " + scale);
        if (palette == null) palette = Palette.VIRIDIS;
        if (title != null && title.length() > MAX_TITLE) {
            throw new dev.attentionlab.engine.InvalidInputException("the title has " + title.length() + " characters; a picture's title may have up to " + MAX_TITLE);
        }
    }

    public static ExportOptions defaults() {
        return new ExportOptions(1, true, Palette.VIRIDIS, false, null);
    }

    public ExportOptions withScale(double s) {
        return new ExportOptions(s, values, palette, transparent, title);
    }
}

package dev.attentionlab.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Renders a {@link Picture} to a PNG-ready image or an SVG document, with a small margin. */
public final class PictureWriter {
    static final double MARGIN = 10;
    /**
     * 192 MB of pixels, encoded row by row, so an export still fits a 512 MB heap; larger images outgrow
     * a small heap, and most viewers refuse them anyway. The 12-head grid of 128 tokens at 2× is 34.
     */
    static final long MAX_PIXELS = 48L << 20;
    /** PNG readers and Java2D both trip over sides past this. */
    static final int MAX_SIDE = 32_767;

    private PictureWriter() {}

    public static BufferedImage image(Picture p, ExportOptions o) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        double[] size = p.size(new Java2DSurface(pg, 1));
        pg.dispose();
        checkSize(size[0] + 2 * MARGIN, size[1] + 2 * MARGIN, o.scale());
        BufferedImage img = Java2DSurface.image(size[0] + 2 * MARGIN, size[1] + 2 * MARGIN, o.scale(), o.transparent());
        Graphics2D g = img.createGraphics();
        p.paint(new OffsetSurface(new Java2DSurface(g, o.scale()), MARGIN, MARGIN));
        g.dispose();
        return img;
    }

    /** Refuses, with the figures, an image this process should not allocate. */
    static void checkSize(double w, double h, double scale) {
        double pw = Math.ceil(w * scale);
        double ph = Math.ceil(h * scale);
        if (pw > MAX_SIDE || ph > MAX_SIDE || pw * ph > MAX_PIXELS) {
            throw new dev.attentionlab.engine.InvalidInputException(String.format(java.util.Locale.ROOT,
                    "the image would be %.0f × %.0f pixels at scale %s; the limit is %d pixels a side and %d megapixels:"
                            + " export at a smaller scale, fewer heads or a shorter sentence", pw, ph, scale == Math.rint(scale) ? String.valueOf((int) scale) : String.valueOf(scale),
                    MAX_SIDE, MAX_PIXELS >> 20));
        }
    }

    /** Each cell is an element of ~150 characters: past this many an SVG is too large to write or to open. */
    static final long MAX_SVG_CELLS = 200_000;

    public static String svg(Picture p, ExportOptions o) {
        if (p.cells() > MAX_SVG_CELLS) {
            throw new dev.attentionlab.engine.InvalidInputException(String.format(java.util.Locale.ROOT,
                    "this picture has %,d cells, too large for SVG (up to %,d, each is an element): export it as PNG, or fewer heads or a shorter sentence",
                    p.cells(), MAX_SVG_CELLS));
        }
        SvgSurface s = new SvgSurface();
        double[] size = p.size(s);
        p.paint(new OffsetSurface(s, MARGIN, MARGIN));
        return s.document(size[0] + 2 * MARGIN, size[1] + 2 * MARGIN, o.transparent());
    }
}

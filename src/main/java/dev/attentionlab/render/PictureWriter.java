package dev.attentionlab.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Renders a {@link Picture} to a PNG-ready image or an SVG document, with a small margin. */
public final class PictureWriter {
    static final double MARGIN = 10;

    private PictureWriter() {}

    public static BufferedImage image(Picture p, ExportOptions o) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        double[] size = p.size(new Java2DSurface(pg, 1));
        pg.dispose();
        BufferedImage img = Java2DSurface.image(size[0] + 2 * MARGIN, size[1] + 2 * MARGIN, o.scale(), o.transparent());
        Graphics2D g = img.createGraphics();
        p.paint(new OffsetSurface(new Java2DSurface(g, o.scale()), MARGIN, MARGIN));
        g.dispose();
        return img;
    }

    public static String svg(Picture p, ExportOptions o) {
        SvgSurface s = new SvgSurface();
        double[] size = p.size(s);
        p.paint(new OffsetSurface(s, MARGIN, MARGIN));
        return s.document(size[0] + 2 * MARGIN, size[1] + 2 * MARGIN, o.transparent());
    }
}

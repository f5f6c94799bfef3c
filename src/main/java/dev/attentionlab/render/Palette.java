package dev.attentionlab.render;

/**
 * Colour maps. Viridis and cividis are perceptually uniform and readable with colour-vision
 * deficiency (cividis especially); the diverging map runs blue → near-white → red around zero.
 * Colours are interpolated linearly between nine stops sampled from the published maps.
 */
public enum Palette {
    VIRIDIS("viridis", 0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725),
    CIVIDIS("cividis", 0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xfee838),
    DIVERGING("diverging", 0x3b4cc0, 0x6282ea, 0x8db0fe, 0xb8d0f9, 0xf2f0ef, 0xf5c4ac, 0xf39b7a, 0xdc5d4a, 0xb40426);

    private final String label;
    private final int[] stops;

    Palette(String label, int... stops) {
        this.label = label;
        this.stops = stops;
    }

    public String label() {
        return label;
    }

    /** The colour at t ∈ [0, 1] as 0xRRGGBB. */
    public int rgb(double t) {
        if (Double.isNaN(t)) t = 0;
        t = Math.max(0, Math.min(1, t));
        double pos = t * (stops.length - 1);
        int i = Math.min((int) pos, stops.length - 2);
        double f = pos - i;
        return lerp(stops[i], stops[i + 1], f);
    }

    private static int lerp(int a, int b, double f) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** Black or white, whichever reads better on {@code rgb}. */
    public static int textOn(int rgb) {
        double lum = 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
        return lum > 140 ? 0x111111 : 0xffffff;
    }

    public static Palette fromKey(String key) {
        for (Palette p : values()) if (p.label.equalsIgnoreCase(key) || p.name().equalsIgnoreCase(key)) return p;
        throw new IllegalArgumentException("unknown palette '" + key + "' (use viridis, cividis or diverging)");
    }
}

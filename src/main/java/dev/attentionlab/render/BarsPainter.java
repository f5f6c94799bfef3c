package dev.attentionlab.render;


/** Paints a {@link BarsSpec}: bars with their values, rotated labels, axis ticks and a marked bar. */
public final class BarsPainter {
    private static final int AXIS = 0x888888;
    private static final int MARK = 0xd81b60;

    private BarsPainter() {}

    /** Width and height the chart needs. */
    public static double[] size(BarsSpec s, Surface g) {
        double label = Math.max(10, Math.min(14, s.barWidth() * 0.42));
        double longest = 0;
        for (String l : s.labels()) longest = Math.max(longest, g.textWidth(HeatmapPainter.display(l), label, false));
        double axis = g.textWidth("−00.00", label, false) + 10;
        double w = axis + s.labels().size() * s.barWidth() + 20;
        double h = label + 12 + 16 + s.plotHeight() + Math.min(longest, 110) * 0.72 + 18;
        return new double[] {Math.max(w, g.textWidth(s.title(), label + 2, true) + 10), h};
    }

    public static void paint(BarsSpec s, Surface g) {
        double label = Math.max(10, Math.min(14, s.barWidth() * 0.42));
        double axis = g.textWidth("−00.00", label, false) + 10;
        double top = label + 12 + 16;
        double h = s.plotHeight();
        g.text(s.title(), 4, label + 4, label + 2, true, HeatmapPainter.TEXT, Surface.Align.LEFT, 0);

        double lo = 0;
        double hi = 1;
        double step = 0.25;
        if (!s.probabilities()) {
            double min = 0;
            double max = 0;
            for (float v : s.values()) {
                if (!Float.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            // Round ticks (1, 2, 2.5 or 5 times a power of ten) with room beyond the longest bars for
            // their value labels, instead of quarters of the raw range at odd values such as 1.738.
            step = niceStep((max - min) / 4);
            double room = (max - min) * 0.12;
            lo = Math.floor((min - (min < 0 ? room : 0)) / step) * step;
            hi = Math.ceil((max + (max > 0 ? room : 0)) / step) * step;
            if (hi - lo < step) hi = lo + step;
        }
        double range = hi - lo;
        double zeroY = top + h * (hi / range);
        for (double v = hi; v >= lo - step / 2; v -= step) {
            double y = top + h * ((hi - v) / range);
            g.line(axis - 4, y, axis + s.labels().size() * s.barWidth(), y, 0xe4e4e4, 1);
            g.text(tick(v, step), axis - 6, y + label * 0.35, label * 0.9, false, HeatmapPainter.MUTED, Surface.Align.RIGHT, 0);
        }
        for (int i = 0; i < s.labels().size(); i++) {
            double x = axis + i * s.barWidth();
            float v = s.values()[i];
            double bw = s.barWidth() * 0.78;
            double bx = x + (s.barWidth() - bw) / 2;
            if (Float.isFinite(v)) {
                double y = top + h * ((hi - v) / range);
                double y0 = Math.min(y, zeroY);
                double y1 = Math.max(y, zeroY);
                double t = s.probabilities() ? v : (v - lo) / range;
                int color = i == s.marked() ? MARK : s.palette().rgb(0.25 + 0.6 * t);
                g.fillRect(bx, y0, bw, Math.max(1, y1 - y0), color);
                if (s.barWidth() >= 26) {
                    // A value goes above a positive bar; below a negative one, or inside its end when that
                    // would run into the token labels under the plot.
                    boolean inside = v < 0 && y1 + label > top + h - 2;
                    double ty = v >= 0 ? y0 - 3 : inside ? y1 - 4 : y1 + label;
                    int fg = inside ? Palette.textOn(color) : HeatmapPainter.TEXT;
                    g.text(HeatmapPainter.compact(v), x + s.barWidth() / 2, ty, label * 0.8, false, fg, Surface.Align.CENTER, 0);
                }
            } else {
                g.text("−∞", x + s.barWidth() / 2, zeroY - 3, label * 0.8, false, HeatmapPainter.MUTED, Surface.Align.CENTER, 0);
            }
            double lx = x + s.barWidth() / 2 + label * 0.3;
            int fg = i == s.marked() ? MARK : HeatmapPainter.TEXT;
            g.text(shorten(HeatmapPainter.display(s.labels().get(i))), lx, top + h + 12, label, i == s.marked(), fg, Surface.Align.RIGHT, -45);
        }
        g.line(axis, zeroY, axis + s.labels().size() * s.barWidth(), zeroY, AXIS, 1.2);
    }

    /** The round step nearest {@code raw}: 1, 2, 2.5 or 5 times a power of ten. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
    }

    /** A tick's label with just the decimals its step needs ("−2.5", "0.25", "10"). */
    static String tick(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) decimals++;
        if (Math.abs(v) < step * 1e-6) v = 0;
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v).replace('-', '−');
    }

    private static String shorten(String s) {
        return s.length() <= 14 ? s : s.substring(0, 13) + "…";
    }
}

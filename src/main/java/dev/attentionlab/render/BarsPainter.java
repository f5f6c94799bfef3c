package dev.attentionlab.render;

import dev.attentionlab.engine.tensor.Num;

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
        if (!s.probabilities()) {
            lo = 0;
            hi = 0;
            for (float v : s.values()) {
                if (!Float.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (hi == lo) hi = lo + 1;
        }
        double range = hi - lo;
        double zeroY = top + h * (hi / range);
        for (int k = 0; k <= 4; k++) {
            double v = hi - k * range / 4;
            double y = top + k * h / 4;
            g.line(axis - 4, y, axis + s.labels().size() * s.barWidth(), y, 0xe4e4e4, 1);
            g.text(Num.fmt(v), axis - 6, y + label * 0.35, label * 0.9, false, HeatmapPainter.MUTED, Surface.Align.RIGHT, 0);
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

    private static String shorten(String s) {
        return s.length() <= 14 ? s : s.substring(0, 13) + "…";
    }
}

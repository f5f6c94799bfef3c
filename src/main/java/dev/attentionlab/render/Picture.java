package dev.attentionlab.render;

import java.util.ArrayList;
import java.util.List;

/** Something that can be measured and painted on a {@link Surface}: a heatmap, a chart, text, or a layout of those. */
public sealed interface Picture permits Picture.Heatmap, Picture.Bars, Picture.Text, Picture.Grid {

    /** Width and height in logical pixels. */
    double[] size(Surface g);

    void paint(Surface g);

    /** Heatmap cells it paints: what an SVG's size grows with (each is an element). */
    default long cells() {
        return 0;
    }

    record Heatmap(HeatmapSpec spec) implements Picture {
        @Override
        public double[] size(Surface g) {
            HeatmapPainter.Layout l = HeatmapPainter.layout(spec, g);
            return new double[] {l.width(), l.height()};
        }

        @Override
        public void paint(Surface g) {
            HeatmapPainter.paint(spec, g);
        }

        @Override
        public long cells() {
            return (long) spec.values().rows() * spec.values().cols();
        }
    }

    record Bars(BarsSpec spec) implements Picture {
        @Override
        public double[] size(Surface g) {
            return BarsPainter.size(spec, g);
        }

        @Override
        public void paint(Surface g) {
            BarsPainter.paint(spec, g);
        }
    }

    /** Text wrapped to {@code maxWidth}. */
    record Text(String text, double fontSize, boolean bold, double maxWidth) implements Picture {
        List<String> lines(Surface g) {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\n")) {
                StringBuilder line = new StringBuilder();
                for (String word : paragraph.split(" ")) {
                    String candidate = line.length() == 0 ? word : line + " " + word;
                    if (line.length() > 0 && g.textWidth(candidate, fontSize, bold) > maxWidth) {
                        lines.add(line.toString());
                        line = new StringBuilder(word);
                    } else {
                        line = new StringBuilder(candidate);
                    }
                }
                lines.add(line.toString());
            }
            return lines;
        }

        @Override
        public double[] size(Surface g) {
            double w = 0;
            List<String> lines = lines(g);
            for (String l : lines) w = Math.max(w, g.textWidth(l, fontSize, bold));
            return new double[] {w + 12, lines.size() * fontSize * 1.35 + 8};
        }

        @Override
        public void paint(Surface g) {
            double y = fontSize + 4;
            for (String l : lines(g)) {
                g.text(l, 6, y, fontSize, bold, HeatmapPainter.TEXT, Surface.Align.LEFT, 0);
                y += fontSize * 1.35;
            }
        }
    }

    /** Items in rows of {@code columns}, each row as tall as its tallest item. */
    record Grid(List<Picture> items, int columns, double gap) implements Picture {
        public Grid {
            items = List.copyOf(items);
        }

        /** A vertical stack. */
        public static Grid column(List<Picture> items) {
            return new Grid(items, 1, 6);
        }

        @Override
        public long cells() {
            return items.stream().mapToLong(Picture::cells).sum();
        }

        private double[][] sizes(Surface g) {
            double[][] s = new double[items.size()][];
            for (int i = 0; i < items.size(); i++) s[i] = items.get(i).size(g);
            return s;
        }

        @Override
        public double[] size(Surface g) {
            double[][] s = sizes(g);
            double[] colW = new double[columns];
            double h = 0;
            for (int r = 0; r * columns < s.length; r++) {
                double rowH = 0;
                for (int c = 0; c < columns && r * columns + c < s.length; c++) {
                    colW[c] = Math.max(colW[c], s[r * columns + c][0]);
                    rowH = Math.max(rowH, s[r * columns + c][1]);
                }
                h += rowH + gap;
            }
            double w = 0;
            for (double cw : colW) w += cw + gap;
            return new double[] {Math.max(0, w - gap), Math.max(0, h - gap)};
        }

        @Override
        public void paint(Surface g) {
            double[][] s = sizes(g);
            double[] colW = new double[columns];
            for (int i = 0; i < s.length; i++) colW[i % columns] = Math.max(colW[i % columns], s[i][0]);
            double y = 0;
            for (int r = 0; r * columns < s.length; r++) {
                double x = 0;
                double rowH = 0;
                for (int c = 0; c < columns && r * columns + c < s.length; c++) {
                    items.get(r * columns + c).paint(new OffsetSurface(g, x, y));
                    rowH = Math.max(rowH, s[r * columns + c][1]);
                    x += colW[c] + gap;
                }
                y += rowH + gap;
            }
        }
    }
}

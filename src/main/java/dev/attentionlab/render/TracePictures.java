package dev.attentionlab.render;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.Step;
import dev.attentionlab.engine.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/** The exportable pictures of a trace: a matrix, one head, all heads, or a whole step. */
public final class TracePictures {
    /** Cell size for exported matrices: values fit up to ~16 tokens, large ones shrink to about 640 px. */
    static double cell(Matrix m) {
        return Math.max(2, Math.min(36, 640.0 / Math.max(m.rows(), m.cols())));
    }

    private TracePictures() {}

    public static HeatmapSpec matrixSpec(Trace t, String name, ExportOptions o) {
        Matrix m = t.matrix(name);
        HeatmapSpec s = TraceHeatmaps.spec(t, name, o.palette(), cell(m)).withValues(o.values());
        return o.title() == null ? s : s.withTitle(o.title());
    }

    public static Picture matrix(Trace t, String name, ExportOptions o) {
        return new Picture.Heatmap(matrixSpec(t, name, o));
    }

    /** One head's weights (head index from 0), or the average for -1. */
    public static Picture head(Trace t, int head, ExportOptions o) {
        if (head >= t.heads()) throw new InvalidInputException("there is no head " + (head + 1) + "; the trace has " + t.heads());
        return matrix(t, t.attentionMap(head).name(), o);
    }

    /** All heads' weights and their average in one picture, under a title. */
    public static Picture grid(Trace t, ExportOptions o) {
        List<Picture> heads = new ArrayList<>();
        ExportOptions untitled = new ExportOptions(o.scale(), o.values(), o.palette(), o.transparent(), null);
        for (int h = 0; h < t.heads(); h++) heads.add(head(t, h, untitled));
        if (t.heads() > 1) heads.add(head(t, -1, untitled));
        int columns = heads.size() <= 2 ? heads.size() : heads.size() <= 4 ? 2 : 3;
        String title = o.title() != null ? o.title() : "Attention weights, " + t.heads() + (t.heads() == 1 ? " head" : " heads")
                + " · \u201c" + shorten(t.settings().input().text()) + "\u201d";
        return Picture.Grid.column(List.of(new Picture.Text(title, 18, true, 1400), new Picture.Grid(heads, columns, 16)));
    }

    /** Every block's heads as small heatmaps, a row per block (BertViz's model view), under a title. */
    public static Picture model(Trace t, ExportOptions o) {
        List<Picture> maps = new ArrayList<>();
        int tokens = Math.max(t.tokens().size(), 1);
        double cell = Math.max(1.5, Math.min(12, 1200.0 / t.heads() / tokens));
        for (int b = 0; b < t.blocks(); b++) {
            for (int h = 0; h < t.heads(); h++) {
                // blockHead is the model view's thumbnail: no numbers, no colour bar (the cells are at most 12 px).
                HeatmapSpec s = TraceHeatmaps.blockHead(t, b, h, o.palette(), cell).withTitle("block " + (b + 1) + " · head " + (h + 1));
                maps.add(new Picture.Heatmap(cell < 6 ? s.withoutLabels().withTitle("b" + (b + 1) + " h" + (h + 1)) : s));
            }
        }
        String title = o.title() != null ? o.title() : t.blocks() + " blocks × " + t.heads() + " heads · \u201c"
                + shorten(t.settings().input().text()) + "\u201d";
        return Picture.Grid.column(List.of(new Picture.Text(title, 18, true, 1400), new Picture.Grid(maps, t.heads(), 10)));
    }

    /** A step as the pipeline view shows it: title, formula, explanation, and the matrices it reads and writes. */
    public static Picture step(Trace t, String id, int head, ExportOptions o) {
        Step s = t.step(id);
        List<Picture> parts = new ArrayList<>();
        ExportOptions untitled = new ExportOptions(o.scale(), o.values(), o.palette(), o.transparent(), null);
        if (id.equals("tokenize")) parts.add(tokens(t));
        List<dev.attentionlab.engine.trace.MatrixId> shown = s.panels(head).stream().map(Step.Panel::id).toList();
        for (Step.Panel p : s.panels(head)) {
            HeatmapSpec spec = matrixSpec(t, p.id().name(), untitled);
            ColorScale shared = TraceHeatmaps.sharedScale(t, p.id(), shown, o.palette());
            parts.add(new Picture.Heatmap(shared == null ? spec : spec.withScale(shared)));
        }
        if (id.equals("sample") || id.startsWith("top_k") || id.equals("temperature")) parts.add(samplingBars(t, o));
        int index = t.stepIds().indexOf(id) + 1;
        String title = o.title() != null ? o.title() : index + " / " + t.steps().size() + "   " + s.title();
        List<Picture> column = new ArrayList<>();
        column.add(new Picture.Text(title, 20, true, 1200));
        column.add(new Picture.Text(s.formula(), 15, false, 1200));
        column.add(new Picture.Text(s.explanation(), 13, false, 900));
        if (!parts.isEmpty()) column.add(new Picture.Grid(parts, Math.min(2, parts.size()), 16));
        return Picture.Grid.column(column);
    }

    /** "0  Hello → id 0  (characters 0–5)", one line per token (at most 64). */
    static Picture tokens(Trace t) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(64, t.tokens().size());
        for (int i = 0; i < n; i++) {
            var tok = t.tokens().get(i);
            b.append(i).append("   ").append(HeatmapPainter.display(t.label(tok.text()))).append("  →  id ")
                    .append(tok.id() < 0 ? "pad" : Integer.toString(tok.id())).append("   (characters ")
                    .append(tok.start()).append("–").append(tok.end()).append(")\n");
        }
        if (n < t.tokens().size()) b.append("… ").append(t.tokens().size() - n).append(" more tokens");
        return new Picture.Text(b.toString().strip(), 13, false, 900);
    }

    /** The final next-token distribution as bars, the sampled token marked: the Sampling tab's last chart. */
    static Picture samplingBars(Trace t, ExportOptions o) {
        return new Picture.Bars(SamplingCharts.of(t).topP(o.palette(), 26, 140)
                .withTitle("next-token probabilities (sampled: " + t.label(t.sampledToken()) + ")"));
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}

package dev.attentionlab.render;

import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.RowNote;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.Trace;
import java.util.HashSet;
import java.util.Set;

/** How each matrix of a trace is shown: its title with shape, token labels, and masked or NaN cells. */
public final class TraceHeatmaps {
    private TraceHeatmaps() {}

    public static HeatmapSpec spec(Trace t, String name, Palette palette, double cell) {
        Matrix m = t.matrix(name);
        HeatmapSpec s = HeatmapSpec.of(title(name) + "   " + m.shape(), m, t.rowLabels(name), t.columnLabels(name), palette, cell);
        String what = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
        boolean attention = what.equals("scores_masked") || what.equals("weights") || name.equals("weights_avg");
        if (attention && t.attention().mask().anyMasked()) {
            Set<Integer> nan = new HashSet<>();
            if (!what.equals("scores_masked") && t.settings().fill() == MaskFill.NEGATIVE_INFINITY) {
                for (RowNote n : t.attention().rowNotes()) nan.add(n.row());
            }
            s = s.withMask(t.attention().mask(), nan);
        }
        return s;
    }

    /**
     * One head's attention weights in any block, for the whole-model grid: queries down, keys across,
     * masked cells hatched, without numbers (the cells are small).
     */
    public static HeatmapSpec blockHead(Trace t, int block, int head, Palette palette, double cell) {
        var attention = t.blockAttention(block);
        Matrix w = attention.heads().get(head).weights();
        HeatmapSpec s = HeatmapSpec.of("block " + (block + 1) + " · head " + (head + 1), w, t.rowLabels("weights_avg"),
                t.columnLabels("weights_avg"), palette, cell).withValues(false).withColorBar(false);
        return attention.mask().anyMasked() ? s.withMask(attention.mask(), Set.of()) : s;
    }

    /** "h2.weights" → "head 2 · weights A". */
    public static String title(String name) {
        if (!name.startsWith("h") || !name.contains(".")) return name;
        String head = name.substring(1, name.indexOf('.'));
        String what = name.substring(name.indexOf('.') + 1);
        String symbol = switch (what) {
            case "scores_raw" -> "S = QKᵀ";
            case "scores_scaled" -> "S′ = S ÷ scale";
            case "scores_masked" -> "S″ masked";
            case "weights" -> "A = softmax";
            case "context" -> "Z = A·V";
            default -> what;
        };
        return "head " + head + " · " + symbol;
    }
}

package dev.attentionlab.render;

import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.RowNote;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.MatrixKind;
import dev.attentionlab.engine.trace.Trace;
import java.util.HashSet;
import java.util.Set;

/** How each matrix of a trace is shown: its title with shape, token labels, and masked or NaN cells. */
public final class TraceHeatmaps {
    private TraceHeatmaps() {}

    public static HeatmapSpec spec(Trace t, String name, Palette palette, double cell) {
        MatrixId id = MatrixId.parse(name);
        Matrix m = t.matrix(id);
        HeatmapSpec s = HeatmapSpec.of(title(id) + "   " + m.shape(), m, t.rowLabels(id), t.columnLabels(id), palette, cell);
        MatrixKind kind = id.kind();
        boolean attention = kind == MatrixKind.SCORES_MASKED || kind == MatrixKind.WEIGHTS || kind == MatrixKind.WEIGHTS_AVG;
        var block = attention ? t.blockAttention(id.block()) : null;
        if (attention && block.mask().anyMasked()) {
            Set<Integer> nan = new HashSet<>();
            if (kind != MatrixKind.SCORES_MASKED && t.settings().fill() == MaskFill.NEGATIVE_INFINITY) {
                for (RowNote n : block.rowNotes()) nan.add(n.row());
            }
            s = s.withMask(block.mask(), nan);
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
        MatrixId id = MatrixId.head(block, head, MatrixKind.WEIGHTS);
        HeatmapSpec s = HeatmapSpec.of("block " + (block + 1) + " · head " + (head + 1), w, t.rowLabels(id),
                t.columnLabels(id), palette, cell).withValues(false).withColorBar(false);
        return attention.mask().anyMasked() ? s.withMask(attention.mask(), Set.of()) : s;
    }

    /** "b2.h2.weights" → "block 2 · head 2 · A = softmax"; block 1 goes unsaid. */
    public static String title(MatrixId id) {
        String what = switch (id.kind()) {
            case SCORES_RAW -> "S = QKᵀ";
            case SCORES_SCALED -> "S′ = S ÷ scale";
            case SCORES_MASKED -> "S″ masked";
            case WEIGHTS -> "A = softmax";
            case CONTEXT -> "Z = A·V";
            default -> id.kind().key();
        };
        String head = id.head() >= 0 ? "head " + (id.head() + 1) + " · " : "";
        String block = id.block() > 0 ? "block " + (id.block() + 1) + " · " : "";
        return block + head + what;
    }
}

package dev.attentionlab.render;

import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.RowNote;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.MatrixKind;
import dev.attentionlab.engine.trace.Trace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** How each matrix of a trace is shown: its title with shape, token labels, and masked or NaN cells. */
public final class TraceHeatmaps {
    private TraceHeatmaps() {}

    public static HeatmapSpec spec(Trace t, String name, Palette palette, double cell) {
        MatrixId id = MatrixId.parse(name);
        return spec(t, id, t.matrix(id), palette, cell);
    }

    /** {@code m} shown as the trace shows matrix {@code id}: a variant of it, such as the unscaled weights. */
    public static HeatmapSpec spec(Trace t, MatrixId id, Matrix m, Palette palette, double cell) {
        HeatmapSpec s = HeatmapSpec.of(title(id) + "   " + m.shape(), m, t.rowLabels(id), t.columnLabels(id), palette, cell);
        MatrixKind kind = id.kind();
        if (kind == MatrixKind.CONCAT && t.blockAttention(id.block()).heads().size() > 1) {
            // Each head's Z sits side by side in the concat: a line between them shows which columns are whose.
            s = s.withColumnGroups(t.blockAttention(id.block()).heads().get(0).context().cols());
        }
        if (kind.rows() == MatrixKind.Axis.TOKENS && kind.columns() == MatrixKind.Axis.SOURCE_TOKENS) {
            s = s.withAxes(new HeatmapSpec.Axes("queries ↓", "keys →"));
        }
        boolean attention = kind == MatrixKind.SCORES_MASKED || kind == MatrixKind.WEIGHTS || kind == MatrixKind.WEIGHTS_AVG;
        var block = attention ? t.blockAttention(id.block()) : null;
        if (attention && block.mask().anyMasked()) {
            Set<Integer> nan = new HashSet<>();
            if (kind != MatrixKind.SCORES_MASKED && t.settings().attention().fill() == MaskFill.NEGATIVE_INFINITY) {
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

    /**
     * The two sentence embeddings u and v, each folded into rows of {@code width} features (row r holds
     * features r·width … r·width + width − 1) so that hundreds of numbers make a picture, on one colour
     * scale so that their cells compare. Empty when the trace compares no second sentence.
     */
    public static java.util.List<HeatmapSpec> embeddings(Trace t, int width, Palette palette, double cell) {
        Trace.Comparison other = t.pooling() == null ? null : t.pooling().other();
        if (other == null) return java.util.List.of();
        float[] u = t.pooling().embedding().toArray();
        float[] v = other.embedding().toArray();
        int rows = (u.length + width - 1) / width;
        Matrix fu = Matrix.of(rows, width, java.util.Arrays.copyOf(u, rows * width));
        Matrix fv = Matrix.of(rows, width, java.util.Arrays.copyOf(v, rows * width));
        ColorScale scale = ColorScale.forMatrix(Matrix.of(2 * rows, width, concat(fu.toArray(), fv.toArray())), palette);
        java.util.List<String> rowLabels = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) rowLabels.add(Integer.toString(r * width));
        java.util.List<String> none = java.util.List.of();
        return java.util.List.of(
                HeatmapSpec.of("u: '" + clip(t.settings().input().text()) + "'", fu, rowLabels, none, palette, cell).withScale(scale).withValues(false),
                HeatmapSpec.of("v: '" + clip(other.text()) + "'", fv, rowLabels, none, palette, cell).withScale(scale).withValues(false));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }

    /** Kinds in the same units: a step showing two of them colours them on one scale, so equal colours mean equal numbers. */
    private static final List<Set<MatrixKind>> SAME_UNITS = List.of(
            Set.of(MatrixKind.SCORES_RAW, MatrixKind.SCORES_SCALED, MatrixKind.SCORES_MASKED),
            Set.of(MatrixKind.X, MatrixKind.PE, MatrixKind.TOKEN_TYPE, MatrixKind.EMBEDDED));

    /**
     * The scale {@code id} shares with the other panels of its step that are in its units (scores
     * before and after scaling, say), or null when it shares it with none.
     */
    public static ColorScale sharedScale(Trace t, MatrixId id, List<MatrixId> panels, Palette palette) {
        Set<MatrixKind> family = SAME_UNITS.stream().filter(f -> f.contains(id.kind())).findFirst().orElse(null);
        if (family == null) return null;
        List<MatrixId> same = panels.stream().filter(p -> family.contains(p.kind()) && t.matrices().containsKey(p.name())).toList();
        if (same.size() < 2 || !same.contains(id)) return null;
        int rows = 0;
        int cols = 0;
        for (MatrixId p : same) {
            rows += t.matrix(p).rows();
            cols = Math.max(cols, t.matrix(p).cols());
        }
        // One matrix of all of them stacked, so the scale is chosen exactly as for a single matrix.
        float[] all = new float[rows * cols];
        java.util.Arrays.fill(all, Float.NaN);
        int at = 0;
        for (MatrixId p : same) {
            Matrix m = t.matrix(p);
            for (int i = 0; i < m.rows(); i++, at++) {
                for (int j = 0; j < m.cols(); j++) all[at * cols + j] = m.get(i, j);
            }
        }
        return ColorScale.forMatrix(Matrix.of(rows, cols, all), palette);
    }

    /** "b2.h2.weights" → "block 2 · head 2 · A = softmax"; block 1 goes unsaid; "weights_avg" → "Ā = average of the heads' A". */
    public static String title(MatrixId id) {
        String what = switch (id.kind()) {
            case SCORES_RAW -> "S = QKᵀ";
            case SCORES_SCALED -> "S′ = S ÷ scale";
            case SCORES_MASKED -> "S″ masked";
            case WEIGHTS -> "A = softmax";
            case CONTEXT -> "Z = A·V";
            case WEIGHTS_AVG -> "Ā = average of the heads' A";
            case CONCAT -> "concat of the heads' Z";
            case OUTPUT -> "O = concat · W_o";
            // The symbol of the formulas, and the name in words: "x + O · residual", "H · mlp hidden".
            default -> id.kind().symbol().equals(id.kind().key()) ? id.kind().key()
                    : id.kind().symbol() + " · " + id.kind().key().replace('_', ' ');
        };
        String head = id.head() >= 0 ? "head " + (id.head() + 1) + " · " : "";
        String block = id.block() > 0 ? "block " + (id.block() + 1) + " · " : "";
        return block + head + what;
    }
}

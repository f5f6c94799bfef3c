package dev.attentionlab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceHeatmapsTest {
    /** Records the lines a painter draws, as (x1, y1, x2, y2, width). */
    static final class Lines implements Surface {
        final List<double[]> drawn = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        @Override
        public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
            if (rgb == HeatmapPainter.TEXT) drawn.add(new double[] {x1, y1, x2, y2, width});
        }

        @Override
        public void fillRect(double x, double y, double w, double h, int rgb) {}

        @Override
        public void strokeRect(double x, double y, double w, double h, int rgb, double width) {}

        @Override
        public void text(String s, double x, double y, double size, boolean bold, int rgb, Align align, double degrees) {
            texts.add(s);
        }

        @Override
        public double textWidth(String s, double size, boolean bold) {
            return s.length() * size * 0.6;
        }
    }

    @Test
    void attentionMapsNameTheirAxesAndOtherMatricesDoNot() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        Lines weights = new Lines();
        HeatmapPainter.paint(TraceHeatmaps.spec(t, "h2.weights", Palette.VIRIDIS, 20), weights);
        assertThat(weights.texts).contains("queries ↓", "keys →", "head 2 · A = softmax   11×11");
        Lines x = new Lines();
        HeatmapPainter.paint(TraceHeatmaps.spec(t, "X", Palette.VIRIDIS, 20), x);
        assertThat(x.texts).doesNotContain("queries ↓", "keys →");
        assertThat(TraceHeatmaps.spec(t, "weights_avg", Palette.VIRIDIS, 20).title()).startsWith("Ā = average of the heads' A");
    }

    @Test
    void aOneRowMatrixGetsAColourBarWithFewerTicks() {
        Trace t = TraceEngine.compute(Preset.NOTEBOOK.defaults());
        HeatmapSpec logits = TraceHeatmaps.spec(t, "logits", Palette.VIRIDIS, 20);
        assertThat(logits.values().rows()).isEqualTo(1);
        Lines drawn = new Lines();
        HeatmapPainter.paint(logits, drawn);
        double max = logits.scale().max();
        double min = logits.scale().min();
        assertThat(drawn.texts).contains(dev.attentionlab.engine.tensor.Num.fmt(max), dev.attentionlab.engine.tensor.Num.fmt((max + min) / 2),
                dev.attentionlab.engine.tensor.Num.fmt(min));
        assertThat(drawn.texts).doesNotContain(dev.attentionlab.engine.tensor.Num.fmt(max - (max - min) / 4));
    }

    @Test
    void panelsOfAStepInTheSameUnitsShareOneColourScale() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        var shown = t.step("scale").panels(0).stream().map(dev.attentionlab.engine.trace.Step.Panel::id).toList();
        assertThat(shown).extracting(id -> id.name()).containsExactly("h1.scores_raw", "h1.scores_scaled");
        ColorScale raw = TraceHeatmaps.sharedScale(t, shown.get(0), shown, Palette.VIRIDIS);
        ColorScale scaled = TraceHeatmaps.sharedScale(t, shown.get(1), shown, Palette.VIRIDIS);
        assertThat(scaled).isEqualTo(raw);
        // S′ = S ÷ √4 is half of S, so the shared scale is S's own, and S′ fills only the middle of it.
        assertThat(raw).isEqualTo(ColorScale.forMatrix(t.head(0).scoresRaw(), Palette.VIRIDIS));
        assertThat(ColorScale.forMatrix(t.head(0).scoresScaled(), Palette.VIRIDIS).max()).isEqualTo(raw.max() / 2, org.assertj.core.data.Offset.offset(1e-6));

        var softmax = t.step("softmax").panels(0).stream().map(dev.attentionlab.engine.trace.Step.Panel::id).toList();
        assertThat(TraceHeatmaps.sharedScale(t, softmax.get(0), softmax, Palette.VIRIDIS)).isNull(); // S″ and A: different units
    }

    @Test
    void theConcatMarksWhereEachHeadsColumnsBegin() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        HeatmapSpec concat = TraceHeatmaps.spec(t, "concat", Palette.VIRIDIS, 20);
        assertThat(concat.columnGroup()).isEqualTo(4);
        Lines g = new Lines();
        HeatmapPainter.Layout l = HeatmapPainter.paint(concat, g);
        // 4 heads of d_v 4 in 16 columns: lines before columns 4, 8 and 12, from top to bottom of the grid.
        assertThat(g.drawn).extracting(d -> (double) Math.round((d[0] - l.gridX()) / l.cell())).containsExactly(4.0, 8.0, 12.0);
        assertThat(g.drawn).allSatisfy(d -> assertThat(d[3] - d[1]).isGreaterThan(l.rows() * l.cell()));
        assertThat(TraceHeatmaps.spec(TraceEngine.compute(Preset.NOTEBOOK.defaults()), "concat", Palette.VIRIDIS, 20).columnGroup()).isZero();
        assertThat(TraceHeatmaps.spec(t, "h1.weights", Palette.VIRIDIS, 20).columnGroup()).isZero();
    }

    @Test
    void tooSmallForEveryLabelTheSelectedCellsRowAndColumnAreStillNamed() {
        int n = 23;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) words.add("w" + i);
        var m = dev.attentionlab.engine.tensor.Matrix.zeros(n, n);
        HeatmapSpec spec = HeatmapSpec.of("A", m, words, words, Palette.VIRIDIS, 8);
        Lines plain = new Lines();
        HeatmapPainter.paint(spec, plain);
        // 8-pixel cells, 9-pixel labels: every other word, so no two overlap.
        assertThat(plain.texts).contains("w0", "w2", "w22").doesNotContain("w1", "w5");

        Lines hovered = new Lines();
        var l = HeatmapPainter.paint(spec.withHighlights(List.of(), new HeatmapSpec.Cell(5, 9)), hovered);
        // w9 names the column and w5 the row; their neighbours w8, w10 and w4, w6 make room for them.
        assertThat(hovered.texts.subList(1, 12)).containsExactly("w0", "w2", "w4", "w6", "w9", "w12", "w14", "w16", "w18", "w20", "w22");
        assertThat(hovered.texts.subList(12, 23)).containsExactly("w0", "w2", "w5", "w8", "w10", "w12", "w14", "w16", "w18", "w20", "w22");
        assertThat(l.width()).isEqualTo(HeatmapPainter.layout(spec, new Lines()).width()); // the layout does not move with the mouse
    }
}

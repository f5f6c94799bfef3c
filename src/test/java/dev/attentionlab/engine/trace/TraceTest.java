package dev.attentionlab.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tensor.Num;
import dev.attentionlab.engine.tensor.Softmax;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {
    static final Trace NOTEBOOK = TraceEngine.compute(Preset.NOTEBOOK.defaults());

    @Test
    void aLoneWordStartMarkIsExplainedWhereItOccurs() {
        TraceSettings few = Preset.NOTEBOOK.defaults().toBuilder().tokenizer(dev.attentionlab.engine.tokenize.TokenizerKind.BPE)
                .bpeMerges(0).build();
        Trace t = TraceEngine.compute(few);
        assertThat(t.tokens()).anySatisfy(k -> {
            assertThat(k.text()).isEqualTo("▁");
            assertThat(k.start()).isEqualTo(k.end());
        });
        assertThat(t.step("tokenize").explanation()).endsWith("▁ is a token of its own that covers no characters of the sentence.");
        assertThat(TraceEngine.compute(Preset.NOTEBOOK.defaults()).step("tokenize").explanation()).doesNotContain("▁");
    }

    @Test
    void theNotebookTokenizeStepSaysWhyItsIdsSkipNumbers() {
        Trace t = TraceEngine.compute(Preset.NOTEBOOK.defaults());
        // "Hello World I am an attention seeker I love attention": 10 words, 8 entries, ids 0…9 without 1 and 6.
        assertThat(t.tokenizer().vocabulary().size()).isEqualTo(8);
        assertThat(t.tokens().stream().mapToInt(Token::id).max().getAsInt()).isEqualTo(9);
        assertThat(t.step("tokenize").explanation()).endsWith("keeps its last position. That is why the ids run to 9 "
                + "while 1 and 6 are never used.");
    }

    @Test
    void notebookPresetReproducesTheNotebookFromTheSeedAlone() {
        Trace t = NOTEBOOK;
        assertThat(t.tokenizer().ids(t.tokens())).containsExactly(0, 3, 2, 4, 5, 7, 9, 2, 8, 7);
        assertThat(t.embedding().weight().rows()).isEqualTo(50_000);
        assertThat(t.x().row(0)).containsExactly(0.3373701870441437f, -0.1777772158384323f, -0.3035275936126709f);
        assertThat(Float.floatToRawIntBits(t.x().get(0, 0))).isEqualTo(0x3eacbbc9);
        assertThat(t.weights().wq().get(0, 0)).isEqualTo(0.24824804067611694f);
        assertThat(t.weights().wk().get(0, 0)).isEqualTo(0.9646761417388916f);
        assertThat(t.weights().wv().get(0, 0)).isEqualTo(0.8764563202857971f);
        HeadResult h = t.head(0);
        assertThat(h.q().get(0, 0)).isCloseTo(-0.08930835127830505f, within(1e-6f));
        assertThat(h.scoresScaled().get(0, 0)).isCloseTo(0.015030089765787125f, within(1e-6f));
        assertThat(h.weights().get(0, 0)).isCloseTo(0.10192867368459702f, within(1e-6f));
        assertThat(h.context().get(0, 0)).isCloseTo(-0.14794623851776123f, within(1e-6f));
        assertThat(t.positional()).isNull();
        assertThat(t.input()).isSameAs(t.x());
    }

    @Test
    void stepsComeInPipelineOrderWithTheirMatrices() {
        assertThat(NOTEBOOK.stepIds()).containsExactly("tokenize", "embed", "position", "qkv", "scores", "scale", "mask",
                "softmax", "weighted_sum", "concat", "output", "logits", "temperature", "top_k_top_p", "sample");
        Step scale = NOTEBOOK.step("scale");
        assertThat(scale.formula()).isEqualTo("S′ = S ÷ √d_k = √24 = 4.899");
        assertThat(scale.reads()).containsExactly(MatrixId.parse("h1.scores_raw"));
        assertThat(scale.writes()).containsExactly(MatrixId.head(0, 0, MatrixKind.SCORES_SCALED));
        for (Step s : NOTEBOOK.steps()) {
            assertThat(s.explanation().split("\\. ")).as(s.id()).hasSizeGreaterThanOrEqualTo(2);
            for (MatrixId m : s.writes()) assertThat(NOTEBOOK.index()).as(s.id() + " writes " + m).containsKey(m);
            for (MatrixId m : s.reads()) assertThat(NOTEBOOK.index()).as(s.id() + " reads " + m).containsKey(m);
        }
        Trace mh = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        assertThat(mh.step("softmax").writes().stream().map(MatrixId::name)).containsExactly("h1.weights", "h2.weights", "h3.weights", "h4.weights");
        assertThat(mh.stepIds()).contains("position");
        // a per-head step shows the picked head; the concatenation shows every head it joins
        assertThat(mh.step("softmax").panels(2).stream().map(p -> p.id().name()))
                .containsExactly("h3.scores_masked", "h3.weights");
        assertThat(mh.step("concat").panels(2).stream().map(p -> p.id().name()))
                .containsExactly("h1.context", "h2.context", "h3.context", "h4.context", "concat", "weights_avg");
    }

    @Test
    void explainsAScoreCellWithTheEnginesNumbers() {
        CellExplanation e = NOTEBOOK.explain("h1.scores_raw", 2, 5);
        float value = NOTEBOOK.head(0).scoresRaw().get(2, 5);
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.formula()).isEqualTo("q₂·k₅");
        float[] q = NOTEBOOK.head(0).q().row(2);
        float[] k = NOTEBOOK.head(0).k().row(5);
        assertThat(e.arithmetic()).startsWith("h1.scores_raw[2][5] = q₂·k₅ = " + Num.factor(q[0]) + "×" + Num.factor(k[0]) + " + ")
                .contains(" + … + ").endsWith(" = " + Num.fmt(value) + "   (24 products)");
        assertThat(e.operands()).containsExactly(CellExplanation.Operand.row(MatrixId.parse("h1.Q"), 2), CellExplanation.Operand.row(MatrixId.parse("h1.K"), 5));
    }

    @Test
    void explainsSoftmaxAndScalingCells() {
        float[] row = NOTEBOOK.head(0).scoresMasked().row(2);
        float max = Softmax.max(row);
        CellExplanation w = NOTEBOOK.explain("h1.weights", 2, 5);
        assertThat(w.arithmetic()).isEqualTo("h1.weights[2][5] = e^(" + Num.fmt(row[5]) + " − " + Num.fmt(max) + ") / "
                + Num.fmt(Softmax.denominator(row)) + " = " + Num.fmt(NOTEBOOK.head(0).weights().get(2, 5)));
        double recomputed = Math.exp(row[5] - max) / Softmax.denominator(row);
        assertThat((double) w.value()).isCloseTo(recomputed, within(1e-6));
        CellExplanation s = NOTEBOOK.explain("h1.scores_scaled", 2, 5);
        assertThat(s.arithmetic()).isEqualTo("h1.scores_scaled[2][5] = " + Num.fmt(NOTEBOOK.head(0).scoresRaw().get(2, 5))
                + " ÷ 4.899 = " + Num.fmt(NOTEBOOK.head(0).scoresScaled().get(2, 5)));
        CellExplanation x = NOTEBOOK.explain("X", 1, 0);
        assertThat(x.arithmetic()).isEqualTo("X[1][0] = E[3][0] = " + Num.fmt(NOTEBOOK.x().get(1, 0)) + "   ('World' has id 3; E drawn from seed 123)");
    }

    @Test
    void everyCellOfEveryMatrixHasAnExplanationWithItsOwnValue() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().residualNorm(true).topK(3).topP(0.9).build());
        t.matrices().forEach((name, m) -> {
            int r = m.rows() - 1;
            int c = m.cols() - 1;
            CellExplanation e = t.explain(name, r, c);
            assertThat(e.value()).as(name).isEqualTo(m.get(r, c));
            assertThat(e.arithmetic()).as(name).startsWith(name + "[" + r + "][" + c + "]");
        });
        assertThatThrownBy(() -> t.explain("h1.weights", 99, 0)).hasMessageContaining("outside h1.weights");
    }

    @Test
    void causalPresetMasksTheFutureInEveryHead() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        assertThat(t.heads()).isEqualTo(4);
        for (HeadResult h : t.attention().heads()) {
            for (int i = 0; i < h.weights().rows(); i++) {
                for (int j = i + 1; j < h.weights().cols(); j++) assertThat(h.weights().get(i, j)).isZero();
            }
        }
        assertThat(t.positional().get(1, 0)).isEqualTo((float) Math.sin(1));
        assertThat(t.positional().get(1, 1)).isEqualTo((float) Math.cos(1));
        assertThat(t.input()).isEqualTo(t.x().plus(t.positional()));
    }

    @Test
    void smallMultiHeadUsesTorchMultiheadAttentionInit() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        TorchGenerator g = new TorchGenerator(0);
        g.normal(t.tokenizer().vocabulary().idSpan() * 16, 0, 1);
        TorchGenerator.MhaInit m = g.multiheadAttention(16);
        assertThat(t.weights().wq().get(3, 5)).isEqualTo(m.inProjWeight().get(5, 3));
        assertThat(t.weights().wo().get(2, 7)).isEqualTo(m.outProjWeight().get(7, 2));
        assertThat(t.weights().bq().row(0)).containsOnly(0f);
    }

    @Test
    void paddingAppendsPadTokensThatNoQueryAttends() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().mask(MaskKind.PADDING).padTo(14).build());
        assertThat(t.tokens()).hasSize(14);
        assertThat(t.tokens().get(13).text()).isEqualTo(Trace.PAD);
        assertThat(t.x().row(13)).containsOnly(0f);
        int real = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults()).tokens().size();
        assertThat(real).isEqualTo(11);
        for (int i = 0; i < 14; i++) for (int j = real; j < 14; j++) assertThat(t.head(0).weights().get(i, j)).isZero();
        assertThat(t.lastRealPosition()).isEqualTo(real - 1);
        Trace none = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().mask(MaskKind.PADDING).build());
        assertThat(none.notes()).anyMatch(n -> n.contains("nothing is padded"));
    }

    @Test
    void crossAttentionReadsKeysFromTheSourceText() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().mask(MaskKind.NONE)
                .text("le chat dort").sourceText("the cat sleeps on the mat").build());
        assertThat(t.isCrossAttention()).isTrue();
        assertThat(t.head(0).weights().rows()).isEqualTo(3);
        assertThat(t.head(0).weights().cols()).isEqualTo(6);
        assertThat(t.columnLabels("h1.weights")).containsExactly("the", "cat", "sleeps", "on", "the", "mat");
        assertThat(t.matrices()).containsKey("X_src");
    }

    @Test
    void customMaskMustFitTheSentence() {
        TraceSettings s = Preset.NOTEBOOK.defaults().toBuilder().mask(MaskKind.CUSTOM).customMask(MaskMatrix.causal(3, 3)).build();
        assertThatThrownBy(() -> TraceEngine.compute(s)).hasMessage("the custom mask is 3×3 but attention here is 10×10: redraw it for this sentence");
        Trace ok = TraceEngine.compute(s.toBuilder().customMask(MaskMatrix.none(10, 10).toggled(0, 1)).build());
        assertThat(ok.head(0).weights().get(0, 1)).isZero();
        assertThat(ok.head(0).weights().get(1, 0)).isNotZero();
    }

    @Test
    void attentionShapeIsTheShapeTheTraceComputes() {
        TraceSettings padded = Preset.SMALL_MULTI_HEAD.defaults().toBuilder().padTo(14).build();
        TraceSettings imported = padded.toBuilder().dModel(2).heads(1).dk(2).dv(2)
                .inputOverride(Matrix.fromRows(new float[][] {{1, 0}, {0, 1}, {1, 1}})).padTo(5).build();
        TraceSettings cross = Preset.SMALL_MULTI_HEAD.defaults().toBuilder().mask(MaskKind.NONE).text("le chat")
                .sourceText("the cat sleeps").padTo(9).build();
        for (TraceSettings s : new TraceSettings[] {padded, imported, cross}) {
            MaskMatrix m = TraceEngine.compute(s).attention().mask();
            assertThat(TraceEngine.attentionShape(s)).containsExactly(m.rows(), m.cols());
        }
        assertThat(TraceEngine.attentionShape(imported)).containsExactly(5, 5);
        assertThat(TraceEngine.attentionShape(cross)).containsExactly(2, 3);
    }

    @Test
    void limitsAreNamedInTheMessage() {
        TraceSettings base = Preset.SMALL_MULTI_HEAD.defaults();
        String long513 = "w ".repeat(513).trim();
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().text(long513).tokenizer(TokenizerKind.FIRST_SEEN).build()))
                .isInstanceOf(InvalidInputException.class).hasMessage("the text has 513 tokens; the limit is 512 tokens");
        assertThat(TraceEngine.compute(base.toBuilder().text("w ".repeat(512).trim()).build()).tokens()).hasSize(512);
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().dModel(12).heads(8).build()))
                .hasMessage("8 heads do not divide d_model 12");
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().dModel(1025).build()))
                .hasMessage("d_model = 1025 is over the limit of 1024");
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().dk(2000).build()))
                .hasMessage("d_k = 2000 is over the limit of 1024");
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().text("   ").build()))
                .hasMessage("the text is empty: type a sentence");
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().sourceText(" ").mask(MaskKind.NONE).build()))
                .hasMessage("the source text for cross-attention is empty: type the sentence keys and values come from, or use self-attention");
        assertThatThrownBy(() -> TraceEngine.compute(base.toBuilder().vocabSize(3).build()))
                .hasMessageContaining("vocabulary size 3 is smaller than the tokenizer's");
    }

    @Test
    void samplingUsesTheLastTokenAgainstTheTiedEmbedding() {
        Trace t = NOTEBOOK;
        assertThat(t.vocabEntries()).extracting(Vocabulary.Entry::text)
                .containsExactly("hello", "i", "world", "am", "an", "attention", "love", "seeker");
        float[] y = t.attention().output().row(9);
        float[] e = t.embedding().weight().row(7);
        float dot = 0;
        for (int j = 0; j < 3; j++) dot += y[j] * e[j];
        assertThat(t.sampling().logits().get(0, 5)).isEqualTo(dot);
        assertThat(t.sampledToken()).isEqualTo(t.vocabEntries().get(t.sampling().sample()).text());
    }

    @Test
    void generateAppendsOneSampledTokenPerStepFromOneGenerator() {
        TraceSettings s = Preset.SMALL_MULTI_HEAD.defaults().toBuilder().sampleSeed(7).build();
        List<Trace> traces = TraceEngine.generate(s, 3);
        assertThat(traces).hasSize(3);
        String expectedText = traces.get(0).tokenizer().append(s.input().text(), traces.get(0).sampledToken());
        assertThat(traces.get(1).settings().input().text()).isEqualTo(expectedText);
        assertThat(TraceEngine.generate(s, 3)).extracting(Trace::sampledToken)
                .containsExactlyElementsOf(traces.stream().map(Trace::sampledToken).toList());
    }

    @Test
    void maxNormRescalesLongEmbeddingRows() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().maxNorm(1.0).build());
        assertThat(t.renormalised()).isNotEmpty();
        for (int i = 0; i < t.x().rows(); i++) {
            assertThat(Embedding.pNorm(t.x().row(i), 0, 16, 2)).isLessThanOrEqualTo(1.0 + 1e-6);
        }
        assertThat(t.explain("X", t.renormalised().get(0), 0).arithmetic()).contains("max_norm");
    }

    @Test
    void paddingIdxRowIsZero() {
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().paddingIdx(1).build());
        assertThat(t.embedding().weight().row(1)).containsOnly(0f);
        assertThat(t.x().row(1)).containsOnly(0f);
    }

    @Test
    void theScaleComparisonIsWhatTheTraceWouldBeWithEitherScaleBitForBit() {
        for (TraceSettings s : List.of(Preset.NOTEBOOK.defaults(), Preset.SMALL_MULTI_HEAD.defaults(),
                Preset.SMALL_MULTI_HEAD.defaults().toBuilder().mask(MaskKind.PADDING).padTo(14).build())) {
            Trace t = TraceEngine.compute(s);
            Trace unscaled = TraceEngine.compute(s.toBuilder().scale(dev.attentionlab.engine.model.ScaleMode.NONE).build());
            int h = t.heads() - 1;
            ScaleComparison c = t.compareScales(h);
            assertThat(c.weights()).isEqualTo(t.attentionMap(h));
            assertThat(c.dk()).isEqualTo(s.model().dk());
            assertThat(c.scaled()).isEqualTo(t.head(h).weights());
            assertThat(c.unscaled()).isEqualTo(unscaled.head(h).weights());
            assertThat(c.spreadRaw()).isEqualTo(t.head(h).scoresRaw().std());
            assertThat(c.spreadScaled()).isEqualTo(t.head(h).scoresScaled().std());
            assertThat(c.peakScaled()).isEqualTo(t.head(h).weights().meanRowMax());
            assertThat(c.peakUnscaled()).isEqualTo(unscaled.head(h).weights().meanRowMax());
        }
        // the notebook's d_k = 24: unscaled, the softmax is much more peaked
        ScaleComparison n = NOTEBOOK.compareScales(0);
        assertThat(n.spreadRaw() / n.spreadScaled()).isCloseTo((float) Math.sqrt(24), within(1e-4f));
        assertThat(n.peakUnscaled()).isGreaterThan(n.peakScaled());
    }
}

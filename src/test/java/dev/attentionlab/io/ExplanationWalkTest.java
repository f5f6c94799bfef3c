package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Num;
import dev.attentionlab.engine.trace.CellExplanation;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.MatrixKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of every matrix of a trace explains itself with its own value, for each source of
 * weights; and where the weights were learned or imported, no explanation says they came from a seed.
 */
class ExplanationWalkTest {
    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("seeded notebook", Preset.NOTEBOOK.defaults(), "drawn from seed 123"),
                Arguments.of("seeded multi-head", Preset.SMALL_MULTI_HEAD.defaults(), "drawn from seed"),
                Arguments.of("imported weights", LessonFileTest.everything(), "imported"),
                Arguments.of("the trained lesson", BundledLessons.load("05-a-trained-model.json").settings(), "learned in training, 2,000 steps"),
                Arguments.of("MiniLM", Preset.MINILM.defaults().toBuilder().adoptPretrained(PretrainedModels.load("all-minilm-l6-v2"))
                        .text("Unaffable cats!").sourceText("A dog.").build(), "pretrained: sentence-transformers all-MiniLM-L6-v2"));
    }

    /**
     * Every cell, except in MiniLM's weight tables (30,522 × 384 embeddings, six blocks of 384 × 1536
     * matrices: 15 million cells): there, every row's first and last cells and every column's first.
     */
    static boolean walked(Trace t, int rows, int cols, int r, int c) {
        if (t.settings().model().pretrained() == null || (long) rows * cols <= 100_000) return true;
        return c == 0 || c == cols - 1 || r == 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void everyCellExplainsItsOwnValue(String source, TraceSettings settings, String origin) {
        Trace t = TraceEngine.compute(settings);
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (String name : t.matrices().keySet()) {
            Matrix m = t.matrix(name);
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    if (!walked(t, m.rows(), m.cols(), r, c)) continue;
                    CellExplanation e = t.explain(name, r, c);
                    cells++;
                    float v = m.get(r, c);
                    boolean same = Float.floatToIntBits(e.value()) == Float.floatToIntBits(v);
                    boolean shown = e.arithmetic().contains(Num.fmt(v)) || v == 0 && e.arithmetic().contains("= 0");
                    if (!same || e.arithmetic().isBlank() || !shown) {
                        wrong.add(name + "[" + r + "][" + c + "] = " + v + ": " + e.arithmetic());
                    }
                    boolean learnedOrImported = !origin.startsWith("drawn");
                    if (learnedOrImported && name.matches("(b\\d+\\.)?W_[qkv12]") && !e.arithmetic().contains(origin)) {
                        wrong.add(name + "[" + r + "][" + c + "] does not say '" + origin + "': " + e.arithmetic());
                    }
                    if ((source.equals("the trained lesson") || source.equals("MiniLM")) && e.arithmetic().contains("seed")) {
                        wrong.add(name + "[" + r + "][" + c + "] of a learned model mentions a seed: " + e.arithmetic());
                    }
                }
            }
        }
        assertThat(cells).isGreaterThan(200);
        if (source.equals("the trained lesson")) {
            // every block's every intermediate, not only the attention of the block on screen
            for (int b = 0; b < t.blocks(); b++) {
                for (MatrixKind k : List.of(MatrixKind.BLOCK_IN, MatrixKind.X_IN, MatrixKind.RESIDUAL, MatrixKind.LN2, MatrixKind.W_1,
                        MatrixKind.MLP_HIDDEN, MatrixKind.MLP_ACT, MatrixKind.W_2, MatrixKind.MLP_OUT, MatrixKind.RESIDUAL2)) {
                    assertThat(t.has(MatrixId.block(b, k))).as("block %d has %s", b + 1, k).isTrue();
                }
            }
            assertThat(t.blocks()).isEqualTo(2);
            assertThat(t.has(MatrixId.model(MatrixKind.LN_F))).isTrue();
        }
        if (source.equals("MiniLM")) {
            assertThat(t.blocks()).isEqualTo(6);
            for (int b = 0; b < t.blocks(); b++) {
                for (MatrixKind k : List.of(MatrixKind.X_IN, MatrixKind.RESIDUAL, MatrixKind.W_1, MatrixKind.MLP_HIDDEN, MatrixKind.MLP_ACT,
                        MatrixKind.MLP_OUT, MatrixKind.RESIDUAL2)) {
                    assertThat(t.has(MatrixId.block(b, k))).as("block %d has %s", b + 1, k).isTrue();
                }
            }
            for (MatrixKind k : List.of(MatrixKind.SENTENCE_EMBEDDING, MatrixKind.OTHER_EMBEDDING, MatrixKind.SIMILARITY)) {
                assertThat(t.has(MatrixId.model(k))).as("%s", k).isTrue();
            }
        }
        assertThat(wrong).as(source).isEmpty();
    }
}

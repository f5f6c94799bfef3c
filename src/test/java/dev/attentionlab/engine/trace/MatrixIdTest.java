package dev.attentionlab.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Names as the command line and files write them, and the ids they stand for. */
class MatrixIdTest {
    @Test
    void namesWithoutABlockMeanTheFirstBlockAsTheyAlwaysDid() {
        assertThat(MatrixId.parse("h1.weights")).isEqualTo(MatrixId.head(0, 0, MatrixKind.WEIGHTS));
        assertThat(MatrixId.parse("b1.h1.weights")).isEqualTo(MatrixId.head(0, 0, MatrixKind.WEIGHTS));
        assertThat(MatrixId.parse("b2.h3.scores_raw")).isEqualTo(MatrixId.head(1, 2, MatrixKind.SCORES_RAW));
        assertThat(MatrixId.parse("b12.mlp_hidden")).isEqualTo(MatrixId.block(11, MatrixKind.MLP_HIDDEN));
        assertThat(MatrixId.parse("X_in")).isEqualTo(MatrixId.block(0, MatrixKind.X_IN));
        assertThat(MatrixId.parse("logits")).isEqualTo(MatrixId.model(MatrixKind.LOGITS));
    }

    @Test
    void everyKindRoundTripsThroughItsName() {
        for (MatrixKind k : MatrixKind.values()) {
            MatrixId id = switch (k.scope()) {
                case MODEL -> MatrixId.model(k);
                case BLOCK -> MatrixId.block(3, k);
                case HEAD -> MatrixId.head(3, 7, k);
            };
            assertThat(MatrixId.parse(id.name())).as(id.name()).isEqualTo(id);
        }
        assertThat(MatrixId.head(1, 0, MatrixKind.WEIGHTS).name()).isEqualTo("b2.h1.weights");
        assertThat(MatrixId.head(0, 0, MatrixKind.WEIGHTS).name()).isEqualTo("h1.weights");
    }

    @Test
    void wrongNamesSayWhatIsWrong() {
        assertThatThrownBy(() -> MatrixId.parse("weights")).isInstanceOf(InvalidInputException.class)
                .hasMessage("'weights' is per head: name one, as in h1.weights");
        assertThatThrownBy(() -> MatrixId.parse("h1.concat")).hasMessage("'concat' has no heads: h1.concat");
        assertThatThrownBy(() -> MatrixId.parse("b2.logits")).hasMessageStartingWith("'logits' belongs to the whole model");
        assertThatThrownBy(() -> MatrixId.parse("b0.X_in")).hasMessage("no matrix 'b0.X_in'");
        assertThatThrownBy(() -> MatrixId.parse("h1.nonsense")).hasMessage("no matrix 'h1.nonsense'");
    }

    @Test
    void aTraceOfTwoBlocksNamesTheSecondBlocksMatricesWithItsNumber() {
        // one block for the seeded presets: no name carries a block number
        Trace t = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
        assertThat(t.matrices().keySet()).noneMatch(n -> n.startsWith("b"));
        assertThat(t.matrices().keySet()).contains("X", "PE", "X_in", "h4.context", "weights_avg", "output", "logits");
        assertThatThrownBy(() -> t.matrix("b2.X_in")).hasMessageStartingWith("no matrix 'b2.X_in' in this trace");
    }
}

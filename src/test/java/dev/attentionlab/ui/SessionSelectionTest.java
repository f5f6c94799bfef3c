package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class SessionSelectionTest {
    static final Trace FOUR_HEADS = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());
    static final Trace ONE_HEAD = TraceEngine.compute(Preset.NOTEBOOK.defaults());

    final SimpleObjectProperty<Trace> trace = new SimpleObjectProperty<>(FOUR_HEADS);
    final SessionSelection selection = new SessionSelection(trace);

    /** What the session does when a recompute brings {@code next}. */
    void arrive(Trace next) {
        int index = selection.leave(next);
        trace.set(next);
        selection.follow(next, index);
    }

    @Test
    void stepsAreClampedToTheTracesSteps() {
        selection.goToStep(99);
        assertThat(selection.stepId.get()).isEqualTo(FOUR_HEADS.stepIds().get(FOUR_HEADS.steps().size() - 1));
        selection.firstStep();
        selection.previousStep();
        assertThat(selection.stepIndex()).isZero();
        selection.nextStep();
        assertThat(selection.stepId.get()).isEqualTo(FOUR_HEADS.stepIds().get(1));
    }

    @Test
    void aNewTraceDropsACellItLacksAndMovesAHeadItLacks() {
        selection.selectedHead.set(3);
        selection.selectedCell.set(CellRef.of("h4.weights", 2, 1));
        assertThat(selection.explanation().value()).isEqualTo(FOUR_HEADS.head(3).weights().get(2, 1));
        arrive(ONE_HEAD);
        assertThat(selection.selectedCell.get()).isNull();
        assertThat(selection.selectedHead.get()).isZero();
        assertThat(selection.explanation()).isNull();
    }

    @Test
    void aStepTheNewTraceLacksBecomesTheOneAtTheSamePlace() {
        Trace withNorm = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().residualNorm(true).build());
        arrive(withNorm);
        selection.stepId.set("residual_norm");
        int index = selection.stepIndex();
        arrive(FOUR_HEADS);
        assertThat(FOUR_HEADS.stepIds()).doesNotContain("residual_norm");
        assertThat(selection.stepId.get()).isEqualTo(FOUR_HEADS.stepIds().get(index)).isEqualTo("logits");
        // a step both have stays where it is
        selection.stepId.set("softmax");
        arrive(FOUR_HEADS);
        assertThat(selection.stepId.get()).isEqualTo("softmax");
    }

    @Test
    void theExplanationIsWorkedOutOncePerCellAndTrace() {
        selection.selectedCell.set(CellRef.of("h1.weights", 3, 4));
        var e = selection.explanation();
        assertThat(selection.explanation()).isSameAs(e);
        trace.set(TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().attentionTemperature(0.5).build()));
        assertThat(selection.explanation()).isNotSameAs(e);
        assertThat(selection.explanation().value()).isEqualTo(trace.get().head(0).weights().get(3, 4));
    }
}

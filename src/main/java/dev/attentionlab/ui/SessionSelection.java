package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.CellExplanation;
import dev.attentionlab.engine.trace.Trace;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableObjectValue;

/**
 * What the user has in focus, one job out of {@link SessionViewModel}: the tab, the step, the head and
 * the cell, and that cell's worked arithmetic. It follows the session's trace: what a new trace does
 * not have is dropped (a cell) or moved to the nearest it has (a step, a head).
 */
public final class SessionSelection {
    /** Which view the lesson is about ("pipeline", "heads"…, see Lesson.VIEWS): the window shows that tab. */
    public final StringProperty view = new SimpleStringProperty("pipeline");
    public final StringProperty stepId = new SimpleStringProperty("tokenize");
    public final ObjectProperty<CellRef> selectedCell = new SimpleObjectProperty<>();
    public final IntegerProperty selectedHead = new SimpleIntegerProperty(0);

    private final ObservableObjectValue<Trace> trace;
    private Trace explainedTrace;
    private CellRef explainedCell;
    private CellExplanation explained;

    /** @param trace the session's trace, which the step, head and cell refer to */
    SessionSelection(ObservableObjectValue<Trace> trace) {
        this.trace = trace;
    }

    /**
     * Before {@code next} replaces the trace: a cell it does not have goes first, so no view explains it
     * once the trace is set. @return the step's index now, for {@link #follow}
     */
    int leave(Trace next) {
        if (!fits(selectedCell.get(), next)) selectedCell.set(null);
        return stepIndex();
    }

    /** After the trace changed: a step it does not have becomes the one at the same place, a head it lacks the first. */
    void follow(Trace t, int stepIndex) {
        if (!t.stepIds().contains(stepId.get())) stepId.set(t.stepIds().get(Math.min(stepIndex, t.steps().size() - 1)));
        if (selectedHead.get() >= t.heads()) selectedHead.set(0);
    }

    static boolean fits(CellRef c, Trace t) {
        String name = c == null ? null : c.matrix().name();
        return c == null || t.matrices().containsKey(name) && c.row() < t.matrix(name).rows() && c.col() < t.matrix(name).cols();
    }

    // ---- steps -----------------------------------------------------------------------------

    public int stepIndex() {
        Trace t = trace.get();
        if (t == null) return 0;
        int i = t.stepIds().indexOf(stepId.get());
        return Math.max(i, 0);
    }

    public void goToStep(int index) {
        Trace t = trace.get();
        if (t == null) return;
        stepId.set(t.stepIds().get(Math.max(0, Math.min(index, t.steps().size() - 1))));
    }

    public void nextStep() {
        goToStep(stepIndex() + 1);
    }

    public void previousStep() {
        goToStep(stepIndex() - 1);
    }

    public void firstStep() {
        goToStep(0);
    }

    public void lastStep() {
        goToStep(Integer.MAX_VALUE);
    }

    // ---- cells -----------------------------------------------------------------------------

    /**
     * The worked arithmetic for the selected cell, or null. Computed once per hover: every visible
     * heatmap asks for it to outline the cells it was computed from, and the explain panel asks too.
     */
    public CellExplanation explanation() {
        CellRef c = selectedCell.get();
        Trace t = trace.get();
        if (c == null || t == null || !fits(c, t)) return null;
        if (t != explainedTrace || !c.equals(explainedCell)) {
            explained = t.explain(c.matrix(), c.row(), c.col());
            explainedTrace = t;
            explainedCell = c;
        }
        return explained;
    }
}

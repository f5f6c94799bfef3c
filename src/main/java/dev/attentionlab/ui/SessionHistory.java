package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The session's undo history: which edits merge into one step, what each step is called in the
 * Edit menu, and what a switch of preset or model changed besides itself (the status bar's notice).
 * The session gives it snapshots and restores the ones it hands back.
 */
final class SessionHistory {
    /** Everything Undo can bring back: the settings, imported weights, and the lesson's own text. */
    record Snapshot(TraceSettings settings, TraceSettings imported, String title, String notes, List<String> sentences) {}

    /** Typing that pauses for less than this stays one step to undo. */
    private static final long TYPING_BURST_NANOS = 1_000_000_000L;

    private final EditHistory<Snapshot> steps;
    private String lastEditKind;
    private long lastEditAt;
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    SessionHistory(Snapshot initial) {
        steps = new EditHistory<>(initial);
        updateLabels();
    }

    /** Records the session after an edit. @return whether it differed from the last step */
    boolean record(Snapshot now) {
        Snapshot before = steps.current();
        if (now.equals(before)) return false;
        String kind = whatChanged(before, now);
        long at = System.nanoTime();
        // A burst of typing is one step; so is a run of training snapshots swapped into the same model.
        boolean merge = kind.equals(lastEditKind) && (kind.equals("training") || kind.equals("typing") && at - lastEditAt < TYPING_BURST_NANOS);
        steps.record(now, merge);
        lastEditKind = kind;
        lastEditAt = at;
        notice.set(kind.equals("preset change") || kind.equals("model change") ? switchNotice(before, now) : "");
        updateLabels();
        return true;
    }

    /** The step before, to restore; null when there is none. Call {@link #moved()} after restoring it. */
    Snapshot undo() {
        return steps.undo();
    }

    /** The step Undo took back, to restore; null when there is none. */
    Snapshot redo() {
        return steps.redo();
    }

    /** Forgets every step: a lesson was opened. */
    void reset(Snapshot now) {
        steps.reset(now);
    }

    /**
     * After Undo, Redo or opening a lesson: the next edit is a step of its own, and a switch's notice
     * (which offered Ctrl+Z for it) no longer holds.
     */
    void moved() {
        lastEditKind = null;
        notice.set("");
        updateLabels();
    }

    ReadOnlyStringProperty undoLabel() {
        return undoLabel.getReadOnlyProperty();
    }

    ReadOnlyStringProperty redoLabel() {
        return redoLabel.getReadOnlyProperty();
    }

    ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }

    private void updateLabels() {
        Snapshot previous = steps.previous(), next = steps.next();
        undoLabel.set(previous == null ? "" : whatChanged(previous, steps.current()));
        redoLabel.set(next == null ? "" : whatChanged(steps.current(), next));
    }

    /**
     * What a switch of preset or model changed besides itself, said where the user looks (the status
     * bar), e.g. "Now preset small multi-head (Ctrl+Z undoes this): it replaced the sentence; d_model 3 → 16."
     */
    static String switchNotice(Snapshot a, Snapshot b) {
        TraceSettings x = a.settings(), y = b.settings();
        List<String> side = new java.util.ArrayList<>();
        if (!java.util.Objects.equals(x.input().text(), y.input().text())) side.add("it replaced the sentence");
        if (x.input().tokenizer() != y.input().tokenizer()) side.add("tokenizer " + x.input().tokenizer().label() + " → " + y.input().tokenizer().label());
        if (x.model().dModel() != y.model().dModel()) side.add("d_model " + x.model().dModel() + " → " + y.model().dModel());
        if (x.model().heads() != y.model().heads()) side.add("heads " + x.model().heads() + " → " + y.model().heads());
        if (x.attention().mask() != y.attention().mask()) side.add("mask " + x.attention().mask().label() + " → " + y.attention().mask().label());
        if (y.input().inputOverride() != null && x.input().inputOverride() == null) side.add("the tokens are now the imported inputs, not the sentence");
        // Ctrl+Z comes before the list: a narrow status bar cuts the end.
        return "Now " + sourceName(y) + " (Ctrl+Z undoes this)" + (side.isEmpty() ? "" : ": " + String.join("; ", side)) + ".";
    }

    /** Where the weights come from, in a few words (the status bar's badge). */
    static String sourceName(TraceSettings s) {
        if (s.model().pretrained() != null) return s.model().pretrained().name();
        if (s.model().trained() != null) return "the trained model";
        if (s.model().weights() != null) return "imported weights";
        return "preset " + s.model().preset().label() + " · seed " + s.model().seed();
    }

    /** Names an edit for the Edit menu ("Undo typing"): the first thing that differs, most visible first. */
    static String whatChanged(Snapshot a, Snapshot b) {
        TraceSettings x = a.settings(), y = b.settings();
        // What a switch of model brings along (its sentence, its shapes) belongs to the switch, so it goes first.
        if (x.model().trained() != y.model().trained() && x.model().trained() != null && y.model().trained() != null && x.model().preset() == y.model().preset()) return "training";
        if (x.model().pretrained() != y.model().pretrained() || x.model().trained() != y.model().trained() || a.imported() != b.imported()) return "model change";
        if (x.model().preset() != y.model().preset()) return "preset change";
        if (!java.util.Objects.equals(x.input().text(), y.input().text())) return "typing";
        if (!java.util.Objects.equals(x.input().sourceText(), y.input().sourceText())) return "second sentence";
        if (x.attention().mask() != y.attention().mask() || !java.util.Objects.equals(x.attention().customMask(), y.attention().customMask()) || x.input().padTo() != y.input().padTo() || x.attention().fill() != y.attention().fill()) {
            return "mask edit";
        }
        if (x.sampling().temperature() != y.sampling().temperature() || x.sampling().topK() != y.sampling().topK() || x.sampling().topP() != y.sampling().topP() || x.sampling().sampleSeed() != y.sampling().sampleSeed()) {
            return "sampling setting";
        }
        if (!a.title().equals(b.title()) || !a.notes().equals(b.notes()) || !a.sentences().equals(b.sentences())) return "lesson notes";
        return "setting change";
    }
}

package dev.attentionlab.ui;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo as states, not as inverse commands: each entry is the whole session as it was, so
 * every kind of edit (a setting, a mask cell, the sentence, a model swap, a lesson's notes) is
 * taken back the same way, and no edit can forget to say how it is undone.
 *
 * @param <S> an immutable snapshot of what can be edited
 */
final class EditHistory<S> {
    /** Enough for a lesson's worth of edits; the oldest fall off. */
    static final int LIMIT = 200;

    private final Deque<S> undo = new ArrayDeque<>();
    private final Deque<S> redo = new ArrayDeque<>();
    private S current;

    EditHistory(S initial) {
        current = initial;
    }

    S current() {
        return current;
    }

    /**
     * {@code now} is the state after an edit. With {@code mergeWithLast} it replaces the last step
     * instead of adding one (a burst of typing is one step to undo). Any new edit forgets the redo steps.
     */
    void record(S now, boolean mergeWithLast) {
        if (now.equals(current)) return;
        if (!mergeWithLast || undo.isEmpty()) {
            undo.push(current);
            if (undo.size() > LIMIT) undo.removeLast();
        }
        current = now;
        redo.clear();
    }

    /** @return the state to go back to, or null when there is none */
    S undo() {
        if (undo.isEmpty()) return null;
        redo.push(current);
        current = undo.pop();
        return current;
    }

    /** @return the state to go forward to again, or null when there is none */
    S redo() {
        if (redo.isEmpty()) return null;
        undo.push(current);
        current = redo.pop();
        return current;
    }

    /** The state Undo would bring back, or null. */
    S previous() {
        return undo.peek();
    }

    /** The state Redo would bring back, or null. */
    S next() {
        return redo.peek();
    }

    /** Starts over from {@code state} (a lesson was opened: its past is not this session's). */
    void reset(S state) {
        undo.clear();
        redo.clear();
        current = state;
    }
}

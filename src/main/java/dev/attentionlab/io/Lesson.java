package dev.attentionlab.io;

import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;

/**
 * A prepared lesson: what the class sees first (settings, imported weights, custom mask), the step it
 * opens at, extra sentences to switch between, and the teacher's title and notes.
 */
public record Lesson(String title, String notes, TraceSettings settings, String step, List<String> sentences, String view) {
    /** The window's views a lesson can open on, by the names lesson files use. */
    public static final List<String> VIEWS = List.of("pipeline", "heads", "compare", "mask", "sampling", "train");

    public Lesson {
        title = title == null ? "" : title;
        notes = notes == null ? "" : notes;
        step = step == null ? "tokenize" : step;
        sentences = sentences == null ? List.of() : List.copyOf(sentences);
        view = view == null ? "pipeline" : view;
    }

    /** A lesson that opens on the Pipeline view. */
    public Lesson(String title, String notes, TraceSettings settings, String step, List<String> sentences) {
        this(title, notes, settings, step, sentences, "pipeline");
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.TraceSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lesson a session belongs to, one job out of {@link SessionViewModel}: its file, its title, notes
 * and sentences, whether the session changed since it was opened or saved, and whether the model on
 * screen is still the one its notes were written for. The session decides when these change.
 */
public final class SessionLesson {
    public final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    public final StringProperty title = new SimpleStringProperty("");
    public final StringProperty notes = new SimpleStringProperty("");
    public final ObservableList<String> sentences = FXCollections.observableArrayList();
    /** True when the session differs from the file it was opened from or saved to. */
    public final BooleanProperty dirty = new SimpleBooleanProperty(false);
    /** Counts the user's edits, so the autosave can follow each one (dirty changes only on the first). */
    private final ReadOnlyLongWrapper edits = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper modelChanged = new ReadOnlyBooleanWrapper();
    private List<Object> writtenFor;

    public ReadOnlyLongProperty editsProperty() {
        return edits.getReadOnlyProperty();
    }

    /**
     * Whether the model on screen is no longer the one the open lesson was written for (training
     * started, another preset or checkpoint): its notes then describe something else, and the banner says so.
     */
    public ReadOnlyBooleanProperty modelChangedProperty() {
        return modelChanged.getReadOnlyProperty();
    }

    void edited() {
        dirty.set(true);
        edits.set(edits.get() + 1);
    }

    /** The lesson came from (or was written to) {@code from}: nothing is unsaved. */
    void clean(Path from) {
        file.set(from);
        dirty.set(false);
    }

    /** The notes from now on describe the model of {@code s}. */
    void writtenFor(TraceSettings s) {
        writtenFor = modelOf(s);
    }

    /** Compares the model of {@code current} with the one the notes were written for. */
    void check(TraceSettings current) {
        modelChanged.set(writtenFor != null && !writtenFor.equals(modelOf(current)));
    }

    /** Which model a lesson was written for, in the terms that change what its notes describe. */
    private static List<Object> modelOf(TraceSettings s) {
        return Arrays.asList(s.model().pretrained(), s.model().trained() != null, s.model().weights() != null, s.model().preset(),
                s.model().dModel(), s.model().heads(), s.input().tokenizer());
    }
}

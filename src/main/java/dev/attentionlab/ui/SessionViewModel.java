package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;

/**
 * One AttentionLab session: it recomputes the trace when a setting changes (the last one that computed
 * stays on screen, with the error that stopped a newer one), records each edit for Undo, and holds the
 * lesson it belongs to. Its parts each have one job: the settings ({@link SettingsForm}), what is in
 * focus ({@link SessionSelection}), the lesson ({@link SessionLesson}), drawing tokens ({@link SessionSampling}), the history
 * ({@link SessionHistory}) and the recompute service ({@link NewestWins}). Views bind to their
 * properties and never compute anything themselves.
 */
public final class SessionViewModel {
    /** Every setting as a property; the session follows their changes. */
    public final SettingsForm form = new SettingsForm();

    // ---- what the views show ---------------------------------------------------------------
    private final ReadOnlyObjectWrapper<Trace> trace = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(false);
    /** What a file action is doing in the background ("Reading for: open mine.json…"), or empty. */
    private final ReadOnlyStringWrapper fileActivity = new ReadOnlyStringWrapper("");
    /** The tab, step, head and cell in focus, and the cell's arithmetic. */
    public final SessionSelection selection = new SessionSelection(trace);
    public final IntegerProperty generateCount = new SimpleIntegerProperty(5);

    // ---- the lesson file -------------------------------------------------------------------
    /** The lesson this session belongs to: its file, title, notes and sentences, and whether it is saved. */
    public final SessionLesson lesson = new SessionLesson();

    private final Scheduling scheduling;
    private final dev.attentionlab.io.SessionFiles files;
    /** Drawing tokens: one at a time, appended, or Generate's run of them. */
    public final SessionSampling sampling;
    /** The recompute service: the newest settings' trace wins, the last valid one stays on screen. */
    private final NewestWins<Trace> traces;
    private boolean batching;
    /** Settings whose imported weights and inputs are in use; null when everything comes from the seed. */
    private TraceSettings imported;

    public SessionViewModel(Scheduling scheduling) {
        this(scheduling, dev.attentionlab.io.SessionFiles.DISK);
    }

    /** @param files where lessons and imported weights are read and saved (tests hand in their own) */
    public SessionViewModel(Scheduling scheduling, dev.attentionlab.io.SessionFiles files) {
        this.scheduling = scheduling;
        this.files = files;
        this.traces = new NewestWins<>(scheduling);
        this.sampling = new SessionSampling(this, scheduling, computing::set, error::set);
        form.text.addListener(o -> {
            markEdited();
            if (!batching) recompute();
        });
        lesson.title.addListener(o -> markEdited());
        lesson.notes.addListener(o -> markEdited());
        // Change (not invalidation) listeners: a bound property is invalidated without changing value.
        for (ObservableValue<?> o : form.choices()) {
            o.addListener((x, was, now) -> {
                markEdited();
                recomputeUnlessBatching();
            });
        }
        form.sampleSeed.addListener(o -> resetDraws());
        lesson.sentences.addListener((javafx.collections.ListChangeListener<String>) c -> markEdited());
        recompute();
        history = new SessionHistory(snapshot());
    }

    public ReadOnlyObjectProperty<Trace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    public Trace trace() {
        return trace.get();
    }

    /** Why the latest settings could not be computed; empty when they could. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** What the last "Sample" click drew, in words. */
    private void markEdited() {
        lesson.edited();
        if (!batching && !restoring) commit();
    }

    // ---- undo: the history is its own class; the session says what a snapshot is and how to restore one ----

    private SessionHistory history;
    private boolean restoring;

    private SessionHistory.Snapshot snapshot() {
        return new SessionHistory.Snapshot(settings(), imported, lesson.title.get(), lesson.notes.get(), List.copyOf(lesson.sentences));
    }

    /** Adds the session as it is now to the history, if an edit changed it. */
    private void commit() {
        if (history != null && history.record(snapshot())) checkLessonModel();
    }

    /** What the last switch of preset or model changed besides itself; empty after any other edit. */
    public ReadOnlyStringProperty noticeProperty() {
        return history.notice();
    }

    /** What Undo would take back ("typing", "mask edit"…); empty when there is nothing to undo. */
    public ReadOnlyStringProperty undoLabelProperty() {
        return history.undoLabel();
    }

    /** What Redo would do again; empty when there is nothing to redo. */
    public ReadOnlyStringProperty redoLabelProperty() {
        return history.redoLabel();
    }

    /** Takes back the last edit, whatever it was. @return whether there was one */
    public boolean undo() {
        return restore(history.undo());
    }

    /** Does again what Undo took back. @return whether there was something */
    public boolean redo() {
        return restore(history.redo());
    }

    private boolean restore(SessionHistory.Snapshot s) {
        if (s == null) return false;
        restoring = true;
        try {
            imported = s.imported();
            apply(s.settings());
            lesson.title.set(s.title());
            lesson.notes.set(s.notes());
            lesson.sentences.setAll(s.sentences());
        } finally {
            restoring = false;
        }
        historyMoved();
        return true;
    }

    /** After Undo, Redo or opening a lesson: the history starts a fresh step and the banner follows. */
    private void historyMoved() {
        history.moved();
        checkLessonModel();
    }

    public ReadOnlyStringProperty fileActivityProperty() {
        return fileActivity.getReadOnlyProperty();
    }

    public void setFileActivity(String what) {
        fileActivity.set(what);
    }

    /** The settings as they stand now. */
    public TraceSettings settings() {
        return form.builder().weights(imported == null ? null : imported.model().weights())
                .inputOverride(imported == null ? null : imported.input().inputOverride()).build();
    }

    /** Sets every property from {@code s} at once, with a single recompute. */
    public void apply(TraceSettings s) {
        batching = true;
        try {
            form.set(s);
        } finally {
            endBatch();
        }
    }

    /** A batch of property changes is one recompute and one step to undo. */
    private void endBatch() {
        batching = false;
        recompute();
        if (!restoring) commit();
    }

    /**
     * Switches to a preset. A pretrained one is read on first use off the UI thread, its progress in the
     * status bar; until then the views keep the trace they have.
     */
    public void applyPreset(Preset p) {
        if (p.pretrainedKey() == null) {
            imported = null;
            apply(p.defaults());
            return;
        }
        String key = p.pretrainedKey();
        computing.set(true);
        setFileActivity("Loading " + key + "…");
        scheduling.background().execute(() -> {
            try {
                PretrainedModel m = pretrainedLoader.load(key, f -> scheduling.ui().execute(() -> {
                    if (f < 1) setFileActivity(String.format(Locale.ROOT, "Loading %s… %.0f%%", key, f * 100));
                }));
                scheduling.ui().execute(() -> {
                    setFileActivity("");
                    imported = null;
                    apply(p.defaults().toBuilder().adoptPretrained(m).build());
                });
            } catch (InvalidInputException e) {
                scheduling.ui().execute(() -> {
                    setFileActivity("");
                    computing.set(false);
                    error.set(e.getMessage());
                });
            }
        });
    }

    /**
     * Runs the sentence on screen through a model read from a file (a GPT-2 checkpoint): its shapes,
     * tokenizer and causal mask replace the settings', as choosing a preset would.
     */
    public void usePretrained(PretrainedModel m) {
        imported = null;
        apply(keepingSentenceAndSampling(Preset.CUSTOM).adoptPretrained(m).build());
    }

    /** A preset's settings with the sentence and the sampling settings on screen: what a switch of model keeps. */
    private TraceSettings.Builder keepingSentenceAndSampling(Preset p) {
        return p.defaults().toBuilder().text(form.text.get()).temperature(form.temperature.get()).topK(form.topK.get())
                .topP(form.topP.get()).sampleSeed(form.sampleSeed.get());
    }

    /** Reads a bundled pretrained model by its key, telling how far it got (0…1). */
    public interface PretrainedLoader {
        PretrainedModel load(String key, java.util.function.DoubleConsumer progress);
    }

    private PretrainedLoader pretrainedLoader = dev.attentionlab.io.PretrainedModels::load;

    /** Where pretrained models come from; tests hand in their own. */
    public void setPretrainedLoader(PretrainedLoader loader) {
        pretrainedLoader = loader;
    }

    private void recomputeUnlessBatching() {
        if (!batching) recompute();
    }

    /** Computes the trace for the current settings off the UI thread; newer requests win. */
    public void recompute() {
        TraceSettings s = fitCustomMask(settings());
        computing.set(true);
        traces.request(() -> TraceEngine.compute(s), this::accept, this::reject);
    }

    /** A custom mask follows the sentence: cells that still exist keep their state. */
    private TraceSettings fitCustomMask(TraceSettings s) {
        if (s.attention().mask() != MaskKind.CUSTOM || s.attention().customMask() == null) return s;
        try {
            int[] shape = TraceEngine.attentionShape(s);
            if (shape[0] == s.attention().customMask().rows() && shape[1] == s.attention().customMask().cols()) return s;
            return s.toBuilder().customMask(s.attention().customMask().resized(shape[0], shape[1])).build();
        } catch (InvalidInputException e) {
            return s;
        }
    }

    private void accept(Trace t) {
        computing.set(false);
        error.set("");
        if (t.settings().attention().customMask() != form.customMask.get() && t.settings().attention().mask() == MaskKind.CUSTOM) {
            batching = true;
            form.customMask.set(t.settings().attention().customMask());
            batching = false;
        }
        int oldIndex = selection.leave(t);
        trace.set(t);
        selection.follow(t, oldIndex);
    }

    private void reject(String message) {
        computing.set(false);
        error.set(message);
    }

    // ---- mask editor -----------------------------------------------------------------------

    /** Flips one cell of the mask now in effect and switches to a custom mask. */
    public void toggleMaskCell(int row, int col) {
        Trace t = trace.get();
        if (t == null) return;
        MaskMatrix current = t.attention().mask();
        batching = true;
        form.customMask.set(current.toggled(row, col));
        form.mask.set(MaskKind.CUSTOM);
        endBatch();
    }

    /** The editor's presets: causal, padding (adds two padding tokens) or clear. */
    public void maskPreset(MaskKind kind) {
        batching = true;
        switch (kind) {
            case PADDING -> {
                Trace t = trace.get();
                int real = t == null ? 0 : t.lastRealPosition() + 1;
                if (form.padTo.get() <= real) form.padTo.set(real + 2);
                form.mask.set(MaskKind.PADDING);
            }
            case CUSTOM, NONE -> {
                form.mask.set(MaskKind.NONE);
                form.customMask.set(null);
            }
            case CAUSAL -> form.mask.set(MaskKind.CAUSAL);
        }
        endBatch();
    }

    // ---- lessons ---------------------------------------------------------------------------

    /** The session as a lesson (what Save writes). */
    public dev.attentionlab.io.Lesson toLesson() {
        return new dev.attentionlab.io.Lesson(lesson.title.get(), lesson.notes.get(), settings(), selection.stepId.get(), List.copyOf(lesson.sentences),
                selection.view.get());
    }

    /** Replaces the session with {@code l}; afterwards nothing is unsaved. */
    public void load(dev.attentionlab.io.Lesson l, java.nio.file.Path from) {
        boolean brought = l.settings().model().weights() != null || l.settings().input().inputOverride() != null;
        imported = brought ? l.settings() : null;
        apply(l.settings());
        selection.stepId.set(l.step());
        selection.view.set(l.view());
        lesson.title.set(l.title());
        lesson.notes.set(l.notes());
        lesson.sentences.setAll(l.sentences());
        selection.selectedCell.set(null);
        lesson.clean(from);
        history.reset(snapshot());
        lesson.writtenFor(l.settings());
        historyMoved();
    }

    private void checkLessonModel() {
        lesson.check(settings());
    }

    /** Brings back work an autosave kept: loaded as it was, and still unsaved. */
    public void restore(dev.attentionlab.io.Lesson l, java.nio.file.Path originalFile) {
        load(l, originalFile);
        markEdited();
    }

    /** Reads a lesson file; a file that cannot be used throws and leaves the session exactly as it was. */
    public void open(java.nio.file.Path path) {
        load(files.readLesson(path), path);
    }

    /** Saves atomically; the session is then clean and belongs to {@code path}. */
    public void save(java.nio.file.Path path) {
        files.saveLesson(toLesson(), path);
        lesson.clean(path);
    }

    /** A fresh session: the notebook, no file, no notes. */
    public void newLesson() {
        load(new dev.attentionlab.io.Lesson("", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of()), null);
    }

    /**
     * Uses weights (and inputs, masks) from a PyTorch export, JSON or safetensors. A file whose tensors do
     * not fit throws with the tensor named, and the session stays as it was.
     */
    public void importWeights(java.nio.file.Path path) {
        useImported(readImport(settings(), path));
    }

    /** Where this session reads and saves its files. */
    public dev.attentionlab.io.SessionFiles files() {
        return files;
    }

    /**
     * The settings {@code base} becomes with the weights in {@code path}, checked to compute. Touches no
     * property, so the window runs it off the UI thread.
     */
    public TraceSettings readImport(TraceSettings base, java.nio.file.Path path) {
        var w = files.readWeights(path);
        TraceSettings s = w.applyTo(base.toBuilder().preset(Preset.CUSTOM).pretrained(null), null).build();
        TraceEngine.compute(s);
        return s;
    }

    /** Switches to settings made by {@link #readImport}. */
    public void useImported(TraceSettings s) {
        imported = s;
        apply(s);
    }

    /**
     * Runs every view through {@code m} (a training snapshot, or a loaded model). A model of the shape
     * already in use is swapped in place, keeping the mask and scale the user chose; another shape adopts
     * the model's settings. Null goes back to the preset's seeded weights, keeping the sentence.
     */
    public void useModel(dev.attentionlab.engine.model.TrainedModel m) {
        dev.attentionlab.engine.model.TrainedModel current = form.model.get();
        if (m != null && current != null && current.config().equals(m.config()) && current.alphabet().equals(m.alphabet())) {
            form.model.set(m);
            return;
        }
        imported = null;
        if (m == null) {
            Preset p = form.preset.get().pretrainedKey() != null ? Preset.SMALL_MULTI_HEAD : form.preset.get();
            apply(keepingSentenceAndSampling(p).build());
        } else {
            apply(settings().toBuilder().weights(null).inputOverride(null).adoptModel(m).build());
        }
    }

    /** Forgets imported weights and inputs; the seed draws them again. */
    public void clearImportedWeights() {
        imported = null;
        recompute();
        markEdited();
    }

    public boolean hasImportedWeights() {
        return imported != null;
    }

    public void resetDraws() {
        sampling.resetDraws();
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.trace.Continuation;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.engine.train.Trainer;
import dev.attentionlab.engine.train.TrainingData;
import dev.attentionlab.engine.train.TrainingPoint;
import dev.attentionlab.io.BundledCorpus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Training in the window: the corpus, the model size and run options, Start / Pause / Stop, the loss
 * curve, the snapshots taken at every evaluation and which one the other views show. Training runs
 * on its own thread; everything it reports reaches these properties through the UI executor.
 */
public final class TrainViewModel {
    public enum State { IDLE, RUNNING, PAUSED, STOPPING, FINISHED }

    public final ObjectProperty<LmSize> size = new SimpleObjectProperty<>(LmSize.DEFAULT);
    public final IntegerProperty steps = new SimpleIntegerProperty(Trainer.Options.defaults().steps());
    public final LongProperty seed = new SimpleLongProperty(Trainer.Options.defaults().seed());
    public final StringProperty corpusName = new SimpleStringProperty(BundledCorpus.STORIES_NAME);
    public final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    public final DoubleProperty progress = new SimpleDoubleProperty(0);
    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty("");
    public final ObservableList<TrainingPoint> points = FXCollections.observableArrayList();
    public final ObservableList<TrainedModel> snapshots = FXCollections.observableArrayList();
    /** The snapshot the views show; -1 when none is chosen. */
    public final IntegerProperty snapshotIndex = new SimpleIntegerProperty(-1);
    /** While training, show each new snapshot as it arrives. */
    public final BooleanProperty followLatest = new SimpleBooleanProperty(true);
    public final StringProperty generated = new SimpleStringProperty("");

    private final SessionViewModel session;
    private final Executor worker;
    private final Executor ui;
    private String corpusText;
    private final Object lock = new Object();
    private boolean paused;
    private boolean stopRequested;

    public TrainViewModel(SessionViewModel session, Executor worker, Executor ui) {
        this.session = session;
        this.worker = worker;
        this.ui = ui;
        snapshotIndex.addListener((o, was, now) -> {
            int i = now.intValue();
            if (i >= 0 && i < snapshots.size()) session.useModel(snapshots.get(i));
        });
    }

    /** A worker thread of its own: training never waits behind (or holds up) the trace recomputes. */
    public static Executor trainingThread() {
        return r -> {
            Thread t = new Thread(r, "attentionlab-train");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            t.start();
        };
    }

    public String corpusText() {
        return corpusText != null ? corpusText : BundledCorpus.stories();
    }

    public void useBundledCorpus() {
        corpusText = null;
        corpusName.set(BundledCorpus.STORIES_NAME);
        updateCorpusStatus();
    }

    /** "Train on my text…": any UTF-8 text file; a file that cannot be used leaves the corpus as it was. */
    public void useCorpusFile(Path file) {
        useCorpus(file.getFileName().toString(), readCorpus(file, size.get()));
    }

    /** A corpus file's text, checked to be long enough for {@code size}; touches no property (runs off the UI thread). */
    public String readCorpus(Path file, LmSize size) {
        String text = session.files().readCorpus(file);
        TrainingData.of(text, size.config(2).context());
        return text;
    }

    /** Trains on {@code text} (read by {@link #readCorpus}) from now on. */
    public void useCorpus(String name, String text) {
        corpusText = text;
        corpusName.set(name);
        updateCorpusStatus();
    }

    /**
     * Puts the corpus's size in the status line. Called when the Train tab is first shown, not at
     * start-up: it reads the 300 KB bundled corpus.
     */
    public void updateCorpusStatus() {
        String t = corpusText();
        if (state.get() == State.IDLE) {
            status.set(String.format(Locale.ROOT, "%s: %,d characters, %d distinct", corpusName.get(), t.length(),
                    t.codePoints().distinct().count()));
        }
    }

    public boolean isBusy() {
        State s = state.get();
        return s == State.RUNNING || s == State.PAUSED || s == State.STOPPING;
    }

    /** Steps between evaluations: every 50, or fewer so a long run keeps at most ~200 snapshots in memory. */
    public int evalEvery() {
        return Math.max(Trainer.Options.defaults().evalEvery(), steps.get() / 200);
    }

    /** Starts a fresh run with the chosen size, steps and seed; the loss curve and snapshots start over. */
    public void start() {
        if (isBusy()) return;
        error.set("");
        Trainer trainer;
        try {
            TrainingData data = TrainingData.of(corpusText(), size.get().config(2).context());
            trainer = new Trainer(data, size.get(), Trainer.Options.defaults().withSteps(steps.get()).withSeed(seed.get())
                    .withEvalEvery(evalEvery()));
        } catch (InvalidInputException e) {
            error.set(e.getMessage());
            return;
        }
        points.clear();
        snapshots.clear();
        snapshotIndex.set(-1);
        generated.set("");
        progress.set(0);
        synchronized (lock) {
            paused = false;
            stopRequested = false;
        }
        state.set(State.RUNNING);
        int total = steps.get();
        status.set("starting…");
        worker.execute(() -> {
            try {
                trainer.run(new Trainer.Listener() {
                    @Override
                    public void evaluated(TrainingPoint p, TrainedModel snapshot) {
                        ui.execute(() -> report(p, snapshot, total));
                    }

                    @Override
                    public boolean proceed() {
                        return waitWhilePaused();
                    }
                });
                ui.execute(() -> finish(null));
            } catch (RuntimeException e) {
                ui.execute(() -> finish(e.getMessage()));
            }
        });
    }

    private boolean waitWhilePaused() {
        synchronized (lock) {
            while (paused && !stopRequested) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !stopRequested;
        }
    }

    private void report(TrainingPoint p, TrainedModel snapshot, int total) {
        points.add(p);
        snapshots.add(snapshot);
        progress.set(total == 0 ? 1 : (double) p.step() / total);
        status.set(String.format(Locale.ROOT, "step %,d of %,d · %.1f steps/s · train loss %.3f · validation loss %.3f",
                p.step(), total, p.stepsPerSecond(), p.trainLoss(), p.valLoss()));
        if (followLatest.get() || snapshotIndex.get() < 0) snapshotIndex.set(snapshots.size() - 1);
    }

    private void finish(String failure) {
        if (failure != null) error.set("training stopped: " + failure);
        state.set(State.FINISHED);
        if (!points.isEmpty()) {
            TrainingPoint last = points.get(points.size() - 1);
            status.set(String.format(Locale.ROOT, "trained %,d steps · %.1f steps/s · validation loss %.3f (from %.3f)",
                    last.step(), last.stepsPerSecond(), last.valLoss(), points.get(0).valLoss()));
        }
    }

    public void togglePause() {
        synchronized (lock) {
            if (state.get() == State.RUNNING) {
                paused = true;
                state.set(State.PAUSED);
            } else if (state.get() == State.PAUSED) {
                paused = false;
                state.set(State.RUNNING);
                lock.notifyAll();
            }
        }
    }

    /** Ends the run after the current step; it is evaluated and kept as the last snapshot. */
    public void stop() {
        synchronized (lock) {
            if (!isBusy()) return;
            stopRequested = true;
            state.set(State.STOPPING);
            lock.notifyAll();
        }
    }

    /** The model the views show now, or null. */
    public TrainedModel current() {
        return session.form.model.get();
    }

    public void saveModel(Path file) {
        TrainedModel m = current();
        if (m == null) throw new InvalidInputException("there is no trained model to save: train one first");
        session.files().saveModel(m, file);
    }

    /** Opens a saved model: it becomes the only snapshot and the views use it. */
    public void openModel(Path file) {
        useOpenedModel(file, session.files().readModel(file));
    }

    /** Makes a model read from {@code file} the only snapshot. */
    public void useOpenedModel(Path file, TrainedModel m) {
        if (isBusy()) throw new InvalidInputException("stop the training before opening another model");
        points.clear();
        snapshots.setAll(m);
        snapshotIndex.set(-1);
        snapshotIndex.set(0);
        state.set(State.IDLE);
        status.set(String.format(Locale.ROOT, "%s: trained %,d steps, %d characters", file.getFileName(), m.step(), m.alphabet().size()));
    }

    /** Continues the sentence by {@code count} characters with the sampling settings of the session. */
    public void generate(int count) {
        TrainedModel m = current();
        if (m == null) {
            error.set("train a model (or open one) first");
            return;
        }
        // The session's sentence and sampling settings, through the snapshot this tab shows.
        TraceSettings s = session.settings().toBuilder().adoptModel(m).build();
        worker.execute(() -> {
            try {
                String text = Continuation.of(s, count).toEnd();
                ui.execute(() -> {
                    error.set("");
                    generated.set(text);
                });
            } catch (InvalidInputException e) {
                ui.execute(() -> error.set(e.getMessage()));
            }
        });
    }

    /** Back to the preset's seeded weights in every view (snapshots stay for scrubbing). */
    public void useSeededWeights() {
        snapshotIndex.set(-1);
        session.useModel(null);
    }
}

package dev.attentionlab.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Where the view-model runs work: the computation off the UI thread, results back on it, and typing
 * debounced. Tests without a window use {@link #immediate()}, where everything runs in the caller.
 */
public record Scheduling(Executor background, Executor ui, Debouncer debouncer) {

    /** Runs an action once input has been quiet for a moment. */
    public interface Debouncer {
        void run(Runnable action);
    }

    public static Scheduling immediate() {
        return new Scheduling(Runnable::run, Runnable::run, Runnable::run);
    }

    /** One daemon worker thread (a newer request supersedes older ones) and a 150 ms typing pause. */
    public static Scheduling javafx() {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "attentionlab-compute");
            t.setDaemon(true);
            return t;
        });
        PauseTransition pause = new PauseTransition(Duration.millis(150));
        return new Scheduling(worker, Platform::runLater, action -> {
            pause.setOnFinished(e -> action.run());
            pause.playFromStart();
        });
    }
}

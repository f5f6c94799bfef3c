package dev.attentionlab.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * Where the view-model runs work: the computation off the UI thread and results back on it. Tests
 * without a window use {@link #immediate()}, where everything runs in the caller.
 */
public record Scheduling(Executor background, Executor ui) {

    public static Scheduling immediate() {
        return new Scheduling(Runnable::run, Runnable::run);
    }

    /** One daemon worker thread; the view-model hands it only the newest request (see NewestWins). */
    public static Scheduling javafx() {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "attentionlab-compute");
            t.setDaemon(true);
            return t;
        });
        return new Scheduling(worker, Platform::runLater);
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.io.Autosave;
import dev.attentionlab.io.Lesson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the unsaved lesson safe: a moment after each edit and every minute while it stays unsaved, the
 * session is copied to {@link Autosave}; once nothing is unsaved the copy goes. The snapshot is taken
 * on the UI thread (where the properties live), the file written on the saver's own thread.
 */
final class Autosaver {
    static final Duration AFTER_EDIT = Duration.ofSeconds(2);
    static final Duration EVERY = Duration.ofMinutes(1);

    private final SessionViewModel vm;
    private final Autosave store;
    private final Executor ui;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attentionlab-autosave");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;

    Autosaver(SessionViewModel vm, Autosave store, Executor ui) {
        this.vm = vm;
        this.store = store;
        this.ui = ui;
    }

    /** Starts following the session's edits. Call on the UI thread. */
    Autosaver start(Duration afterEdit, Duration every) {
        vm.lesson.editsProperty().addListener(o -> schedule(afterEdit));
        vm.lesson.dirty.addListener((o, was, now) -> {
            if (!now) onSaver(store::clear);
        });
        long period = every.toMillis();
        saver.scheduleAtFixedRate(() -> ui.execute(this::keepNow), period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    Autosaver start() {
        return start(AFTER_EDIT, EVERY);
    }

    private synchronized void schedule(Duration delay) {
        if (pending != null) pending.cancel(false);
        pending = saver.schedule(() -> ui.execute(this::keepNow), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On the UI thread: snapshot the session, then write it on the saver's thread (or remove the copy if all is saved). */
    void keepNow() {
        if (!vm.lesson.dirty.get()) {
            onSaver(store::clear);
            return;
        }
        Lesson lesson = vm.toLesson();
        Path file = vm.lesson.file.get();
        onSaver(() -> {
            try {
                store.keep(lesson, file);
            } catch (InvalidInputException e) {
                // Only a lesson too large to keep (or a data folder that is not writable) lands here: the
                // session itself is untouched and Save still reports the reason; the next edit tries again.
            }
        });
    }

    /** Runs on the saver's thread, in order; after {@link #closed()} there is nothing left to do. */
    private void onSaver(Runnable r) {
        try {
            saver.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // The window has closed and cleared its copy.
        }
    }

    /** The window closed on the user's word (saved or discarded): nothing is left to recover. */
    void closed() {
        saver.shutdownNow();
        store.clear();
    }
}

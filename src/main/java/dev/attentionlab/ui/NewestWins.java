package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work off the UI thread where the newest request wins, the session's recompute service. A request
 * runs at once when the worker is idle; requests that come while it is busy replace one another, so
 * only the last of them runs and typing never queues up traces nobody will see. Only the newest
 * request's answer reaches the UI thread: a result, or an error said in words (what was shown
 * before stays on screen).
 *
 * @param <T> what the work makes
 */
final class NewestWins<T> {
    private final Scheduling scheduling;
    private final AtomicLong requested = new AtomicLong();
    /** The newest request the worker has not started. */
    private final AtomicReference<Runnable> pending = new AtomicReference<>();

    NewestWins(Scheduling scheduling) {
        this.scheduling = scheduling;
    }

    /**
     * Runs {@code work} on the worker, then {@code done} or {@code failed} on the UI thread, unless a
     * newer request came meanwhile.
     */
    void request(Supplier<T> work, Consumer<T> done, Consumer<String> failed) {
        long id = requested.incrementAndGet();
        pending.set(() -> run(id, work, done, failed));
        scheduling.background().execute(() -> {
            Runnable newest = pending.getAndSet(null);
            if (newest != null) newest.run();
        });
    }

    private void run(long id, Supplier<T> work, Consumer<T> done, Consumer<String> failed) {
        String message;
        try {
            T result = work.get();
            scheduling.ui().execute(() -> {
                if (id == requested.get()) done.accept(result);
            });
            return;
        } catch (InvalidInputException e) {
            message = e.getMessage();
        } catch (RuntimeException e) {
            message = "internal error: " + e;
        } catch (OutOfMemoryError e) {
            // The half-built result is garbage by now; say so instead of computing forever.
            message = "not enough memory for this trace in a " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB heap: shorten the sentence, or start Java with a larger -Xmx";
        }
        String said = message;
        scheduling.ui().execute(() -> {
            if (id == requested.get()) failed.accept(said);
        });
    }
}

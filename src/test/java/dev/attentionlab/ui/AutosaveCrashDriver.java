package dev.attentionlab.ui;

import dev.attentionlab.io.Autosave;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The session and its autosave in a process of their own, for {@link AutosaveTest} to kill mid-edit:
 * one thread plays the UI thread, edits arrive as a user's would, and the process then waits to be killed.
 * Arguments: the data folder, then the sentence to type.
 */
public final class AutosaveCrashDriver {
    private AutosaveCrashDriver() {}

    public static void main(String[] args) throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        Autosave store = new Autosave(Path.of(args[0]));
        ui.submit(() -> {
            SessionViewModel vm = new SessionViewModel(new Scheduling(worker, ui));
            new Autosaver(vm, store, ui).start(Duration.ofMillis(200), Duration.ofMinutes(1));
            vm.lesson.title.set("Before the crash");
            vm.form.temperature.set(0.7);
            vm.form.text.set(args[1]);
        }).get();
        System.out.println("edited " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.io.Autosave;
import dev.attentionlab.io.Lesson;
import dev.attentionlab.io.LessonFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsaved work survives the process being killed, and is offered back. */
class AutosaveTest {
    @TempDir
    Path data;

    @Test
    void aKilledSessionsUnsavedLessonIsRecovered() throws Exception {
        String sentence = "The animal did not cross the street because it was tired";
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AutosaveCrashDriver.class.getName(), data.toString(), sentence)
                .redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
            assertThat(line).startsWith("edited ");
            long pid = Long.parseLong(line.substring("edited ".length()).trim());
            Path kept = data.resolve("autosave").resolve("session-" + pid + ".json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(kept) && Files.readString(kept).contains(sentence)) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(kept).as("kept a moment after the edit").exists();
            // While that process lives, its copy is not offered to another one.
            assertThat(new Autosave(data).left()).isEmpty();
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean-up, as in a crash
            p.waitFor(10, TimeUnit.SECONDS);
        }

        List<Autosave.Recovered> left = new Autosave(data).left();
        assertThat(left).hasSize(1);
        Autosave.Recovered r = left.get(0);
        assertThat(r.lesson().settings().input().text()).isEqualTo(sentence);
        assertThat(r.lesson().title()).isEqualTo("Before the crash");
        assertThat(r.originalFile()).isNull();

        SessionViewModel vm = new SessionViewModel(Scheduling.immediate());
        vm.restore(r.lesson(), r.originalFile());
        assertThat(vm.form.text.get()).isEqualTo(sentence);
        assertThat(vm.form.temperature.get()).isEqualTo(0.7);
        assertThat(vm.lesson.title.get()).isEqualTo("Before the crash");
        assertThat(vm.lesson.dirty.get()).as("restored work is still unsaved").isTrue();
        assertThat(vm.trace().settings().input().text()).isEqualTo(sentence);
        new Autosave(data).forget(r);
        assertThat(new Autosave(data).left()).isEmpty();
    }

    @Test
    void theCopyFollowsEditsAndGoesOnceSaved() throws Exception {
        Autosave store = new Autosave(data);
        SessionViewModel vm = new SessionViewModel(Scheduling.immediate());
        Autosaver saver = new Autosaver(vm, store, Runnable::run);
        saver.start(java.time.Duration.ofMillis(50), java.time.Duration.ofMinutes(1));
        vm.form.text.set("first edit");
        waitFor(() -> Files.exists(store.file()) && read(store.file()).settings().input().text().equals("first edit"));
        vm.form.text.set("second edit");
        waitFor(() -> read(store.file()).settings().input().text().equals("second edit"));
        Path saved = data.resolve("mine.json");
        vm.save(saved);
        waitFor(() -> !Files.exists(store.file()));
        vm.form.temperature.set(0.4);
        waitFor(() -> Files.exists(store.file()) && read(store.file()).settings().sampling().temperature() == 0.4);
        assertThat(Files.readString(store.file())).contains(saved.toAbsolutePath().toString());
        saver.closed();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void copiesOfOtherRunningProcessesAndBrokenCopiesAreNotOffered() throws Exception {
        Autosave store = new Autosave(data);
        Path folder = Files.createDirectories(data.resolve("autosave"));
        Lesson l = new Lesson("mine", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of());
        // This process is alive: a copy under its pid belongs to a running window.
        LessonFile.save(l, folder.resolve("session-" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L) + ".json"));
        Files.writeString(folder.resolve("session-999999999.json"), "{ broken");
        assertThat(store.left()).isEmpty();
    }

    static Lesson read(Path f) {
        try {
            return LessonFile.read(f);
        } catch (RuntimeException e) {
            return new Lesson("", "", Preset.NOTEBOOK.defaults().toBuilder().text("(unreadable)").build(), "tokenize", List.of());
        }
    }

    static void waitFor(java.util.function.BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(20);
        }
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.io.CheckpointDownload;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The state of Model → Get GPT-2…: which checkpoint, where it goes, how far its download is, and
 * what went wrong. The download runs on {@code background}; every property changes on {@code ui}.
 */
final class DownloadViewModel {
    final ObjectProperty<CheckpointDownload.Source> source = new SimpleObjectProperty<>(CheckpointDownload.GPT2);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper partial = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final Path dataFolder;
    private final CheckpointDownload download;
    private final Executor background;
    private final Executor ui;
    private final Consumer<Path> open;
    private AtomicBoolean cancel = new AtomicBoolean();

    /** @param open what to do with a complete checkpoint folder (the window opens it as the model) */
    DownloadViewModel(Path dataFolder, CheckpointDownload download, Executor background, Executor ui, Consumer<Path> open) {
        this.dataFolder = dataFolder;
        this.download = download;
        this.background = background;
        this.ui = ui;
        this.open = open;
        source.addListener(o -> describeFolder());
        describeFolder();
    }

    Path folder() {
        return CheckpointDownload.folderFor(dataFolder, source.get());
    }

    /** Downloads what the folder lacks (nothing, when it is complete), then opens it. */
    void start() {
        if (running.get()) return;
        if (CheckpointDownload.isComplete(folder())) {
            open.accept(folder());
            return;
        }
        CheckpointDownload.Source s = source.get();
        Path into = folder();
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        running.set(true);
        problem.set("");
        status.set("Connecting…");
        progress.set(-1);
        background.execute(() -> {
            try {
                download.fetch(s, into, (file, index, done, total) -> ui.execute(() -> showProgress(file, index, done, total)), stop::get);
                ui.execute(() -> {
                    running.set(false);
                    describeFolder();
                    open.accept(into);
                });
            } catch (RuntimeException e) {
                String why = e instanceof CheckpointDownload.Cancelled ? "" : FileActions.message(e);
                ui.execute(() -> {
                    running.set(false);
                    describeFolder();
                    problem.set(why.isEmpty() ? "" : "The download stopped: " + why + ".");
                });
            }
        });
    }

    /** Stops a running download; what arrived stays for the next Download. */
    void cancel() {
        cancel.set(true);
    }

    private void showProgress(String file, int index, long done, long total) {
        if (!running.get()) return; // a last report can arrive after the end was shown
        progress.set(total > 0 ? (double) done / total : -1);
        status.set(String.format(Locale.ROOT, "File %d of %d, %s: %s of %s", index + 1, CheckpointDownload.FILES.size(), file,
                megabytes(done), total >= 0 ? megabytes(total) : "?"));
    }

    /** What is already in the folder: complete, partly there (Download resumes), or nothing yet. */
    private void describeFolder() {
        Path f = folder();
        boolean whole = CheckpointDownload.isComplete(f);
        complete.set(whole);
        long have = CheckpointDownload.bytesPresent(f);
        partial.set(!whole && have > 0);
        progress.set(whole ? 1 : 0);
        if (whole) status.set("Downloaded: " + f + ". Open uses it.");
        else if (have > 0) status.set(megabytes(have) + " of about " + source.get().size() + " already here; Download resumes.");
        else status.set("Not downloaded yet; it will go to " + f + ".");
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    /** Some of it is already here, so Download resumes rather than starts. */
    ReadOnlyBooleanProperty partialProperty() {
        return partial.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}

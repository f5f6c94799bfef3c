package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.export.Export;
import dev.attentionlab.io.BundledLessons;
import dev.attentionlab.io.PretrainedModels;
import dev.attentionlab.render.ExportOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * File and lesson commands with their dialogs: new, open, recent, save, save as, import weights,
 * export, the bundled lessons, and the question before unsaved work is thrown away.
 */
final class FileActions {
    static final int MAX_RECENT = 8;
    private final MainWindow w;
    private Preferences prefs() {
        return Preferences.userNodeForPackage(FileActions.class);
    }
    /** Replaces the save-or-discard question in tests; null asks the user. */
    java.util.function.Supplier<ButtonBar.ButtonData> unsavedAnswer;

    FileActions(MainWindow w) {
        this.w = w;
    }

    void newLesson() {
        if (confirmDiscard()) w.vm.newLesson();
    }

    void open() {
        if (!confirmDiscard()) return;
        File f = lessonChooser("Open lesson").showOpenDialog(w.stage);
        if (f != null) open(f.toPath());
    }

    /**
     * Opens a lesson file: read and checked off the UI thread, then loaded. A bad one is explained and
     * the session stays as it was. @return completes with whether it was opened
     */
    CompletableFuture<Boolean> open(Path file) {
        return readThenApply(file, "Could not open " + file.getFileName(), () -> w.vm.files().readLesson(file), lesson -> {
            w.vm.load(lesson, file);
            remember(file);
        }, e -> e instanceof PretrainedModels.CheckpointNotFound missing ? locateThenOpen(missing, file) : null);
    }

    /**
     * Where a lesson's moved or changed GPT-2 checkpoint is now: asks the user (tests hand in their
     * own answer). Null when the user gives up.
     */
    java.util.function.Function<PretrainedModels.CheckpointNotFound, Path> locator = this::askWhereTheCheckpointIs;

    private CompletableFuture<Boolean> locateThenOpen(PretrainedModels.CheckpointNotFound missing, Path lesson) {
        Path located = locator.apply(missing);
        if (located == null) return CompletableFuture.completedFuture(false);
        PretrainedModels.relocate(missing.savedPath(), located);
        return open(lesson);
    }

    private Path askWhereTheCheckpointIs(PretrainedModels.CheckpointNotFound missing) {
        Alert a = Fx.themed(new Alert(Alert.AlertType.CONFIRMATION, missing.getMessage() + ". Locate it to open the lesson with it."));
        a.initOwner(w.stage);
        a.setTitle("AttentionLab");
        a.setHeaderText("Where is the lesson's GPT-2 checkpoint?");
        javafx.scene.control.ButtonType locate = new javafx.scene.control.ButtonType("Locate…", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(locate, javafx.scene.control.ButtonType.CANCEL);
        if (a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != locate) return null;
        File f;
        if (missing.savedPath().endsWith(".safetensors")) {
            f = chooser("Locate the GPT-2 .safetensors file", "safetensors", "*.safetensors").showOpenDialog(w.stage);
        } else {
            javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
            c.setTitle("Locate the GPT-2 checkpoint folder");
            f = c.showDialog(w.stage);
        }
        return f == null ? null : f.toPath();
    }

    void openBundled(String name) {
        if (confirmDiscard()) attempt("Could not open the lesson", () -> w.vm.load(BundledLessons.load(name), null));
    }

    /** @return false when the user cancelled or saving failed */
    boolean save() {
        Path f = w.vm.lesson.file.get();
        return f == null ? saveAs() : saveTo(f);
    }

    boolean saveAs() {
        FileChooser c = lessonChooser("Save lesson");
        Path current = w.vm.lesson.file.get();
        c.setInitialFileName(current != null ? current.getFileName().toString() : "lesson.json");
        File f = c.showSaveDialog(w.stage);
        return f != null && saveTo(f.toPath());
    }

    boolean saveTo(Path file) {
        return attempt("Could not save", () -> {
            w.vm.save(file);
            remember(file);
        });
    }

    void importWeights() {
        FileChooser c = chooser("Import PyTorch weights", "state_dict JSON or safetensors", "*.json", "*.safetensors");
        File f = c.showOpenDialog(w.stage);
        if (f != null) importWeights(f.toPath());
    }

    CompletableFuture<Boolean> importWeights(Path file) {
        var base = w.vm.settings();
        return readThenApply(file, "Could not use " + file.getFileName(), () -> w.vm.readImport(base, file), w.vm::useImported);
    }

    /** "Train on my text…": a UTF-8 .txt file becomes the training corpus. */
    void chooseCorpus(TrainViewModel train) {
        FileChooser c = chooser("Train on my text", "Text (UTF-8)", "*.txt");
        File f = c.showOpenDialog(w.stage);
        if (f != null) useCorpus(train, f.toPath());
    }

    CompletableFuture<Boolean> useCorpus(TrainViewModel train, Path file) {
        var size = train.size.get();
        return readThenApply(file, "Could not train on " + file.getFileName(), () -> w.train.readCorpus(file, size),
                text -> train.useCorpus(file.getFileName().toString(), text));
    }

    void saveModel(TrainViewModel train) {
        if (train.current() == null) {
            error(w.stage, "No trained model", "Train a model in the Train tab (or open one) first.");
            return;
        }
        FileChooser c = modelChooser("Save trained model");
        c.setInitialFileName("model.safetensors");
        runOnChosen(c.showSaveDialog(w.stage), "Could not save ", train::saveModel);
    }

    void openModel(TrainViewModel train) {
        File f = modelChooser("Open trained model").showOpenDialog(w.stage);
        if (f != null) openModel(train, f.toPath());
    }

    CompletableFuture<Boolean> openModel(TrainViewModel train, Path file) {
        return readThenApply(file, "Could not open " + file.getFileName(), () -> w.vm.files().readModel(file), m -> train.useOpenedModel(file, m));
    }

    /** The Get GPT-2 window, once made; reopening it shows the download still running. */
    DownloadDialog download;

    /** "Get GPT-2…": downloads gpt2 or distilgpt2 into the data folder, then opens it. */
    void getGpt2() {
        if (download == null) {
            var model = new DownloadViewModel(dev.attentionlab.io.Autosave.defaultDataFolder(),
                    new dev.attentionlab.io.CheckpointDownload(dev.attentionlab.io.CheckpointDownload.defaultEndpoint()),
                    DOWNLOADER, javafx.application.Platform::runLater,
                    folder -> openCheckpoint(folder).thenAccept(opened -> {
                        if (opened) download.stage.close();
                    }));
            download = new DownloadDialog(w, model);
        }
        download.show();
    }

    /** "Open GPT-2 checkpoint…": a Hugging Face folder (config.json, model.safetensors, vocab.json, merges.txt). */
    void openCheckpointFolder() {
        javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
        c.setTitle("Open a GPT-2 checkpoint folder (config.json, model.safetensors, vocab.json, merges.txt)");
        File f = c.showDialog(w.stage);
        if (f != null) openCheckpoint(f.toPath());
    }

    /** "Open GPT-2 .safetensors…": one file; the bundled vocabulary, and the config beside it if there is one. */
    void openCheckpointFile() {
        File f = chooser("Open a GPT-2 .safetensors file", "safetensors", "*.safetensors").showOpenDialog(w.stage);
        if (f != null) openCheckpoint(f.toPath());
    }

    CompletableFuture<Boolean> openCheckpoint(Path path) {
        return readThenApply(path, "Could not open " + path.getFileName(), () -> PretrainedModels.open(path.toString()), w.vm::usePretrained);
    }

    /** Does {@code action} with the file the user chose (none: nothing); a refusal is explained. */
    private void runOnChosen(File f, String failure, java.util.function.Consumer<Path> action) {
        if (f != null) attempt(failure + f.getName(), () -> action.accept(f.toPath()));
    }

    /** Runs {@code action}; a refusal is explained under {@code failure}. @return whether it went through */
    private boolean attempt(String failure, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            error(w.stage, failure, message(e));
            return false;
        }
    }

    /** Files are read on this thread, so a large or slow one never freezes the window. */
    private static final java.util.concurrent.Executor READER = worker("attentionlab-files");

    /**
     * Reads with {@code read} off the UI thread (the status bar says so meanwhile), then hands the result to
     * {@code apply} on it. Any failure of either, the app's refusals and anything unexpected alike, is
     * shown under {@code failure}, and nothing of the session has changed.
     */
    private <T> CompletableFuture<Boolean> readThenApply(Path file, String failure, java.util.concurrent.Callable<T> read,
                                                         java.util.function.Consumer<T> apply) {
        return readThenApply(file, failure, read, apply, e -> null);
    }

    /**
     * As above; {@code recover} may answer a failure of {@code read} with another attempt (on the UI
     * thread), or with null to have it explained as usual.
     */
    private <T> CompletableFuture<Boolean> readThenApply(Path file, String failure, java.util.concurrent.Callable<T> read,
                                                         java.util.function.Consumer<T> apply,
                                                         java.util.function.Function<Throwable, CompletableFuture<Boolean>> recover) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        w.vm.setFileActivity("Reading " + file.getFileName() + "…");
        READER.execute(() -> {
            T value;
            try {
                value = read.call();
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                javafx.application.Platform.runLater(() -> {
                    w.vm.setFileActivity("");
                    CompletableFuture<Boolean> again = recover.apply(e);
                    if (again != null) {
                        again.thenAccept(done::complete);
                        return;
                    }
                    error(w.stage, failure, message(e));
                    done.complete(false);
                });
                return;
            }
            javafx.application.Platform.runLater(() -> {
                w.vm.setFileActivity("");
                done.complete(attempt(failure, () -> apply.accept(value)));
            });
        });
        return done;
    }

    /** Downloads run here, apart from file reading, so a checkpoint can be opened while another arrives. */
    private static final java.util.concurrent.Executor DOWNLOADER = worker("attentionlab-download");

    /** One daemon thread: it never keeps the app alive after its window closes. */
    private static java.util.concurrent.Executor worker(String name) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The app's own refusals speak for themselves; anything else is named as unexpected, in one line. */
    static String message(Throwable e) {
        if (e instanceof InvalidInputException) return e.getMessage();
        if (e instanceof OutOfMemoryError) return "the file needs more memory than this Java process has (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)";
        return "an unexpected problem (" + e + "); nothing was changed";
    }

    private static FileChooser chooser(String title, String kind, String... patterns) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(kind, patterns),
                new FileChooser.ExtensionFilter("All files", "*"));
        return c;
    }

    private static FileChooser modelChooser(String title) {
        return chooser(title, "AttentionLab model (safetensors)", "*.safetensors");
    }

    void export() {
        if (w.vm.trace() != null) new ExportDialog(w).show();
    }

    /** Ctrl+Shift+S: the current view as a 2× PNG. */
    void saveViewAsPng() {
        if (w.vm.trace() == null) return;
        FileChooser c = new FileChooser();
        c.setTitle("Save the current view as PNG");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        c.setInitialFileName("attentionlab-view.png");
        File f = c.showSaveDialog(w.stage);
        if (f == null) return;
        attempt("Could not save the view", () -> {
            ExportOptions o = new ExportOptions(2, true, w.display.palette.get(), false, null);
            Export.picture(ViewPictures.current(w, o), Export.Format.PNG, o, f.toPath());
        });
    }

    /** Lesson → Title and notes… */
    void editInfo() {
        Dialog<ButtonType> d = Fx.themed(new Dialog<>());
        d.initOwner(w.stage);
        d.setTitle("Lesson title and notes");
        TextField title = new TextField(w.vm.lesson.title.get());
        title.setPromptText("Title shown to the class");
        TextArea notes = new TextArea(w.vm.lesson.notes.get());
        notes.setPromptText("Notes shown under the sentence");
        notes.setWrapText(true);
        notes.setPrefRowCount(6);
        d.getDialogPane().setContent(new VBox(8, new Label("Title"), title, new Label("Notes"), notes));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            w.vm.lesson.title.set(title.getText());
            w.vm.lesson.notes.set(notes.getText());
        });
    }

    /** True when nothing is unsaved, or the user saved or chose to discard it. */
    boolean confirmDiscard() {
        if (!w.vm.lesson.dirty.get()) return true;
        ButtonBar.ButtonData answer;
        if (unsavedAnswer != null) {
            answer = unsavedAnswer.get();
        } else {
            ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
            Alert a = Fx.themed(new Alert(Alert.AlertType.CONFIRMATION, "Save the changes to this lesson first?", save, discard, ButtonType.CANCEL));
            a.initOwner(w.stage);
            a.setTitle("Unsaved changes");
            a.setHeaderText("This lesson has changes that are not saved.");
            answer = a.showAndWait().map(ButtonType::getButtonData).orElse(ButtonBar.ButtonData.CANCEL_CLOSE);
        }
        return switch (answer) {
            case YES -> save();
            case NO -> true;
            default -> false;
        };
    }

    /** Replaces the restore question in tests: true restores, false discards; null asks the user. */
    java.util.function.Supplier<Boolean> recoveryAnswer;

    /**
     * After a crash or a kill: offers back the newest lesson an earlier run left unsaved. Restoring
     * loads it as unsaved work; declining deletes the copy. @return whether a lesson was restored
     */
    boolean offerRecovery(dev.attentionlab.io.Autosave store) {
        var left = store.left();
        if (left.isEmpty()) return false;
        var r = left.get(0);
        String name = !r.lesson().title().isBlank() ? "“" + r.lesson().title() + "”"
                : r.originalFile() != null ? r.originalFile().getFileName().toString() : "an untitled lesson";
        String when = java.time.format.DateTimeFormatter.ofPattern("d MMM, HH:mm").withZone(java.time.ZoneId.systemDefault()).format(r.keptAt());
        boolean restore;
        if (recoveryAnswer != null) {
            restore = recoveryAnswer.get();
        } else {
            ButtonType yes = new ButtonType("Restore", ButtonBar.ButtonData.YES);
            ButtonType no = new ButtonType("Discard it", ButtonBar.ButtonData.NO);
            Alert a = Fx.themed(new Alert(Alert.AlertType.CONFIRMATION, "AttentionLab closed before " + name + " was saved. Its last state was kept at "
                    + when + ". Restore it? (You can then save it where you like.)", yes, no));
            a.initOwner(w.stage);
            a.setTitle("Unsaved work found");
            a.setHeaderText("Restore the unsaved lesson?");
            restore = a.showAndWait().map(b -> b == yes).orElse(false);
        }
        store.forget(r);
        if (restore) w.vm.restore(r.lesson(), r.originalFile());
        return restore;
    }

    /** Filled when opened: reading preferences loads an XML parser, which start-up need not wait for. */
    Menu recentMenu() {
        Menu m = new Menu("Open recent");
        m.getItems().add(new MenuItem("…"));
        m.setOnShowing(e -> fillRecent(m));
        return m;
    }

    private void fillRecent(Menu m) {
        m.getItems().clear();
        for (Path p : recent()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> {
                if (confirmDiscard()) open(p);
            });
            m.getItems().add(item);
        }
        if (m.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            m.getItems().add(none);
        }
    }

    List<Path> recent() {
        List<Path> out = new ArrayList<>();
        for (String s : prefs().get("recent", "").split("\n")) if (!s.isBlank() && Files.exists(Path.of(s))) out.add(Path.of(s));
        return out;
    }

    private void remember(Path file) {
        List<String> list = new ArrayList<>();
        list.add(file.toAbsolutePath().toString());
        for (Path p : recent()) if (!p.toAbsolutePath().toString().equals(list.get(0)) && list.size() < MAX_RECENT) list.add(p.toString());
        prefs().put("recent", String.join("\n", list));
    }

    private static FileChooser lessonChooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("AttentionLab lesson", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return c;
    }

    /** Errors are shown in a dialog; tests read {@link #lastError} instead of clicking it away. */
    static String lastError = "";

    static void error(Window owner, String header, String message) {
        lastError = header + ": " + message;
        if (Boolean.getBoolean("attentionlab.quietDialogs")) return;
        Alert a = Fx.themed(new Alert(Alert.AlertType.ERROR, message));
        a.initOwner(owner);
        a.setTitle("AttentionLab");
        a.setHeaderText(header);
        a.show();
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.io.BundledLessons;
import dev.attentionlab.io.Export;
import dev.attentionlab.render.ExportOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Opens a lesson file; a bad one is explained and the session stays as it was. */
    boolean open(Path file) {
        return attempt("Could not open " + file.getFileName(), () -> {
            w.vm.open(file);
            remember(file);
        });
    }

    void openBundled(String name) {
        if (confirmDiscard()) attempt("Could not open the lesson", () -> w.vm.load(BundledLessons.load(name), null));
    }

    /** @return false when the user cancelled or saving failed */
    boolean save() {
        Path f = w.vm.file.get();
        return f == null ? saveAs() : saveTo(f);
    }

    boolean saveAs() {
        FileChooser c = lessonChooser("Save lesson");
        Path current = w.vm.file.get();
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
        runOnChosen(c.showOpenDialog(w.stage), "Could not use ", w.vm::importWeights);
    }

    /** "Train on my text…": a UTF-8 .txt file becomes the training corpus. */
    void chooseCorpus(TrainViewModel train) {
        FileChooser c = chooser("Train on my text", "Text (UTF-8)", "*.txt");
        runOnChosen(c.showOpenDialog(w.stage), "Could not train on ", train::useCorpusFile);
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
        runOnChosen(modelChooser("Open trained model").showOpenDialog(w.stage), "Could not open ", train::openModel);
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
        } catch (InvalidInputException e) {
            error(w.stage, failure, e.getMessage());
            return false;
        }
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
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(w.stage);
        d.setTitle("Lesson title and notes");
        TextField title = new TextField(w.vm.lessonTitle.get());
        title.setPromptText("Title shown to the class");
        TextArea notes = new TextArea(w.vm.lessonNotes.get());
        notes.setPromptText("Notes shown under the sentence");
        notes.setWrapText(true);
        notes.setPrefRowCount(6);
        d.getDialogPane().setContent(new VBox(8, new Label("Title"), title, new Label("Notes"), notes));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            w.vm.lessonTitle.set(title.getText());
            w.vm.lessonNotes.set(notes.getText());
        });
    }

    /** True when nothing is unsaved, or the user saved or chose to discard it. */
    boolean confirmDiscard() {
        if (!w.vm.dirty.get()) return true;
        ButtonBar.ButtonData answer;
        if (unsavedAnswer != null) {
            answer = unsavedAnswer.get();
        } else {
            ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Save the changes to this lesson first?", save, discard, ButtonType.CANCEL);
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
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.initOwner(owner);
        a.setTitle("AttentionLab");
        a.setHeaderText(header);
        a.show();
    }
}

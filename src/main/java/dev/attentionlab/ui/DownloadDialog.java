package dev.attentionlab.ui;

import dev.attentionlab.io.CheckpointDownload;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * Model → Get GPT-2…: where GPT-2 comes from, and a download of it into the user's data folder with
 * its progress, a cancel, and a resume. A window of its own, not modal: the app stays usable while
 * hundreds of MB arrive.
 */
final class DownloadDialog {
    final Stage stage = new Stage(StageStyle.DECORATED);
    final DownloadViewModel vm;
    final Button start = new Button();
    final Button cancel = new Button("Cancel download");
    final ProgressBar bar = new ProgressBar();
    final Label status = new Label();
    final Label problem = new Label();

    DownloadDialog(MainWindow w, DownloadViewModel vm) {
        this.vm = vm;
        stage.initOwner(w.stage);
        stage.setTitle("Get GPT-2");

        Label intro = wrapped("GPT-2 is the language model OpenAI published in 2019; its weights are free to use, and Hugging Face "
                + "hosts them. They are too large to ship inside AttentionLab, so download them once here. If you already have "
                + "a copy, use Model → Open GPT-2 checkpoint folder… instead. Only the four files of the model are requested.");
        intro.getStyleClass().add("download-intro");

        ToggleGroup choice = new ToggleGroup();
        VBox sources = new VBox(8);
        for (CheckpointDownload.Source s : CheckpointDownload.SOURCES) {
            RadioButton r = new RadioButton(s.title() + "  (" + s.size() + ")");
            r.setId("download-" + s.key());
            r.setToggleGroup(choice);
            r.setUserData(s);
            r.setSelected(s.equals(vm.source.get()));
            Label about = wrapped(s.about() + " From huggingface.co/" + s.repo() + ".");
            about.getStyleClass().add("hint");
            about.setPadding(new Insets(0, 0, 0, 26));
            sources.getChildren().addAll(r, about);
        }
        choice.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) vm.source.set((CheckpointDownload.Source) now.getUserData());
        });
        sources.disableProperty().bind(vm.runningProperty());

        bar.setId("downloadProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        status.setId("downloadStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        problem.setId("downloadProblem");
        problem.getStyleClass().add("error-label");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        start.setId("downloadStart");
        start.setDefaultButton(true);
        start.textProperty().bind(Bindings.createStringBinding(
                () -> vm.completeProperty().get() ? "Open" : vm.partialProperty().get() ? "Resume download" : "Download",
                vm.completeProperty(), vm.partialProperty()));
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        cancel.setId("downloadCancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, cancel, start, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label leaving = wrapped("Closing this window stops a running download; what arrived is kept, and Download resumes it.");
        leaving.getStyleClass().add("hint");

        VBox root = new VBox(12, intro, sources, bar, status, problem, leaving, buttons);
        root.setPadding(new Insets(16));
        root.setPrefWidth(560);
        root.getStyleClass().add("download-dialog");
        // The window's zoom and contrast, as they are when the dialog opens.
        root.setStyle(w.stage.getScene().getRoot().getStyle());
        if (w.display.highContrast.get()) root.getStyleClass().add("high-contrast");
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(w.stage.getScene().getStylesheets());
        stage.setScene(scene);
        stage.setOnHidden(e -> vm.cancel());
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    void show() {
        stage.show();
        stage.toFront();
    }
}

package dev.attentionlab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The lesson's title and notes for the class, and its extra sentences; hidden when there are none. */
final class LessonBanner extends HBox {
    LessonBanner(SessionViewModel vm, FileActions files) {
        getStyleClass().add("lesson-banner");
        setSpacing(12);
        setPadding(new Insets(6, 10, 6, 10));
        setAlignment(Pos.CENTER_LEFT);
        Label title = new Label();
        title.setId("lessonTitle");
        title.getStyleClass().add("lesson-title");
        title.textProperty().bind(vm.lesson.title);
        Label notes = new Label();
        notes.setId("lessonNotes");
        notes.setWrapText(true);
        notes.textProperty().bind(vm.lesson.notes);
        // Notes written for the lesson's model would mislead once training or another model replaced it.
        Label changed = new Label("The model on screen is no longer this lesson's, so these notes may not match it "
                + "(Ctrl+Z or reopening the lesson brings its model back).");
        changed.setId("lessonModelChanged");
        changed.getStyleClass().add("status-notice");
        changed.setWrapText(true);
        changed.visibleProperty().bind(vm.lesson.modelChangedProperty());
        changed.managedProperty().bind(changed.visibleProperty());
        javafx.scene.layout.VBox words = new javafx.scene.layout.VBox(2, notes, changed);
        HBox.setHgrow(words, Priority.ALWAYS);
        MenuButton sentences = new MenuButton("Lesson sentences");
        Runnable fill = () -> {
            sentences.getItems().clear();
            for (String s : vm.lesson.sentences) {
                MenuItem m = new MenuItem(s);
                m.setOnAction(e -> vm.form.text.set(s));
                sentences.getItems().add(m);
            }
            sentences.setVisible(!vm.lesson.sentences.isEmpty());
            sentences.setManaged(!vm.lesson.sentences.isEmpty());
        };
        vm.lesson.sentences.addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        Hyperlink edit = new Hyperlink("Edit…");
        edit.setOnAction(e -> files.editInfo());
        for (var n : new javafx.scene.control.Control[] {title, sentences, edit}) n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.setMaxWidth(360);
        title.setWrapText(true);
        getChildren().addAll(title, words, sentences, edit);
        Runnable show = () -> {
            boolean any = !vm.lesson.title.get().isBlank() || !vm.lesson.notes.get().isBlank();
            setVisible(any);
            setManaged(any);
        };
        vm.lesson.title.addListener(o -> show.run());
        vm.lesson.notes.addListener(o -> show.run());
        show.run();
    }
}

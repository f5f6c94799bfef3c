package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.export.Export;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.Palette;
import dev.attentionlab.render.Picture;
import dev.attentionlab.render.PictureWriter;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;

/** File → Export…: what, format and look, with a preview of exactly what will be written. */
final class ExportDialog {
    private final MainWindow w;
    final ChoiceBox<ViewPictures.Kind> kind = new ChoiceBox<>();
    final ChoiceBox<Integer> head = new ChoiceBox<>();
    final ChoiceBox<String> matrix = new ChoiceBox<>();
    final ChoiceBox<Export.Format> format = new ChoiceBox<>();
    final Spinner<Integer> scale = new Spinner<>(1, 4, 2);
    final CheckBox values = new CheckBox("Values in cells");
    final CheckBox transparent = new CheckBox("Transparent background");
    final ChoiceBox<Palette> palette = new ChoiceBox<>();
    final TextField title = new TextField();
    final ImageView preview = new ImageView();
    final Label problem = new Label();

    ExportDialog(MainWindow w) {
        this.w = w;
        Trace t = w.vm.trace();
        kind.getItems().setAll(ViewPictures.Kind.values());
        kind.setValue(ViewPictures.Kind.CURRENT_VIEW);
        kind.setConverter(Fx.converter(k -> k.label));
        List<Integer> heads = new ArrayList<>();
        for (int i = 0; i < t.heads(); i++) heads.add(i);
        if (t.heads() > 1) heads.add(-1);
        head.getItems().setAll(heads);
        head.setValue(Math.min(w.vm.selection.selectedHead.get(), t.heads() - 1));
        head.setConverter(Fx.converter(h -> h < 0 ? "average" : "head " + (h + 1)));
        matrix.getItems().setAll(t.matrices().keySet());
        matrix.setValue(t.attentionMap(0).name());
        format.getItems().setAll(Export.Format.values());
        format.setValue(Export.Format.PNG);
        format.setConverter(Fx.converter(f -> f.extension().toUpperCase(java.util.Locale.ROOT)));
        values.setSelected(true);
        palette.getItems().setAll(Palette.values());
        palette.setValue(w.display.palette.get());
        palette.setConverter(Fx.converter(Palette::label));
        title.setPromptText("(the picture's own title)");
        // A pasted essay would be refused at export; the field stops at the limit instead.
        title.setTextFormatter(new javafx.scene.control.TextFormatter<String>(
                c -> c.getControlNewText().length() <= ExportOptions.MAX_TITLE ? c : null));
        problem.getStyleClass().add("error-label");
        problem.setWrapText(true);
        problem.setVisible(false);
        preview.setPreserveRatio(true);
        preview.setFitWidth(560);
        preview.setFitHeight(380);
        restore(w.lastExport);
        for (var c : List.of(kind.valueProperty(), head.valueProperty(), matrix.valueProperty(), format.valueProperty(),
                values.selectedProperty(), transparent.selectedProperty(), palette.valueProperty(), title.textProperty())) {
            c.addListener(o -> update());
        }
        update();
    }

    /** What the dialog had chosen at its last Export, so the next one starts there (not the title: it names one picture). */
    record Choices(ViewPictures.Kind kind, int head, String matrix, Export.Format format, int scale, boolean values,
                   boolean transparent, Palette palette, Path folder) {}

    Choices choices(Path folder) {
        return new Choices(kind.getValue(), head.getValue() == null ? 0 : head.getValue(), matrix.getValue(), format.getValue(),
                scale.getValue(), values.isSelected(), transparent.isSelected(), palette.getValue(), folder);
    }

    /** Takes back the last choices, each where the trace still has it (a head or matrix may be gone). */
    private void restore(Choices c) {
        if (c == null) return;
        kind.setValue(c.kind());
        if (head.getItems().contains(c.head())) head.setValue(c.head());
        if (matrix.getItems().contains(c.matrix())) matrix.setValue(c.matrix());
        format.setValue(c.format());
        scale.getValueFactory().setValue(c.scale());
        values.setSelected(c.values());
        transparent.setSelected(c.transparent());
        palette.setValue(c.palette());
    }

    ExportOptions options() {
        String t = title.getText() == null || title.getText().isBlank() ? null : title.getText();
        return new ExportOptions(scale.getValue(), values.isSelected(), palette.getValue(), transparent.isSelected(), t);
    }

    Picture picture() {
        return ViewPictures.of(w, kind.getValue(), head.getValue() == null ? 0 : head.getValue(), matrix.getValue(), options());
    }

    /** CSV and JSON hold one matrix: the chosen one, or the chosen head's weights. */
    String tableMatrix() {
        return switch (kind.getValue()) {
            case MATRIX -> matrix.getValue();
            case HEAD -> w.vm.trace().attentionMap(head.getValue()).name();
            default -> null;
        };
    }

    private void update() {
        head.setDisable(kind.getValue() != ViewPictures.Kind.HEAD);
        matrix.setDisable(kind.getValue() != ViewPictures.Kind.MATRIX);
        boolean table = format.getValue() == Export.Format.CSV || format.getValue() == Export.Format.JSON;
        boolean ok = !table || tableMatrix() != null;
        problem.setText(ok ? "" : "CSV and JSON export one matrix: choose 'one head' or 'one matrix'.");
        problem.setVisible(!ok);
        scale.setDisable(format.getValue() != Export.Format.PNG);
        try {
            preview.setImage(SwingFXUtils.toFXImage(PictureWriter.image(picture(), options().withScale(1)), null));
        } catch (InvalidInputException e) {
            // Too large to draw even at 1×: say so where the preview would be, as Export would.
            preview.setImage(null);
            problem.setText(e.getMessage());
            problem.setVisible(true);
        }
    }

    /** Shows the dialog; on Export asks where to save and writes the file. */
    void show() {
        Dialog<ButtonType> d = dialog();
        d.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).ifPresent(b -> chooseAndWrite());
    }

    Dialog<ButtonType> dialog() {
        Dialog<ButtonType> d = Fx.themed(new Dialog<>());
        d.initOwner(w.stage);
        d.setTitle("Export");
        d.setHeaderText("Export a picture or the numbers");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        int r = 0;
        g.addRow(r++, Fx.label("What", "Which picture or matrix"), kind, head, matrix);
        g.addRow(r++, Fx.label("Format", "PNG and SVG are pictures; CSV and JSON hold one matrix's numbers"), format,
                Fx.label("Scale", "PNG pixels per screen pixel"), scale);
        g.addRow(r++, Fx.label("Palette", null), palette);
        javafx.scene.layout.HBox checks = new javafx.scene.layout.HBox(16, values, transparent);
        g.add(checks, 1, r++, 3, 1);
        g.addRow(r++, Fx.label("Title", "Replaces the picture's own title"), title);
        GridPane.setColumnSpan(title, 3);
        ScrollPane box = new ScrollPane(preview);
        box.setPrefViewportHeight(390);
        box.setPrefViewportWidth(580);
        var content = new javafx.scene.layout.VBox(10, g, problem, new Label("Preview"), box);
        content.setPadding(new Insets(6));
        d.getDialogPane().setContent(content);
        ButtonType export = new ButtonType("Export…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(export, ButtonType.CANCEL);
        return d;
    }

    private void chooseAndWrite() {
        Export.Format f = format.getValue();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as " + f.extension().toUpperCase(java.util.Locale.ROOT));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.extension().toUpperCase(java.util.Locale.ROOT), "*." + f.extension()));
        chooser.setInitialFileName("attentionlab." + f.extension());
        Path folder = w.lastExport == null ? null : w.lastExport.folder();
        if (folder != null && java.nio.file.Files.isDirectory(folder)) chooser.setInitialDirectory(folder.toFile());
        File file = chooser.showSaveDialog(w.stage);
        if (file == null) return;
        try {
            write(file.toPath());
        } catch (RuntimeException e) {
            FileActions.error(w.stage, "Could not export", FileActions.message(e));
        }
    }

    void write(Path file) {
        Export.Format f = format.getValue();
        w.lastExport = choices(file.toAbsolutePath().getParent());
        switch (f) {
            case PNG, SVG -> Export.picture(picture(), f, options(), file);
            case CSV, JSON -> {
                String m = tableMatrix();
                if (m == null) throw new InvalidInputException("CSV and JSON export one matrix: choose 'one head' or 'one matrix'");
                Export.matrix(w.vm.trace(), m, f, options(), file);
            }
        }
    }

}

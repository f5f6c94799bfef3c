package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.export.Export;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.PictureWriter;
import dev.attentionlab.render.TracePictures;
import java.io.File;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;

/** Right-click on any heatmap: copy it as an image, save it as PNG or SVG, or save its numbers as CSV. */
final class MatrixMenu {
    private MatrixMenu() {}

    static void install(TraceMatrixView view, SessionViewModel vm, DisplaySettings display) {
        view.setOnContextMenuRequested(e -> {
            Trace t = vm.trace();
            if (t == null) return;
            String name = view.matrixName();
            ExportOptions o = new ExportOptions(2, true, display.palette.get(), false, null);
            MenuItem copy = new MenuItem("Copy image");
            copy.setOnAction(a -> {
                ClipboardContent c = new ClipboardContent();
                c.putImage(SwingFXUtils.toFXImage(PictureWriter.image(TracePictures.matrix(t, name, o), o), null));
                Clipboard.getSystemClipboard().setContent(c);
            });
            MenuItem save = new MenuItem("Save image…");
            save.setOnAction(a -> {
                File f = chooser("Save " + name + " as image", name, "png", "svg").showSaveDialog(view.getScene().getWindow());
                if (f == null) return;
                Export.Format format = f.getName().toLowerCase(Locale.ROOT).endsWith(".svg") ? Export.Format.SVG : Export.Format.PNG;
                run(view, () -> Export.matrix(t, name, format, o, f.toPath()));
            });
            MenuItem csv = new MenuItem("Save values as CSV…");
            csv.setOnAction(a -> {
                File f = chooser("Save " + name + " as CSV", name, "csv").showSaveDialog(view.getScene().getWindow());
                if (f != null) run(view, () -> Export.matrix(t, name, Export.Format.CSV, o, f.toPath()));
            });
            new ContextMenu(copy, save, csv).show(view, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private static FileChooser chooser(String title, String name, String... extensions) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        for (String ext : extensions) {
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        }
        c.setInitialFileName(name + "." + extensions[0]);
        return c;
    }

    private static void run(TraceMatrixView view, Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException ex) {
            FileActions.error(view.getScene().getWindow(), "Could not save", ex.getMessage());
        }
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.render.Palette;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/** How things look, independent of the numbers: palette, zoom, classroom mode, high contrast. */
public final class DisplaySettings {
    public static final double MIN_ZOOM = 0.6;
    public static final double MAX_ZOOM = 3.0;
    /** Classroom mode starts at this zoom so the back row can read the numbers. */
    public static final double CLASSROOM_ZOOM = 1.5;

    public final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(Palette.VIRIDIS);
    public final DoubleProperty zoom = new SimpleDoubleProperty(1.0);
    public final BooleanProperty classroom = new SimpleBooleanProperty(false);
    public final BooleanProperty highContrast = new SimpleBooleanProperty(false);
    /** Bumped when what is on screen changes (another tab): hidden views repaint then, not before. */
    public final javafx.beans.property.IntegerProperty shown = new javafx.beans.property.SimpleIntegerProperty();

    public DisplaySettings() {
        classroom.addListener((o, was, on) -> {
            zoom.set(on ? CLASSROOM_ZOOM : 1.0);
            highContrast.set(on);
        });
    }

    public void zoomIn() {
        zoom.set(Math.min(MAX_ZOOM, Math.round((zoom.get() + 0.1) * 10) / 10.0));
    }

    public void zoomOut() {
        zoom.set(Math.max(MIN_ZOOM, Math.round((zoom.get() - 0.1) * 10) / 10.0));
    }

    public void zoomReset() {
        zoom.set(classroom.get() ? CLASSROOM_ZOOM : 1.0);
    }

    /**
     * Cell size for a matrix given {@code room} pixels for its grid: big enough to print values when
     * the matrix is small, fitting when it is large. Zoom scales the result.
     */
    public double cellSize(int rows, int cols, double room) {
        double fit = Math.max(120, room) / Math.max(1, Math.max(rows, cols));
        return Math.max(3, Math.min(40, fit)) * zoom.get();
    }

    /**
     * The cell size at which a heatmap of {@code rows} rows, {@code overhead} pixels of title, labels
     * and frame besides its grid, fits {@code height} pixels: {@code cell} when it already fits, never
     * smaller than a cell whose printed value can still be read at this zoom (below that, scroll).
     */
    public double fitHeight(double cell, int rows, double overhead, double height) {
        double fit = (height - overhead) / Math.max(1, rows);
        return Math.max(Math.min(cell, MIN_READABLE_CELL * zoom.get()), Math.min(cell, fit));
    }

    /** A cell this size (times the zoom) still prints two decimals legibly. */
    static final double MIN_READABLE_CELL = 30;
}

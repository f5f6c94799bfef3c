package dev.attentionlab.ui;

import dev.attentionlab.render.HeatmapPainter;
import dev.attentionlab.render.HeatmapSpec;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

/**
 * One heatmap on screen. Hovering or clicking a cell, or moving with the arrow keys once focused,
 * reports that cell; the painting itself is {@link HeatmapPainter}'s, shared with export.
 */
public class MatrixView extends Region {
    private final Canvas canvas = new Canvas();
    private HeatmapSpec spec;
    private HeatmapPainter.Layout layout;
    private Consumer<HeatmapSpec.Cell> onCell = c -> { };
    private Consumer<HeatmapSpec.Cell> onClick = c -> { };

    public MatrixView() {
        getStyleClass().add("matrix-view");
        getChildren().add(canvas);
        setFocusTraversable(true);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> cellAt(e, onCell));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            requestFocus();
            cellAt(e, onCell);
            cellAt(e, onClick);
        });
        setOnKeyPressed(e -> {
            if (spec == null) return;
            HeatmapSpec.Cell sel = spec.selected() == null ? new HeatmapSpec.Cell(0, 0) : spec.selected();
            int r = sel.row();
            int c = sel.col();
            KeyCode k = e.getCode();
            if (k == KeyCode.UP) r--;
            else if (k == KeyCode.DOWN) r++;
            else if (k == KeyCode.LEFT) c--;
            else if (k == KeyCode.RIGHT) c++;
            else if (k == KeyCode.SPACE || k == KeyCode.ENTER) {
                onClick.accept(sel);
                e.consume();
                return;
            } else return;
            r = Math.max(0, Math.min(spec.values().rows() - 1, r));
            c = Math.max(0, Math.min(spec.values().cols() - 1, c));
            onCell.accept(new HeatmapSpec.Cell(r, c));
            e.consume();
        });
    }

    /** Called with the cell under the mouse or the keyboard selection. */
    public void setOnCell(Consumer<HeatmapSpec.Cell> handler) {
        onCell = handler;
    }

    /** Called when a cell is clicked, or Space/Enter is pressed on the selection. */
    public void setOnCellClick(Consumer<HeatmapSpec.Cell> handler) {
        onClick = handler;
    }

    public HeatmapSpec spec() {
        return spec;
    }

    /** How tall this heatmap would be painted from {@code s}, title and labels included. */
    protected double paintedHeight(HeatmapSpec s) {
        return HeatmapPainter.layout(s, new CanvasSurface(canvas.getGraphicsContext2D())).height();
    }

    public void setSpec(HeatmapSpec s) {
        spec = s;
        CanvasSurface surface = new CanvasSurface(canvas.getGraphicsContext2D());
        HeatmapPainter.Layout l = HeatmapPainter.layout(s, surface);
        double w = Math.ceil(l.width());
        double h = Math.ceil(l.height());
        // New numbers in the same frame need no layout pass; only a new size does.
        boolean resized = w != canvas.getWidth() || h != canvas.getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        // A white card in every theme: the painter's colours are chosen for a light background.
        surface.fillRect(0, 0, canvas.getWidth(), canvas.getHeight(), 0xffffff);
        layout = HeatmapPainter.paint(s, surface);
        if (resized) requestLayout();
    }

    /** Scene coordinates of the centre of a cell (for tests and tooltips). */
    public double[] cellCenter(int row, int col) {
        double x = layout.gridX() + (col + 0.5) * layout.cell();
        double y = layout.gridY() + (row + 0.5) * layout.cell();
        var p = canvas.localToScreen(x, y);
        return new double[] {p.getX(), p.getY()};
    }

    private void cellAt(MouseEvent e, Consumer<HeatmapSpec.Cell> target) {
        if (layout == null) return;
        HeatmapSpec.Cell c = layout.cellAt(e.getX(), e.getY());
        if (c != null) target.accept(c);
    }

    @Override
    protected double computePrefWidth(double height) {
        return canvas.getWidth() + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return canvas.getHeight() + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(snappedLeftInset(), snappedTopInset());
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.CellExplanation;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.HeatmapSpec;
import dev.attentionlab.render.TraceHeatmaps;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;

/**
 * A heatmap of one named matrix of the session's trace. Hovering a cell selects it for the explain
 * panel; the cells the selection was computed from are outlined here if this matrix holds them.
 */
public final class TraceMatrixView extends MatrixView {
    private final SessionViewModel vm;
    private final DisplaySettings display;
    private final String name;
    private final MatrixId id;
    private final javafx.beans.value.ObservableNumberValue room;
    private final javafx.beans.value.ObservableNumberValue height;
    private final InvalidationListener refresh = o -> refresh();
    private boolean stale;
    private Trace paintedTrace;
    private CellRef paintedSelection;
    private String paintedLook;
    private final java.util.function.Function<Trace, dev.attentionlab.render.ColorScale> scaleFor;

    public TraceMatrixView(SessionViewModel vm, DisplaySettings display, String name, javafx.beans.value.ObservableNumberValue room) {
        this(vm, display, name, room, null, null);
    }

    /**
     * @param height   the pixels the whole heatmap should fit in height (null: no limit), so that a
     *                 step's output is on screen without scrolling where cells stay readable
     * @param scaleFor the colour scale this matrix shares with others in a trace (null from it: its
     *                 own); given here, so the first paint already uses it
     */
    public TraceMatrixView(SessionViewModel vm, DisplaySettings display, String name, javafx.beans.value.ObservableNumberValue room,
                           javafx.beans.value.ObservableNumberValue height,
                           java.util.function.Function<Trace, dev.attentionlab.render.ColorScale> scaleFor) {
        this.vm = vm;
        this.height = height;
        this.display = display;
        this.scaleFor = scaleFor;
        this.name = name;
        this.room = room;
        setId(idFor(name));
        this.id = MatrixId.parse(name);
        setOnCell(c -> vm.selection.selectedCell.set(new CellRef(id, c.row(), c.col())));
        MatrixMenu.install(this, vm, display);
        // Weak listeners: step views are rebuilt often and must not be kept alive by the session.
        vm.traceProperty().addListener(new javafx.beans.WeakInvalidationListener(refresh));
        vm.selection.selectedCell.addListener(new javafx.beans.WeakInvalidationListener(refresh));
        display.palette.addListener(new javafx.beans.WeakInvalidationListener(refresh));
        display.zoom.addListener(new javafx.beans.WeakInvalidationListener(refresh));
        room.addListener(new javafx.beans.WeakInvalidationListener(refresh));
        if (height != null) height.addListener(new javafx.beans.WeakInvalidationListener(refresh));
        display.shown.addListener(new javafx.beans.WeakInvalidationListener(refresh));
        sceneProperty().addListener(refresh);
        refresh();
    }

    private String look() {
        return display.palette.get() + "/" + display.zoom.get() + "/" + Math.round(room.doubleValue())
                + "/" + (height == null ? "" : Math.round(height.doubleValue()));
    }

    private boolean sameLook() {
        return look().equals(paintedLook) && java.util.Objects.equals(paintedSelection, vm.selection.selectedCell.get());
    }

    /** A CSS-safe node id: "h1.weights" → "matrix-h1-weights". */
    public static String idFor(String matrix) {
        return "matrix-" + matrix.replace('.', '-');
    }

    public String matrixName() {
        return name;
    }

    private void refresh() {
        Trace t = vm.trace();
        if (t == null || !t.matrices().containsKey(name)) return;
        // Hidden (another tab, or not yet attached): paint when shown. Never painted yet: paint now, so
        // the view has its size for layout.
        if (spec() != null && !Fx.treeVisible(this)) {
            stale = true;
            return;
        }
        if (!stale && t == paintedTrace && sameLook()) return;
        stale = false;
        paintedTrace = t;
        paintedSelection = vm.selection.selectedCell.get();
        paintedLook = look();
        Matrix m = t.matrix(name);
        double cell = display.cellSize(m.rows(), m.cols(), room.doubleValue());
        HeatmapSpec spec = TraceHeatmaps.spec(t, name, display.palette.get(), cell).withTextScale(display.zoom.get());
        // Labels and title grow with the cell a little, so the fit is found in two passes.
        for (int pass = 0; pass < 2 && height != null && height.doubleValue() > 0; pass++) {
            double overhead = paintedHeight(spec) - m.rows() * cell;
            double fitted = display.fitHeight(cell, m.rows(), overhead, height.doubleValue());
            if (fitted >= cell) break;
            cell = fitted;
            spec = TraceHeatmaps.spec(t, name, display.palette.get(), cell).withTextScale(display.zoom.get());
        }
        List<HeatmapSpec.Cell> marks = new ArrayList<>();
        HeatmapSpec.Cell selected = null;
        CellRef sel = vm.selection.selectedCell.get();
        if (sel != null) {
            if (sel.matrix().equals(id)) selected = new HeatmapSpec.Cell(sel.row(), sel.col());
            CellExplanation e = vm.selection.explanation();
            if (e != null) {
                for (CellExplanation.Operand op : e.operands()) {
                    if (op.matrix().equals(id)) marks.add(new HeatmapSpec.Cell(op.row(), op.col()));
                }
            }
        }
        dev.attentionlab.render.ColorScale shared = scaleFor == null ? null : scaleFor.apply(t);
        if (shared != null) spec = spec.withScale(shared);
        setSpec(spec.withHighlights(marks, selected));
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.tensor.Num;
import dev.attentionlab.engine.trace.ScaleComparison;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.HeatmapSpec;
import dev.attentionlab.render.TraceHeatmaps;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * softmax(QKᵀ) beside softmax(QKᵀ/√d_k) for the selected head, with a d_k slider: as d_k grows the
 * raw scores spread out and the unscaled softmax collapses onto one key, while the scaled one does not.
 */
final class ScaleCompareView extends BorderPane {
    private final SessionViewModel vm;
    private final DisplaySettings display;
    private final MatrixView left = new MatrixView();
    private final MatrixView right = new MatrixView();
    private final Label leftStats = new Label();
    private final Label rightStats = new Label();
    private final Label summary = new Label();
    private final PaintWhenShown repaint;

    private boolean hasContent() {
        return left.spec() != null;
    }

    ScaleCompareView(SessionViewModel vm, DisplaySettings display) {
        this.vm = vm;
        this.display = display;
        this.repaint = new PaintWhenShown(this, display, this::hasContent, this::paint);
        left.setId("unscaledHeatmap");
        right.setId("scaledHeatmap");
        Slider dk = new Slider(1, 128, vm.form.dk.get());
        dk.setId("compareDk");
        dk.setPrefWidth(320);
        dk.setShowTickMarks(true);
        dk.setShowTickLabels(true);
        dk.setMajorTickUnit(32);
        dk.valueProperty().addListener((o, a, b) -> vm.form.dk.set(Math.max(1, b.intValue())));
        vm.form.dk.addListener((o, a, b) -> dk.setValue(b.intValue()));
        Label dkValue = new Label();
        dkValue.textProperty().bind(vm.form.dk.asString("d_k = %d"));
        dkValue.getStyleClass().add("big-value");
        summary.setWrapText(true);
        summary.getStyleClass().add("step-explanation");
        // A trained or pretrained model's d_k is part of its weights: the slider waits for a seeded preset.
        dk.disableProperty().bind(vm.form.fixedBy.isNotNull());
        HBox controls = new HBox(12, new Label("d_k"), dk, dkValue, new BlockPicker(vm, "compareBlock"));
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, controls, summary);
        top.setPadding(new Insets(10));
        setTop(top);
        leftStats.getStyleClass().add("muted");
        rightStats.getStyleClass().add("muted");
        HBox pair = new HBox(24, new VBox(4, left, leftStats), new VBox(4, right, rightStats));
        pair.setPadding(new Insets(10));
        setCenter(new ScrollPane(pair));
        vm.traceProperty().addListener(o -> refresh());
        vm.selection.selectedHead.addListener(o -> refresh());
        display.palette.addListener(o -> refresh());
        display.zoom.addListener(o -> refresh());
        widthProperty().addListener(o -> refresh());
        refresh();
    }

    private void refresh() {
        repaint.request();
    }

    private void paint() {
        Trace t = vm.trace();
        if (t == null) return;
        int h = Math.min(vm.selection.selectedHead.get(), t.heads() - 1);
        ScaleComparison c = t.compareScales(h);
        double cell = display.cellSize(c.unscaled().rows(), c.unscaled().cols(), (getWidth() - 250) / 2);
        left.setSpec(TraceHeatmaps.spec(t, c.weights(), c.unscaled(), display.palette.get(), cell).withColorBar(false)
                .withTitle("softmax(QKᵀ)   unscaled, head " + (h + 1)).withTextScale(display.zoom.get()));
        right.setSpec(TraceHeatmaps.spec(t, c.weights(), c.scaled(), display.palette.get(), cell)
                .withTitle("softmax(QKᵀ ÷ √" + c.dk() + ")   head " + (h + 1)).withTextScale(display.zoom.get()));
        leftStats.setText("spread of scores (std): " + Num.fmt(c.spreadRaw()) + "\naverage largest weight per row: " + Num.fmt(c.peakUnscaled()));
        rightStats.setText("spread of scores (std): " + Num.fmt(c.spreadScaled()) + "\naverage largest weight per row: " + Num.fmt(c.peakScaled()));
        summary.setText("With d_k = " + c.dk() + ", the raw scores have a spread of " + Num.fmt(c.spreadRaw())
                + "; dividing by √d_k = " + Num.fmt(Math.sqrt(c.dk())) + " brings it to " + Num.fmt(c.spreadScaled())
                + ". Unscaled, each query puts on average " + Num.fmt(c.peakUnscaled()) + " of its attention on a single key; scaled, "
                + Num.fmt(c.peakScaled()) + ". " + (vm.form.fixedBy.get() == null ? "Drag d_k up and watch the left map turn into one bright cell per row."
                : "Here d_k is " + vm.form.fixedBy.get() + "'s own, so the slider rests; with a seeded preset, drag it up and watch the left map turn into "
                + "one bright cell per row."));
    }

    HeatmapSpec leftSpec() {
        return left.spec();
    }

    HeatmapSpec rightSpec() {
        return right.spec();
    }
}

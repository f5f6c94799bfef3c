package dev.attentionlab.ui;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Trace;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Click cells to mask or unmask them; presets for causal, padding and clear. Shows the resulting weights. */
final class MaskEditorView extends BorderPane {
    private final SessionViewModel vm;
    private final DisplaySettings display;
    private final VBox holder = new VBox();
    private final Label state = new Label();
    /** The head whose weights the editor shows; -1 before the first trace. */
    private int shownHead = -1;

    MaskEditorView(SessionViewModel vm, DisplaySettings display) {
        this.vm = vm;
        this.display = display;
        Button causal = new Button("Causal");
        causal.setId("maskCausal");
        causal.setOnAction(e -> vm.maskPreset(MaskKind.CAUSAL));
        Button padding = new Button("Padding");
        padding.setId("maskPadding");
        padding.setOnAction(e -> vm.maskPreset(MaskKind.PADDING));
        // Padding appends <pad> tokens, which a trained or pretrained model's vocabulary has no row for.
        padding.disableProperty().bind(vm.form.fixedBy.isNotNull());
        Tooltip padTip = new Tooltip();
        padTip.textProperty().bind(javafx.beans.binding.Bindings.when(padding.disableProperty())
                .then("This model reads its own tokens only, so no <pad> tokens can be added; mask keys by clicking cells instead")
                .otherwise("Append <pad> tokens and hide them from every query"));
        // A disabled button shows no tooltip of its own, so the reason hangs on a holder around it.
        javafx.scene.layout.StackPane paddingHolder = new javafx.scene.layout.StackPane(padding);
        Tooltip.install(paddingHolder, padTip);
        Button clear = new Button("Clear");
        clear.setId("maskClear");
        clear.setOnAction(e -> vm.maskPreset(MaskKind.NONE));
        Label help = new Label("Click a cell to stop query i (row) from attending key j (column), or to allow it again. "
                + "Hatched cells are masked; the weights update at once.");
        help.setWrapText(true);
        state.getStyleClass().add("muted");
        HBox buttons = new HBox(8, new Label("Presets"), causal, paddingHolder, clear, state, new BlockPicker(vm, "maskBlock"));
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, help, buttons);
        top.setPadding(new Insets(10));
        setTop(top);
        holder.setPadding(new Insets(10));
        setCenter(new ScrollPane(holder));
        vm.traceProperty().addListener(o -> refresh());
        vm.selection.selectedHead.addListener(o -> refresh());
        refresh();
    }

    private void refresh() {
        Trace t = vm.trace();
        if (t == null) return;
        int h = Math.min(vm.selection.selectedHead.get(), t.heads() - 1);
        var m = t.attention().mask();
        state.setText("mask: " + t.settings().attention().mask().label() + ", " + m.count() + " of " + (m.rows() * m.cols()) + " cells hidden");
        if (h == shownHead) return;
        shownHead = h;
        TraceMatrixView view = new TraceMatrixView(vm, display, vm.trace().attentionMap(h).name(),
                javafx.beans.binding.Bindings.min(widthProperty().subtract(240), heightProperty().subtract(220)));
        view.setId("maskEditorGrid");
        view.setOnCellClick(c -> vm.toggleMaskCell(c.row(), c.col()));
        holder.getChildren().setAll(view);
    }
}

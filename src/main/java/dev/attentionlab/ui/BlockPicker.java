package dev.attentionlab.ui;

import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.trace.Trace;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;

/**
 * "Block N of L": which block of a multi-block model the attention views show. Shown only when the
 * sentence runs through more than one block (a trained or pretrained model); each tab that shows one block's
 * attention has one, and they all set the session's block.
 */
final class BlockPicker extends HBox {
    final Spinner<Integer> spinner;
    private final javafx.scene.control.Label of = new javafx.scene.control.Label();

    BlockPicker(SessionViewModel vm, String id) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        setId(id);
        spinner = Fx.intSpinner(id + "Spinner", 1, 96, shownBlock(vm));
        spinner.setPrefWidth(70);
        spinner.setMinWidth(70);
        of.getStyleClass().add("muted");
        of.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(Fx.label("Block", "Which block of the model these views show; each reads the one before it"), spinner, of);
        vm.traceProperty().addListener(o -> update(vm.trace()));
        update(vm.trace());
    }

    private void update(Trace t) {
        boolean many = t != null && t.blocks() > 1;
        setVisible(many);
        setManaged(many);
        if (many) of.setText("of " + t.blocks());
    }

    /** The session's 0-based block as the 1-based number the spinner shows, clamped to the model's blocks. */
    private static IntegerProperty shownBlock(SessionViewModel vm) {
        IntegerProperty shown = new SimpleIntegerProperty(vm.form.modelBlock.get() + 1);
        shown.addListener((o, was, now) -> {
            TrainedModel m = vm.form.model.get();
            int max = vm.form.pretrained.get() != null ? vm.form.pretrained.get().layers() : m == null ? 1 : m.config().layers();
            int b = Math.max(1, Math.min(now.intValue(), max));
            if (b != now.intValue()) shown.set(b);
            else vm.form.modelBlock.set(b - 1);
        });
        vm.form.modelBlock.addListener((o, was, now) -> shown.set(now.intValue() + 1));
        return shown;
    }
}

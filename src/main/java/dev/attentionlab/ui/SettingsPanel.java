package dev.attentionlab.ui;

import atlantafx.base.controls.ToggleSwitch;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.trace.Preset;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Every model setting, with the reason a combination cannot be computed shown inline. */
final class SettingsPanel extends VBox {
    final Label error = new Label();

    SettingsPanel(SessionViewModel vm) {
        getStyleClass().add("settings-panel");
        setSpacing(10);
        setPadding(new Insets(10));
        setPrefWidth(262);

        ChoiceBox<Preset> preset = new ChoiceBox<>();
        preset.setId("preset");
        preset.getItems().setAll(Preset.values());
        preset.setConverter(Fx.converter(Preset::label));
        preset.setValue(vm.preset.get());
        preset.setOnAction(e -> {
            if (preset.getValue() != null && preset.getValue() != vm.preset.get()) vm.applyPreset(preset.getValue());
        });
        vm.preset.addListener((o, a, b) -> preset.setValue(b));
        // A pretrained preset that could not be read leaves the session where it was: so does the choice.
        vm.computingProperty().addListener((o, a, busy) -> {
            if (!busy) preset.setValue(vm.preset.get());
        });

        GridPane model = grid();
        int r = 0;
        model.addRow(r++, Fx.label("Preset", "Starting point; notebook = the seed notebook's exact set-up"), preset);
        var seed = Fx.longSpinner("seed", vm.seed);
        var dModel = Fx.intSpinner("dModel", 1, 4096, vm.dModel);
        var heads = Fx.intSpinner("heads", 1, 128, vm.heads);
        var dk = Fx.intSpinner("dk", 1, 4096, vm.dk);
        var dv = Fx.intSpinner("dv", 1, 4096, vm.dv);
        model.addRow(r++, Fx.label("Seed", "torch.manual_seed for the embedding and weights"), seed);
        model.addRow(r++, Fx.label("d_model", "Width of each token vector"), dModel);
        model.addRow(r++, Fx.label("Heads", "Number of attention heads"), heads);
        model.addRow(r++, Fx.label("d_k", "Query/key width per head"), dk);
        model.addRow(r++, Fx.label("d_v", "Value width per head"), dv);
        ToggleSwitch positional = new ToggleSwitch();
        positional.setId("positional");
        positional.selectedProperty().bindBidirectional(vm.positional);
        model.addRow(r++, Fx.label("Positions", "Add sinusoidal positional encoding"), positional);
        // A trained or pretrained model has its own shapes, positions and residual wiring: those
        // controls are set aside, and this line says why, where they are.
        Label fixedBy = new Label();
        fixedBy.setId("fixedByModel");
        fixedBy.getStyleClass().add("muted");
        fixedBy.setWrapText(true);
        fixedBy.setMaxWidth(240);
        model.add(fixedBy, 0, r, 2, 1);

        GridPane attention = grid();
        r = 0;
        attention.addRow(r++, Fx.label("Mask", "Which keys each query may not see"),
                Fx.choice("maskChoice", MaskKind.values(), vm.mask, MaskKind::label));
        var padTo = Fx.intSpinner("padTo", 0, 1024, vm.padTo);
        attention.addRow(r++, Fx.label("Pad to", "Append <pad> tokens up to this length (for the padding mask)"), padTo);
        attention.addRow(r++, Fx.label("Masked fill", "−∞ as in PyTorch (a fully masked row is NaN), or −1e9 (uniform)"),
                Fx.choice("fill", MaskFill.values(), vm.fill, MaskFill::label));
        attention.addRow(r++, Fx.label("Scale", "What QKᵀ is divided by"), Fx.choice("scale", ScaleMode.values(), vm.scale, ScaleMode::label));
        Slider temp = new Slider(0.05, 5, vm.attentionTemperature.get());
        temp.setId("attentionTemperature");
        temp.valueProperty().bindBidirectional(vm.attentionTemperature);
        Label tempValue = new Label();
        tempValue.textProperty().bind(vm.attentionTemperature.asString(Locale.ROOT, "T_attn = %.2f"));
        attention.addRow(r++, Fx.label("Attention T", "Temperature of the attention softmax: weights = softmax(scores ÷ T_attn). "
                + "Below 1 a query looks at fewer keys, above 1 at more. Not the sampling temperature of the Sampling tab, "
                + "which acts on the next-token logits."), new VBox(2, temp, tempValue));
        ToggleSwitch residual = new ToggleSwitch();
        residual.setId("residualNorm");
        residual.selectedProperty().bindBidirectional(vm.residualNorm);
        attention.addRow(r, Fx.label("Residual + LN", "Add the input back and apply LayerNorm"), residual);

        Runnable fix = () -> {
            String owner = vm.fixedBy.get();
            boolean fixed = owner != null;
            for (javafx.scene.Node n : List.of(seed, dModel, heads, dk, dv, positional, padTo, residual)) n.setDisable(fixed);
            fixedBy.setText(fixed ? "Seed, shapes, positions, padding and the residual wiring are " + owner
                    + "'s own. Choose a seeded preset to change them." : "");
            fixedBy.setVisible(fixed);
            fixedBy.setManaged(fixed);
        };
        vm.fixedBy.addListener(o -> fix.run());
        fix.run();

        error.setId("errorLabel");
        error.getStyleClass().add("error-label");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        getChildren().addAll(section("Model"), model, section("Attention"), attention, error);
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }
}

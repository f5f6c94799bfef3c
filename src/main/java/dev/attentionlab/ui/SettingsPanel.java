package dev.attentionlab.ui;

import atlantafx.base.controls.ToggleSwitch;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.SettingCatalogue;
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
        preset.setValue(vm.form.preset.get());
        preset.setOnAction(e -> {
            if (preset.getValue() != null && preset.getValue() != vm.form.preset.get()) vm.applyPreset(preset.getValue());
        });
        vm.form.preset.addListener((o, a, b) -> preset.setValue(b));
        // A pretrained preset that could not be read leaves the session where it was: so does the choice.
        vm.computingProperty().addListener((o, a, busy) -> {
            if (!busy) preset.setValue(vm.form.preset.get());
        });

        GridPane model = grid();
        int r = 0;
        model.addRow(r++, Fx.label("Preset", "Starting point; notebook = the seed notebook's exact set-up"), preset);
        var seed = Fx.longSpinner("seed", vm.form.seed);
        var dModel = Fx.intSpinner("dModel", SettingCatalogue.D_MODEL, vm.form.dModel);
        var heads = Fx.intSpinner("heads", SettingCatalogue.HEADS, vm.form.heads);
        var dk = Fx.intSpinner("dk", SettingCatalogue.D_K, vm.form.dk);
        var dv = Fx.intSpinner("dv", SettingCatalogue.D_V, vm.form.dv);
        model.addRow(r++, Fx.label(SettingCatalogue.SEED), seed);
        model.addRow(r++, Fx.label(SettingCatalogue.D_MODEL), dModel);
        model.addRow(r++, Fx.label(SettingCatalogue.HEADS), heads);
        model.addRow(r++, Fx.label(SettingCatalogue.D_K), dk);
        model.addRow(r++, Fx.label(SettingCatalogue.D_V), dv);
        ToggleSwitch positional = new ToggleSwitch();
        positional.setId("positional");
        positional.selectedProperty().bindBidirectional(vm.form.positional);
        model.addRow(r++, Fx.label(SettingCatalogue.POSITIONAL), positional);
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
        attention.addRow(r++, Fx.label(SettingCatalogue.MASK), Fx.choice("maskChoice", SettingCatalogue.MASK, vm.form.mask, MaskKind::label));
        var padTo = Fx.intSpinner("padTo", SettingCatalogue.PAD_TO, vm.form.padTo);
        attention.addRow(r++, Fx.label(SettingCatalogue.PAD_TO), padTo);
        attention.addRow(r++, Fx.label(SettingCatalogue.FILL), Fx.choice("fill", SettingCatalogue.FILL, vm.form.fill, MaskFill::label));
        attention.addRow(r++, Fx.label(SettingCatalogue.SCALE), Fx.choice("scale", SettingCatalogue.SCALE, vm.form.scale, ScaleMode::label));
        Slider temp = new Slider(0.05, 5, vm.form.attentionTemperature.get());
        temp.setId("attentionTemperature");
        temp.valueProperty().bindBidirectional(vm.form.attentionTemperature);
        Label tempValue = new Label();
        tempValue.textProperty().bind(vm.form.attentionTemperature.asString(Locale.ROOT, "T_attn = %.2f"));
        attention.addRow(r++, Fx.label(SettingCatalogue.ATTENTION_TEMPERATURE), new VBox(2, temp, tempValue));
        ToggleSwitch residual = new ToggleSwitch();
        residual.setId("residualNorm");
        residual.selectedProperty().bindBidirectional(vm.form.residualNorm);
        attention.addRow(r, Fx.label(SettingCatalogue.RESIDUAL_NORM), residual);

        Runnable fix = () -> {
            String owner = vm.form.fixedBy.get();
            boolean fixed = owner != null;
            for (javafx.scene.Node n : List.of(seed, dModel, heads, dk, dv, positional, padTo, residual)) n.setDisable(fixed);
            fixedBy.setText(fixed ? "Seed, shapes, positions, padding and the residual wiring are " + owner
                    + "'s own. Choose a seeded preset to change them." : "");
            fixedBy.setVisible(fixed);
            fixedBy.setManaged(fixed);
        };
        vm.form.fixedBy.addListener(o -> fix.run());
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

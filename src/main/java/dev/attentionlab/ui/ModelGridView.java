package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.HeadPattern;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.TraceHeatmaps;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The whole model at a glance (BertViz's "model view"): every block's every head as a small heatmap of
 * its attention weights, blocks down, heads across, each with what it mostly does on this sentence.
 * A click picks that block and head for the other views.
 */
final class ModelGridView extends GridPane {
    private final SessionViewModel vm;
    private final DisplaySettings display;
    private final javafx.beans.value.ObservableNumberValue room;
    private final BiConsumer<Integer, Integer> onPick;
    /** Show only heads that mostly do this (the others fade); null shows every head alike. */
    final javafx.beans.property.ObjectProperty<HeadPattern.Kind> only = new javafx.beans.property.SimpleObjectProperty<>();

    /** @param onPick called with (block, head), from 0, when a heatmap is clicked */
    ModelGridView(SessionViewModel vm, DisplaySettings display, javafx.beans.value.ObservableNumberValue room, BiConsumer<Integer, Integer> onPick) {
        this.vm = vm;
        this.display = display;
        this.room = room;
        this.onPick = onPick;
        setId("modelGrid");
        setHgap(10);
        setVgap(10);
        setPadding(new Insets(10));
        vm.traceProperty().addListener(o -> rebuild());
        display.palette.addListener(o -> rebuild());
        display.zoom.addListener(o -> rebuild());
        room.addListener(o -> rebuild());
        only.addListener(o -> rebuild());
        // Off screen it waits: a 12 × 12 model is 144 heatmaps, not to be redrawn per keystroke unseen.
        sceneProperty().addListener(o -> rebuild());
        rebuild();
    }

    private void rebuild() {
        Trace t = vm.trace();
        if (t == null || getScene() == null) return;
        getChildren().clear();
        int blocks = t.blocks();
        int heads = t.heads();
        int tokens = t.tokens().size();
        // Each heatmap gets an equal share of the width, less the block labels and each card's padding
        // and gap (and token labels while there are few heads); cells stay at least 1.5 px (then the
        // grid scrolls). Past four heads the cards go bare: no token labels, a hair of margin, a short
        // word for the pattern, so a 12-head model fits across the window.
        boolean labels = heads <= 4;
        setHgap(labels ? 10 : 4);
        setVgap(labels ? 10 : 4);
        double share = (room.doubleValue() - 90) / heads - (labels ? 80 : 16);
        double cell = Math.max(1.5, Math.min(14, share / Math.max(1, tokens))) * display.zoom.get();
        for (int h = 0; h < heads; h++) {
            Label head = new Label("head " + (h + 1));
            head.getStyleClass().add("muted");
            add(head, h + 1, 0);
        }
        for (int b = 0; b < blocks; b++) {
            Label block = new Label("block " + (b + 1) + (b == t.settings().model().modelBlock() && t.blocks() > 1 ? " ◂" : ""));
            block.getStyleClass().add("muted");
            block.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            add(block, 0, b + 1);
            for (int h = 0; h < heads; h++) add(cellFor(t, b, h, cell, labels), h + 1, b + 1);
        }
    }

    private VBox cellFor(Trace t, int block, int head, double cell, boolean labels) {
        MatrixView map = new MatrixView();
        map.setId("model-b" + (block + 1) + "-h" + (head + 1));
        var spec = TraceHeatmaps.blockHead(t, block, head, display.palette.get(), cell).withTitle("");
        map.setSpec(labels ? spec : spec.withoutLabels());
        map.setOnCellClick(c -> onPick.accept(block, head));
        HeadPattern found = HeadPattern.of(t.blockAttention(block).heads().get(head).weights(), t.tokens());
        String pattern = found.describe();
        Tooltip.install(map, new Tooltip("Block " + (block + 1) + ", head " + (head + 1) + ": " + pattern + ". Click to enlarge."));
        Label kind = new Label(labels ? shortPattern(pattern) : found.kind().shortLabel());
        kind.getStyleClass().addAll("muted", labels ? "head-kind" : "head-kind-small");
        kind.setWrapText(labels);
        if (labels) {
            kind.maxWidthProperty().bind(map.widthProperty());
            kind.prefWidthProperty().bind(map.widthProperty());
            kind.setMinWidth(0);
            // Wrapped onto as many lines as it needs, not cut to "mostly the …".
            kind.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        } else {
            kind.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox box = new VBox(2, map, kind);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add(labels ? "head-card" : "head-card-compact");
        if (only.get() != null && found.kind() != only.get()) box.setOpacity(0.18);
        return box;
    }

    /** "mostly the previous token: 34 % of its weight, …" → "mostly the previous token"; the rest is in the tooltip. */
    private static String shortPattern(String described) {
        int cut = described.indexOf(':');
        if (cut < 0) cut = described.indexOf(',');
        return cut > 0 ? described.substring(0, cut) : described;
    }
}

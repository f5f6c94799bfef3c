package dev.attentionlab.ui;

import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.trace.Step;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.HeatmapPainter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The computation as a strip of steps (click, Prev/Next, ←/→, Home/End, Page Up/Down) and the
 * current step: its formula, explanation, and the matrices it reads and writes, the written ones
 * highlighted.
 */
final class PipelineView extends BorderPane {
    private final ScrollPane scroll;
    private final SessionViewModel vm;
    private final DisplaySettings display;
    private final FlowPane strip = new FlowPane(4, 4);
    private final ToggleGroup group = new ToggleGroup();
    private final Label title = new Label();
    private final Label formula = new Label();
    private final Label explanation = new Label();
    private final FlowPane matrices = new FlowPane(14, 14);
    private final ChoiceBox<Integer> head = new ChoiceBox<>();
    private List<String> shownIds = List.of();
    private String shownKey;
    private final VBox tokenTable = new VBox(2);
    private final Label sampled = new Label();
    private final javafx.beans.binding.DoubleBinding room;
    private final HBox heading = new HBox(12);
    private final VBox body = new VBox(8);
    /** What is left of the view's height below the step's text: a panel fits it where it can. */
    private final javafx.beans.binding.DoubleBinding roomBelow;
    /** The compact stepper's list of steps, shown instead of the buttons when the view is narrow. */
    private final ChoiceBox<String> stepList = new ChoiceBox<>();
    /** Narrower than this (times the zoom), the step buttons would wrap to more than three rows. */
    static final double COMPACT_BELOW = 600;

    PipelineView(SessionViewModel vm, DisplaySettings display) {
        this.vm = vm;
        this.display = display;
        getStyleClass().add("pipeline-view");

        Button prev = new Button("Prev", new FontIcon("mdi2c-chevron-left"));
        prev.setId("prevStep");
        prev.setOnAction(e -> vm.selection.previousStep());
        Button next = new Button("Next", new FontIcon("mdi2c-chevron-right"));
        next.setId("nextStep");
        next.setOnAction(e -> vm.selection.nextStep());
        prev.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        strip.setId("stepStrip");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.getStyleClass().add("step-strip");
        HBox.setHgrow(strip, Priority.ALWAYS);
        // On a small screen the fifteen buttons would wrap to half a dozen rows: one list takes their place.
        stepList.setId("stepList");
        stepList.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(stepList, Priority.ALWAYS);
        stepList.setOnAction(e -> {
            if (stepList.getValue() != null && !stepList.getValue().equals(vm.selection.stepId.get())) vm.selection.stepId.set(stepList.getValue());
        });
        var compact = widthProperty().lessThan(display.zoom.multiply(COMPACT_BELOW));
        stepList.visibleProperty().bind(compact);
        stepList.managedProperty().bind(compact);
        strip.visibleProperty().bind(compact.not());
        strip.managedProperty().bind(compact.not());
        HBox top = new HBox(6, prev, strip, stepList, next);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 8, 6, 8));
        setTop(top);

        title.getStyleClass().add("step-title");
        title.setId("stepTitle");
        formula.getStyleClass().add("step-formula");
        formula.setId("stepFormula");
        formula.setWrapText(true);
        explanation.getStyleClass().add("step-explanation");
        explanation.setWrapText(true);
        head.setId("stepHead");
        head.setConverter(Fx.converter(h -> "head " + (h + 1)));
        head.setOnAction(e -> {
            if (head.getValue() != null) vm.selection.selectedHead.set(head.getValue());
        });
        heading.getChildren().setAll(title, head, new BlockPicker(vm, "pipelineBlock"));
        heading.setAlignment(Pos.CENTER_LEFT);
        matrices.setId("stepMatrices");
        matrices.setAlignment(Pos.TOP_LEFT);
        body.getChildren().setAll(heading, formula, explanation, matrices);
        room = widthProperty().subtract(190);
        body.setPadding(new Insets(8, 12, 12, 12));
        scroll = new ScrollPane(body);
        scroll.setId("stepScroll");
        scroll.setFitToWidth(true);
        setCenter(scroll);
        // A matrix wider than the view scrolls sideways; the text above it wraps at the view's edge instead.
        var visible = javafx.beans.binding.Bindings.createDoubleBinding(() -> Math.max(200, scroll.getViewportBounds().getWidth() - 24),
                scroll.viewportBoundsProperty());
        formula.maxWidthProperty().bind(visible);
        // A panel's frame and its "written by this step" badge, around the heatmap itself.
        roomBelow = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> scroll.getViewportBounds().getHeight() - matrices.getLayoutY() - 12 - (20 + 24 * display.zoom.get()),
                scroll.viewportBoundsProperty(), matrices.layoutYProperty(), display.zoom);
        explanation.maxWidthProperty().bind(visible);
        // A narrower or wider view, or type of another size, can put the formula beside the title or under it.
        visible.addListener(o -> placeFormula());
        display.zoom.addListener(o -> Platform.runLater(this::placeFormula));

        vm.traceProperty().addListener(o -> refresh());
        vm.selection.stepId.addListener(o -> {
            refresh();
            // A new step starts at its heading and formula, not where the last one was scrolled to.
            scroll.setVvalue(0);
            scroll.setHvalue(0);
        });
        vm.selection.selectedHead.addListener(o -> refresh());
        tokenTable.getStyleClass().add("token-table");
        tableHeader.getStyleClass().add("mono-header");
        sampled.setId("sampledToken");
        sampled.getStyleClass().add("sampled-token");
        refresh();
    }

    private void refresh() {
        Trace t = vm.trace();
        if (t == null) return;
        rebuildStrip(t);
        Step step = t.step(t.stepIds().contains(vm.selection.stepId.get()) ? vm.selection.stepId.get() : t.stepIds().get(0));
        for (var toggle : group.getToggles()) {
            ToggleButton b = (ToggleButton) toggle;
            b.setSelected(b.getUserData().equals(step.id()));
        }
        stepList.setValue(step.id());
        int index = t.stepIds().indexOf(step.id());
        title.setText((index + 1) + " / " + t.steps().size() + "   " + step.title());
        formula.setText(step.formula());
        explanation.setText(step.explanation());
        boolean perHead = step.perHead() && t.heads() > 1;
        head.setVisible(perHead);
        head.setManaged(perHead);
        if (head.getItems().size() != t.heads()) {
            List<Integer> hs = new ArrayList<>();
            for (int i = 0; i < t.heads(); i++) hs.add(i);
            head.getItems().setAll(hs);
        }
        head.setValue(vm.selection.selectedHead.get());
        List<Step.Panel> panels = step.panels(Math.min(vm.selection.selectedHead.get(), t.heads() - 1));
        String key = step.id() + "|" + panels;
        // Matrix views repaint themselves with each trace; rebuild only when the set of matrices changes.
        if (!key.equals(shownKey)) {
            shownKey = key;
            showMatrices(step, panels);
        }
        updateTokensAndSample(t);
        placeFormula();
    }

    /**
     * The formula sits beside the step's title when both fit one line, and under it otherwise: the
     * line saved is a row of cells more on screen.
     */
    private void placeFormula() {
        double beside = 0;
        for (Node n : heading.getChildren()) if (n != formula && n.isManaged()) beside += n.prefWidth(-1) + heading.getSpacing();
        double room = Math.max(0, scroll.getViewportBounds().getWidth() - 24);
        boolean inline = beside + formula.prefWidth(-1) <= room;
        if (inline && formula.getParent() != heading) {
            body.getChildren().remove(formula);
            heading.getChildren().add(formula);
        } else if (!inline && formula.getParent() != body) {
            heading.getChildren().remove(formula);
            body.getChildren().add(1, formula);
        }
    }

    private void showMatrices(Step step, List<Step.Panel> panels) {
        matrices.getChildren().clear();
        if (step.id().equals("tokenize")) matrices.getChildren().add(tokenTable);
        boolean arrowShown = false;
        for (Step.Panel p : panels) {
            if (p.written() && !arrowShown && panels.stream().anyMatch(q -> !q.written())) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("step-arrow");
                matrices.getChildren().add(arrow);
            }
            arrowShown |= p.written();
            matrices.getChildren().add(panel(p.id().name(), p.written(), panels.stream().map(Step.Panel::id).toList()));
        }
        if (step.id().equals("sample")) matrices.getChildren().add(sampled);
    }

    private void updateTokensAndSample(Trace t) {
        if (t.predictsTokens()) {
            sampled.setText("next token: '" + t.label(t.sampledToken()) + "'   (p = "
                    + String.format(Locale.ROOT, "%.3f", t.sampling().probsTopP().get(0, t.sampling().sample())) + ")");
        }
        if (tokenTable.getParent() == null) return;
        int n = Math.min(t.tokens().size(), TABLE_ROWS);
        while (tableRows.size() < n + 1) {
            Label l = new Label();
            l.getStyleClass().add("mono");
            tableRows.add(l);
        }
        for (int i = 0; i < n; i++) {
            Token tok = t.tokens().get(i);
            tableRows.get(i).setText(String.format(Locale.ROOT, "%-4d %-16s %6s  %d–%d", i, HeatmapPainter.display(t.label(tok.text())),
                    tok.id() < 0 ? "pad" : Integer.toString(tok.id()), tok.start(), tok.end()));
        }
        var rows = new ArrayList<Node>(tableRows.subList(0, n));
        rows.add(0, tableHeader);
        if (n < t.tokens().size()) {
            tableRows.get(n).setText("… " + (t.tokens().size() - n) + " more tokens");
            rows.add(tableRows.get(n));
        }
        tokenTable.getChildren().setAll(rows);
    }

    private static final int TABLE_ROWS = 64;
    private final List<Label> tableRows = new ArrayList<>();
    private final Label tableHeader = new Label(String.format(Locale.ROOT, "%-4s %-16s %6s  %s", "#", "token", "id", "characters"));

    private Node panel(String name, boolean changed, List<dev.attentionlab.engine.trace.MatrixId> shown) {
        // Panels in the same units (S and S′, X and X + PE) share one colour scale.
        var id = dev.attentionlab.engine.trace.MatrixId.parse(name);
        TraceMatrixView view = new TraceMatrixView(vm, display, name, room, roomBelow,
                t -> dev.attentionlab.render.TraceHeatmaps.sharedScale(t, id, shown, display.palette.get()));
        VBox box = new VBox(4);
        box.getStyleClass().add(changed ? "matrix-panel-changed" : "matrix-panel");
        if (changed) {
            Label badge = new Label("written by this step");
            badge.getStyleClass().add("changed-badge");
            box.getChildren().add(badge);
        }
        box.getChildren().add(view);
        return box;
    }

    private void rebuildStrip(Trace t) {
        if (t.stepIds().equals(shownIds)) return;
        shownIds = t.stepIds();
        // Labels made now: the list may still hold a step of the previous model while its items change.
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        for (int k = 0; k < t.steps().size(); k++) {
            labels.put(t.steps().get(k).id(), k + 1 + " / " + t.steps().size() + "   " + t.steps().get(k).title());
        }
        stepList.setConverter(Fx.converter(id -> labels.getOrDefault(id, id)));
        stepList.getItems().setAll(t.stepIds());
        strip.getChildren().clear();
        group.getToggles().clear();
        int i = 0;
        for (Step s : t.steps()) {
            ToggleButton b = new ToggleButton((++i) + " " + s.title());
            b.setId("step-" + s.id());
            b.setUserData(s.id());
            b.setToggleGroup(group);
            b.getStyleClass().add("step-button");
            b.setOnAction(e -> {
                vm.selection.stepId.set(s.id());
                b.setSelected(true);
            });
            strip.getChildren().add(b);
        }
    }
}

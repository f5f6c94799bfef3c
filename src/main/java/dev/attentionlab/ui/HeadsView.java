package dev.attentionlab.ui;

import dev.attentionlab.engine.model.RowNote;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.MatrixKind;
import dev.attentionlab.engine.trace.Trace;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every head's attention weights side by side, plus their average: queries down, keys across. A
 * click on a head enlarges it; masked cells are hatched and NaN rows are marked and explained.
 */
final class HeadsView extends BorderPane {
    private final SessionViewModel vm;
    private final DisplaySettings display;
    private final FlowPane grid = new FlowPane(16, 16);
    private final Label notes = new Label();
    private final Label caption = new Label();
    private final Button back = new Button("All heads", new FontIcon("mdi2v-view-grid-outline"));
    private final javafx.scene.control.ToggleButton thisBlock = new javafx.scene.control.ToggleButton("This block");
    private final javafx.scene.control.ToggleButton wholeModel = new javafx.scene.control.ToggleButton("Whole model");
    private final org.controlsfx.control.SegmentedButton views = new org.controlsfx.control.SegmentedButton(thisBlock, wholeModel);
    private final ModelGridView modelGrid;
    private final HBox patternBox;
    private final ScrollPane scroll;
    private final VBox headsBox;
    private String enlarged;
    /** Which heads the grid holds ("enlarged/heads"); the heatmaps repaint themselves otherwise. */
    private String shownStructure;

    HeadsView(SessionViewModel vm, DisplaySettings display) {
        this.vm = vm;
        this.display = display;
        grid.setId("headsGrid");
        grid.setPadding(new Insets(10));
        notes.setId("headsNotes");
        notes.getStyleClass().add("nan-note");
        notes.setWrapText(true);
        caption.getStyleClass().add("muted");
        caption.setWrapText(true);
        back.setId("allHeads");
        back.setOnAction(e -> {
            enlarged = null;
            rebuild(vm.trace());
        });
        thisBlock.setId("headsThisBlock");
        wholeModel.setId("headsWholeModel");
        thisBlock.setSelected(true);
        views.setId("headsViews");
        views.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        thisBlock.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        wholeModel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Index 0 is every head; index k + 1 is pattern kind k (a ChoiceBox cannot hold a null item).
        var kinds = dev.attentionlab.engine.trace.HeadPattern.Kind.values();
        javafx.scene.control.ChoiceBox<String> pattern = new javafx.scene.control.ChoiceBox<>();
        pattern.setId("patternFilter");
        pattern.getItems().add("anything (all alike)");
        for (var k : kinds) pattern.getItems().add(k.label());
        pattern.getSelectionModel().select(0);
        pattern.setMaxWidth(190);
        pattern.setTooltip(new javafx.scene.control.Tooltip("Fade every head except those that mostly do this on the sentence"));
        patternBox = new HBox(6, Fx.label("Heads looking at", "Fade every head except those that mostly look at this on the sentence"), pattern);
        patternBox.setAlignment(Pos.CENTER_LEFT);
        patternBox.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setMinWidth(0);
        HBox controls = new HBox(10, views, new BlockPicker(vm, "headsBlock"), patternBox, back);
        controls.setAlignment(Pos.CENTER_LEFT);
        // The caption gets a line of its own: beside the controls a narrow window would wrap it into a tower.
        VBox top = new VBox(6, controls, caption);
        top.setPadding(new Insets(8, 10, 0, 10));
        setTop(top);
        headsBox = new VBox(8, grid, notes);
        modelGrid = new ModelGridView(vm, display, widthProperty().subtract(40), (block, head) -> {
            vm.form.modelBlock.set(block);
            thisBlock.setSelected(true);
            enlarge(block, head);
        });
        pattern.getSelectionModel().selectedIndexProperty().addListener((o, a, i) ->
                modelGrid.only.set(i.intValue() <= 0 ? null : kinds[i.intValue() - 1]));
        scroll = new ScrollPane(headsBox);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        wholeModel.selectedProperty().addListener(o -> rebuild(vm.trace()));
        vm.traceProperty().addListener(o -> rebuild(vm.trace()));
        rebuild(vm.trace());
    }

    /** The matrix shown large, or null while the heads are shown side by side. */
    String enlargedMatrix() {
        return enlarged;
    }

    /** Whether every block's heads are shown (the model view) rather than one block's. */
    boolean showsWholeModel() {
        return scroll.getContent() == modelGrid;
    }

    /** Switches between this block's heads and every block's (for a multi-block model). */
    void showWholeModel(boolean whole) {
        (whole ? wholeModel : thisBlock).setSelected(true);
    }

    /** Shows one head of the shown block large; -1 for the average. */
    void enlarge(int head) {
        enlarge(vm.trace().shownBlock(), head);
    }

    /**
     * Shows one head of {@code block} large; -1 for the average. Named by its block, not by "the shown
     * block", since a block just picked is shown only once its trace has been recomputed.
     */
    void enlarge(int block, int head) {
        enlarged = (head < 0 ? MatrixId.block(block, MatrixKind.WEIGHTS_AVG) : MatrixId.head(block, head, MatrixKind.WEIGHTS)).name();
        if (head >= 0) vm.selection.selectedHead.set(head);
        rebuild(vm.trace());
    }

    private void rebuild(Trace t) {
        javafx.scene.Node focused = getScene() == null ? null : getScene().getFocusOwner();
        try {
            rebuildViews(t);
        } finally {
            keepFocus(focused);
        }
    }

    private void rebuildViews(Trace t) {
        if (t == null) return;
        boolean many = t.blocks() > 1;
        views.setVisible(many);
        views.setManaged(many);
        if (!many && wholeModel.isSelected()) thisBlock.setSelected(true);
        patternBox.setVisible(many && wholeModel.isSelected());
        patternBox.setManaged(patternBox.isVisible());
        if (many && wholeModel.isSelected()) {
            scroll.setContent(modelGrid);
            back.setVisible(false);
            back.setManaged(false);
            caption.setText(t.blocks() + " blocks × " + t.heads() + " heads: each block reads the one before it. "
                    + "Under each head, what it mostly does on this sentence; click one to enlarge it.");
            shownStructure = null;
            return;
        }
        if (scroll.getContent() != headsBox) scroll.setContent(headsBox);
        if (enlarged != null && !t.matrices().containsKey(enlarged)) enlarged = null;
        String structure = enlarged + "/" + t.heads();
        StringBuilder b = new StringBuilder();
        for (RowNote n : t.attention().rowNotes()) b.append("Row ").append(n.row()).append(": ").append(n.reason()).append('\n');
        notes.setText(b.toString().strip());
        notes.setVisible(b.length() > 0);
        // The heatmaps repaint themselves with each trace; only a new set of heads rebuilds them.
        if (structure.equals(shownStructure)) return;
        shownStructure = structure;
        grid.getChildren().clear();
        back.setVisible(enlarged != null);
        back.setManaged(enlarged != null);
        if (enlarged != null) {
            grid.getChildren().add(new TraceMatrixView(vm, display, enlarged, widthProperty().subtract(220)));
            caption.setText("Queries (rows) attend to keys (columns). Point at a cell to see its softmax arithmetic.");
        } else {
            int h = t.heads();
            int perRow = h == 1 ? 1 : h <= 4 ? 2 : h <= 9 ? 3 : 4;
            var room = widthProperty().subtract(50).divide(perRow).subtract(150);
            for (int i = 0; i < h; i++) addHead(t, t.attentionMap(i).name(), i, room);
            if (h > 1) addHead(t, t.attentionMap(-1).name(), -1, room);
            caption.setText(h + (h == 1 ? " head" : " heads") + (h > 1 ? " and their average" : "")
                    + ". Click a head to enlarge it. Hatched cells are masked.");
        }
    }

    /**
     * When the focused heatmap (a clicked head, a thumbnail) was replaced, the first heatmap shown now
     * takes the focus: the arrow keys go on working, and JavaFX does not hand the focus to the
     * sentence field with its text selected, where the next key would replace the sentence.
     */
    private void keepFocus(javafx.scene.Node focused) {
        if (focused == null || focused.getScene() != null || getScene() == null) return;
        javafx.scene.Node first = scroll.getContent().lookup(".matrix-view");
        (first != null ? first : this).requestFocus();
    }

    private void addHead(Trace t, String name, int head, javafx.beans.value.ObservableNumberValue room) {
        TraceMatrixView view = new TraceMatrixView(vm, display, name, room);
        view.setOnCellClick(c -> enlarge(head));
        VBox box = new VBox(view);
        box.getStyleClass().add("head-card");
        grid.getChildren().add(box);
    }
}

package dev.attentionlab.ui;

import dev.attentionlab.engine.RowNote;
import dev.attentionlab.engine.Trace;
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
        HBox top = new HBox(10, back, caption);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 0, 10));
        setTop(top);
        ScrollPane scroll = new ScrollPane(new VBox(8, grid, notes));
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.traceProperty().addListener(o -> rebuild(vm.trace()));
        rebuild(vm.trace());
    }

    /** Shows one head large; -1 for the average. */
    void enlarge(int head) {
        enlarged = head < 0 ? "weights_avg" : Trace.headMatrix(head, "weights");
        if (head >= 0) vm.selectedHead.set(head);
        rebuild(vm.trace());
    }

    private void rebuild(Trace t) {
        if (t == null) return;
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
            for (int i = 0; i < h; i++) addHead(t, Trace.headMatrix(i, "weights"), i, room);
            if (h > 1) addHead(t, "weights_avg", -1, room);
            caption.setText(h + (h == 1 ? " head" : " heads") + (h > 1 ? " and their average" : "")
                    + ". Click a head to enlarge it. Hatched cells are masked.");
        }
    }

    private void addHead(Trace t, String name, int head, javafx.beans.value.ObservableNumberValue room) {
        TraceMatrixView view = new TraceMatrixView(vm, display, name, room);
        view.setOnCellClick(c -> enlarge(head));
        VBox box = new VBox(view);
        box.getStyleClass().add("head-card");
        grid.getChildren().add(box);
    }
}

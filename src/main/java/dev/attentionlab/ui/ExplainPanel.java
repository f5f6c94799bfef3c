package dev.attentionlab.ui;

import dev.attentionlab.engine.tensor.Num;
import dev.attentionlab.engine.trace.CellExplanation;
import dev.attentionlab.engine.trace.Trace;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The worked arithmetic of the cell under the mouse (or keyboard), with the engine's value. */
final class ExplainPanel extends VBox {
    final Label value = new Label();
    private final Label heading = new Label("Cell arithmetic");
    private final Label cell = new Label();
    private final Label formula = new Label();
    private final Label arithmetic = new Label();
    private final Label exact = new Label();
    private final Label operands = new Label();
    private final Label hint = new Label("Point at any cell of a matrix, or click one and use the arrow keys, "
            + "to see exactly how its number was computed. The cells it was computed from are outlined in orange.");

    ExplainPanel(SessionViewModel vm) {
        getStyleClass().add("explain-panel");
        setPadding(new Insets(10));
        setSpacing(8);
        setPrefWidth(300);
        heading.getStyleClass().add("section-title");
        cell.setId("explainCell");
        cell.getStyleClass().add("explain-cell");
        value.setId("explainValue");
        value.getStyleClass().add("explain-value");
        formula.getStyleClass().add("explain-formula");
        arithmetic.setId("explainArithmetic");
        arithmetic.getStyleClass().add("explain-arithmetic");
        arithmetic.setWrapText(true);
        exact.getStyleClass().add("muted");
        operands.getStyleClass().add("muted");
        operands.setWrapText(true);
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        getChildren().addAll(heading, hint, cell, value, formula, arithmetic, exact, operands);
        vm.selection.selectedCell.addListener(o -> show(vm));
        vm.traceProperty().addListener(o -> show(vm));
        show(vm);
    }

    private void show(SessionViewModel vm) {
        Trace t = vm.trace();
        CellExplanation e = t == null ? null : vm.selection.explanation();
        boolean has = e != null;
        hint.setVisible(!has);
        hint.setManaged(!has);
        for (Label l : new Label[] {cell, value, formula, arithmetic, exact, operands}) {
            l.setVisible(has);
            l.setManaged(has);
        }
        if (!has) return;
        cell.setText(e.matrix() + "[" + e.row() + "][" + e.col() + "]" + labels(t, e));
        value.setText("= " + Num.fmt(e.value()));
        formula.setText(e.formula());
        arithmetic.setText(e.arithmetic());
        exact.setText("float32 value: " + e.value());
        StringBuilder b = new StringBuilder();
        for (CellExplanation.Operand op : e.operands()) {
            if (b.length() > 0) b.append(", ");
            b.append(op.matrix()).append(op.row() < 0 ? " column " + op.col() : op.col() < 0 ? " row " + op.row()
                    : "[" + op.row() + "][" + op.col() + "]");
        }
        operands.setText(b.length() == 0 ? "" : "from " + b);
    }

    private static String labels(Trace t, CellExplanation e) {
        var rows = t.rowLabels(e.matrix());
        var cols = t.columnLabels(e.matrix());
        String r = rows == null ? null : rows.get(e.row());
        String c = cols == null ? null : cols.get(e.col());
        if (r == null && c == null) return "";
        return "\n" + (r == null ? "" : "row '" + r + "'") + (r != null && c != null ? ", " : "") + (c == null ? "" : "column '" + c + "'");
    }
}

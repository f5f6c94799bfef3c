package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.Trace;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Shapes of the current computation, notes or errors, and how long the engine took. */
final class StatusBar extends HBox {
    final Label source = new Label();
    final Label shapes = new Label();
    final Label message = new Label();
    final Label timing = new Label();

    StatusBar(SessionViewModel vm) {
        getStyleClass().add("status-bar");
        setSpacing(14);
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);
        source.setId("statusSource");
        source.getStyleClass().add("source-badge");
        source.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        source.setTooltip(new javafx.scene.control.Tooltip("Where the weights of every number on screen come from"));
        shapes.setId("statusShapes");
        message.setId("statusMessage");
        timing.setId("statusTiming");
        timing.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        shapes.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.computingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(source, shapes, message, grow, busy, timing);
        vm.traceProperty().addListener(o -> show(vm));
        vm.errorProperty().addListener(o -> show(vm));
        vm.fileActivityProperty().addListener(o -> show(vm));
        vm.noticeProperty().addListener(o -> show(vm));
        show(vm);
    }

    private void show(SessionViewModel vm) {
        Trace t = vm.trace();
        if (t == null) return;
        var s = t.settings();
        source.setText(SessionHistory.sourceName(s));
        shapes.setText(String.format(Locale.ROOT, "%d tokens · vocabulary %,d · %sd_model %d · %d head%s · d_k %d · d_v %d · X %s · weights %s",
                t.tokens().size(), t.tokenizer().vocabulary().size(), t.blocks() > 1 ? t.blocks() + " blocks · " : "",
                s.model().dModel(), s.model().heads(), s.model().heads() == 1 ? "" : "s", s.model().dk(), s.model().dv(), t.x().shape(), t.head(0).weights().shape()));
        String err = vm.errorProperty().get();
        message.getStyleClass().removeAll("status-error");
        String reading = vm.fileActivityProperty().get();
        String notice = vm.noticeProperty().get();
        message.getStyleClass().removeAll("status-notice");
        if (!reading.isEmpty()) {
            message.setText(reading);
        } else if (!notice.isEmpty() && err.isEmpty()) {
            message.setText(notice);
            message.getStyleClass().add("status-notice");
        } else if (!err.isEmpty()) {
            message.setText("⚠ " + err + " (showing the last result that worked)");
            message.getStyleClass().add("status-error");
        } else {
            int more = t.notes().size() - 1;
            message.setText(t.notes().isEmpty() ? "" : t.notes().get(0) + (more > 0 ? "   (+" + more + " more)" : ""));
        }
        // A notice gets the shapes' room until the next edit: it says what just changed under the user.
        boolean noticeShown = message.getStyleClass().contains("status-notice");
        shapes.setVisible(!noticeShown);
        shapes.setManaged(!noticeShown);
        // A long message is cut with "…" where the bar ends; pointing at it shows it whole, with every note.
        String whole = reading.isEmpty() && (!err.isEmpty() || !notice.isEmpty())
                ? message.getText() + (t.notes().isEmpty() ? "" : "\n\n" + String.join("\n", t.notes()))
                : String.join("\n", t.notes());
        if (whole.isEmpty()) {
            message.setTooltip(null);
        } else {
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(whole);
            tip.setWrapText(true);
            tip.setMaxWidth(640);
            message.setTooltip(tip);
        }
        timing.setText(String.format(Locale.ROOT, "computed in %.1f ms", t.computeNanos() / 1e6));
    }
}

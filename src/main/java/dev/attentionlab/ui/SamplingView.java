package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.SamplingCharts;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The next-token distribution at every stage (logits, softmax at T, after top-k, after top-p) with
 * live temperature, k and p controls, seeded sampling, and a table of the most likely tokens.
 */
final class SamplingView extends BorderPane {

    private final SessionViewModel vm;
    private final DisplaySettings display;
    final BarsView logits = new BarsView();
    final BarsView softmax = new BarsView();
    final BarsView topK = new BarsView();
    final BarsView topP = new BarsView();
    final TableView<SamplingCharts.Row> table = new TableView<>();
    private final Label summary = new Label();
    private final ScrollPane samplingPane;
    private final ScrollPane similarityPane;
    private final Label similarityHeading = new Label();
    private final Label similarityValue = new Label();
    private final Label similarityText = new Label();
    /** The second sentence, also typed in the input bar's "Compare with another sentence"; Enter or Compare applies it. */
    private final javafx.scene.control.TextField other = new javafx.scene.control.TextField();
    /** u and v as strips of colour, so the two meanings can be compared by eye. */
    private final javafx.scene.layout.FlowPane embeddings = new javafx.scene.layout.FlowPane(16, 12);
    private final PaintWhenShown repaint;

    private boolean hasContent() {
        return softmax.spec() != null || similarityValue.getText() != null && !similarityValue.getText().isEmpty();
    }

    SamplingView(SessionViewModel vm, DisplaySettings display) {
        this.vm = vm;
        this.display = display;
        this.repaint = new PaintWhenShown(this, display, this::hasContent, this::paint);
        logits.setId("barsLogits");
        softmax.setId("barsSoftmax");
        topK.setId("barsTopK");
        topP.setId("barsTopP");

        Slider temperature = new Slider(0, 5, vm.form.temperature.get());
        temperature.setId("temperatureSlider");
        temperature.setPrefWidth(220);
        temperature.setMajorTickUnit(1);
        temperature.setShowTickMarks(true);
        temperature.setShowTickLabels(true);
        temperature.valueProperty().bindBidirectional(vm.form.temperature);
        Label tValue = new Label();
        tValue.setId("temperatureValue");
        tValue.getStyleClass().add("big-value");
        tValue.textProperty().bind(vm.form.temperature.asString(Locale.ROOT, "T = %.2f"));
        Slider p = new Slider(0.05, 1, vm.form.topP.get());
        p.setId("topPSlider");
        p.setPrefWidth(160);
        p.valueProperty().bindBidirectional(vm.form.topP);
        Label pValue = new Label();
        pValue.textProperty().bind(vm.form.topP.asString(Locale.ROOT, "p = %.2f"));

        Button sample = new Button("Sample", new FontIcon("mdi2d-dice-5-outline"));
        sample.setId("sampleButton");
        sample.setDefaultButton(false);
        sample.setOnAction(e -> vm.sampling.sample());
        Button append = new Button("Append to sentence", new FontIcon("mdi2t-text-box-plus-outline"));
        append.setId("appendButton");
        append.setOnAction(e -> vm.sampling.appendSample());
        Button generate = new Button("Generate", new FontIcon("mdi2p-play-outline"));
        generate.setId("generateButton");
        // While it draws, the same button stops it: a long GPT-2 continuation need not be waited out.
        generate.setOnAction(e -> {
            if (vm.sampling.generatingProperty().get()) vm.sampling.stopGenerating();
            else vm.sampling.generate();
        });
        vm.sampling.generatingProperty().addListener((o, was, now) -> {
            generate.setText(now ? "Stop" : "Generate");
            generate.setGraphic(new FontIcon(now ? "mdi2s-stop" : "mdi2p-play-outline"));
        });
        Label draw = new Label();
        draw.setId("lastDraw");
        draw.getStyleClass().add("sampled-token");
        draw.textProperty().bind(vm.sampling.lastDrawProperty());

        GridPane controls = new GridPane();
        controls.setHgap(10);
        controls.setVgap(8);
        controls.addRow(0, Fx.label(SettingCatalogue.TEMPERATURE), temperature, tValue);
        controls.addRow(1, Fx.label(SettingCatalogue.TOP_K), Fx.intSpinner("topK", SettingCatalogue.TOP_K, vm.form.topK), new Label());
        controls.addRow(2, Fx.label(SettingCatalogue.TOP_P), p, pValue);
        controls.addRow(3, Fx.label(SettingCatalogue.SAMPLE_SEED), Fx.longSpinner("sampleSeed", vm.form.sampleSeed), new Label());
        HBox actions = new HBox(8, sample, append, new Label("N ="), Fx.intSpinner("generateCount", 1, 64, vm.generateCount), generate);
        actions.setAlignment(Pos.CENTER_LEFT);
        summary.setWrapText(true);
        summary.getStyleClass().add("step-explanation");
        VBox top = new VBox(8, controls, actions, draw, summary);
        top.setPadding(new Insets(10));

        FlowPane charts = new FlowPane(18, 12, logits, softmax, topK, topP);
        charts.setPadding(new Insets(6, 10, 10, 10));
        buildTable();
        VBox body = new VBox(8, top, charts, table);
        body.setPadding(new Insets(0, 0, 10, 0));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        samplingPane = scroll;
        similarityPane = new ScrollPane(similarity(vm));
        similarityPane.setFitToWidth(true);
        setCenter(scroll);

        vm.traceProperty().addListener(o -> refresh());
        display.palette.addListener(o -> refresh());
        display.zoom.addListener(o -> refresh());
        refresh();
    }

    /**
     * What an encoder offers instead of a next token: the similarity of the sentence to a second one,
     * typed here (the same second sentence as the input bar's "Compare with another sentence").
     */
    private VBox similarity(SessionViewModel vm) {
        similarityHeading.getStyleClass().add("section-title");
        similarityHeading.setWrapText(true);
        other.setId("compareText");
        other.setPromptText("a second sentence, e.g. 'The dog was too exhausted to walk across the road.'");
        other.setOnAction(e -> vm.form.sourceText.set(other.getText().isBlank() ? null : other.getText()));
        Button compare = new Button("Compare", new FontIcon("mdi2s-scale-balance"));
        compare.setId("compareButton");
        compare.setOnAction(e -> other.getOnAction().handle(e));
        HBox row = new HBox(8, new Label("Compare with"), other, compare);
        HBox.setHgrow(other, javafx.scene.layout.Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        similarityValue.setId("similarityValue");
        similarityValue.getStyleClass().add("big-value");
        similarityText.setId("similarityText");
        similarityText.setWrapText(true);
        similarityText.getStyleClass().add("step-explanation");
        embeddings.setId("embeddings");
        Label fold = new Label("u and v, 32 features a row. The products u_i·v_i add up to cos(u, v): a feature adds to it "
                + "where both grids are red or both are blue, and takes from it where they differ.");
        fold.setWrapText(true);
        fold.getStyleClass().add("muted");
        fold.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(embeddings.getChildren()));
        fold.managedProperty().bind(fold.visibleProperty());
        VBox box = new VBox(12, similarityHeading, row, similarityValue, similarityText, fold, embeddings);
        box.setId("similarityPane");
        box.setPadding(new Insets(14));
        return box;
    }

    private void showSimilarity(Trace t) {
        String name = t.settings().model().pretrained() != null ? t.settings().model().pretrained().name() : "This model";
        similarityHeading.setText(name + " has no next-token head, so there is nothing to sample. It was trained to turn a sentence "
                + "into one vector, its meaning: compare two sentences instead.");
        Trace.Comparison c = t.pooling().other();
        if (!other.isFocused()) other.setText(c == null ? "" : c.text());
        if (c == null) {
            embeddings.getChildren().clear();
            similarityValue.setText("");
            similarityText.setText("Type a second sentence and press Enter. Both go through all " + t.blocks() + " layers; each "
                    + "sentence's token vectors are averaged and scaled to length 1, and the dot product of the two is their "
                    + "cosine similarity: near 1 for the same meaning, near 0 for unrelated sentences.");
            return;
        }
        similarityValue.setText(String.format(Locale.ROOT, "cos(u, v) = %.4f", c.cosine()));
        embeddings.getChildren().clear();
        int i = 0;
        for (var spec : dev.attentionlab.render.TraceHeatmaps.embeddings(t, 32, display.palette.get(), 9 * display.zoom.get())) {
            MatrixView grid = new MatrixView();
            grid.setId(i++ == 0 ? "sentenceEmbedding" : "otherEmbedding");
            grid.setSpec(spec);
            embeddings.getChildren().add(grid);
        }
        similarityText.setText("u is '" + t.settings().input().text() + "' (" + t.tokens().size() + " tokens), v is '" + c.text() + "' ("
                + c.tokens().size() + " tokens). " + (c.cosine() > 0.7 ? "The model reads them as saying nearly the same thing."
                : c.cosine() > 0.4 ? "The model finds them related." : "The model finds little in common.")
                + " The Pipeline's last steps show the pooling and the dot product cell by cell.");
    }

    private void buildTable() {
        table.setId("topTokens");
        table.setPrefHeight(260);
        table.getColumns().add(column("#", r -> Integer.toString(r.rank())));
        table.getColumns().add(column("token", SamplingCharts.Row::token));
        table.getColumns().add(column("id", r -> Integer.toString(r.id())));
        table.getColumns().add(column("logit", r -> fmt(r.logit())));
        table.getColumns().add(column("p at T", r -> fmt(r.pT())));
        table.getColumns().add(column("after top-k", r -> fmt(r.pTopK())));
        table.getColumns().add(column("after top-p", r -> fmt(r.pFinal())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    }

    private static TableColumn<SamplingCharts.Row, String> column(String title, java.util.function.Function<SamplingCharts.Row, String> f) {
        TableColumn<SamplingCharts.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String fmt(float v) {
        return Float.isInfinite(v) ? (v < 0 ? "−∞" : "∞") : String.format(Locale.ROOT, "%.4f", v);
    }

    private void refresh() {
        repaint.request();
    }

    private void paint() {
        Trace t = vm.trace();
        if (t == null) return;
        if (!t.predictsTokens()) {
            if (getCenter() != similarityPane) setCenter(similarityPane);
            showSimilarity(t);
            return;
        }
        if (getCenter() != samplingPane) setCenter(samplingPane);
        SamplingCharts charts = SamplingCharts.of(t);
        double bar = Math.max(16, Math.min(30, 260.0 / charts.shown())) * display.zoom.get();
        double height = 130 * display.zoom.get();
        var palette = display.palette.get();
        logits.setSpec(charts.logits(palette, bar, height));
        softmax.setSpec(charts.softmax(palette, bar, height));
        topK.setSpec(charts.topK(palette, bar, height));
        topP.setSpec(charts.topP(palette, bar, height));
        table.getItems().setAll(charts.rows());
        int candidates = t.vocabEntries().size();
        summary.setText("Predicting the token after '" + t.label(t.tokens().get(t.lastRealPosition()).text()) + "' from "
                + candidates + " candidates" + (charts.shown() < candidates ? " (the " + charts.shown() + " highest logits shown)" : "")
                + ". With seed " + t.settings().sampling().sampleSeed() + " the draw is '" + t.label(t.sampledToken()) + "'"
                + (t.sampling().greedy() ? " (T = 0: greedy)." : "."));
    }
}

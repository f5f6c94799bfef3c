package dev.attentionlab.ui;

import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.trace.HeadPattern;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.train.TrainingPoint;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Train tab: corpus, model size, Start / Pause / Stop with progress and steps per second, the
 * train and validation loss as they fall, a slider over the snapshots (every view follows it), the
 * current sentence's attention in each head of the chosen block, and text the model writes.
 */
final class TrainView extends BorderPane {
    static final int GENERATE = 300;

    private final TrainViewModel train;
    private final SessionViewModel vm;
    private final DisplaySettings display;
    final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> trainSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> valSeries = new XYChart.Series<>();
    /** A vertical line at the snapshot every view shows, so the chart says which moment of training that is. */
    final XYChart.Series<Number, Number> shownSeries = new XYChart.Series<>();
    final Slider snapshot = new Slider(0, 0, 0);
    private final Label snapshotLabel = new Label();
    private final FlowPane heads = new FlowPane(12, 12);
    private final Label headsCaption = new Label();
    private String shownHeads;
    private final java.util.List<Label> patterns = new java.util.ArrayList<>();
    private javafx.beans.value.ObservableNumberValue headsRoom;

    TrainView(TrainViewModel train, SessionViewModel vm, DisplaySettings display, FileActions files) {
        this.train = train;
        this.vm = vm;
        this.display = display;

        Label corpus = new Label();
        corpus.setId("corpusStatus");
        corpus.getStyleClass().add("muted");
        corpus.textProperty().bind(Bindings.createStringBinding(() -> "Corpus: " + train.corpusName.get(), train.corpusName));
        Button bundled = new Button("Bundled stories", new FontIcon("mdi2b-book-open-variant"));
        bundled.setId("bundledCorpus");
        bundled.setOnAction(e -> train.useBundledCorpus());
        Button mine = new Button("Train on my text…", new FontIcon("mdi2f-file-document-outline"));
        mine.setId("myCorpus");
        mine.setOnAction(e -> files.chooseCorpus(train));
        HBox corpusRow = row(corpus, bundled, mine);

        var size = Fx.choice("modelSize", LmSize.values(), train.size, LmSize::label);
        var stepsSpinner = Fx.intSpinner("trainSteps", 1, 100_000, train.steps);
        stepsSpinner.setPrefWidth(120);
        stepsSpinner.setMinWidth(120);
        var seedSpinner = Fx.longSpinner("trainSeed", train.seed);
        seedSpinner.setPrefWidth(100);
        seedSpinner.setMinWidth(100);
        HBox options = row(Fx.label("Model", null), size, Fx.label("Steps", null), stepsSpinner, Fx.label("Seed", null), seedSpinner);

        Button start = new Button("Start", new FontIcon("mdi2p-play"));
        start.setId("trainStart");
        start.setOnAction(e -> train.start());
        Button pause = new Button("Pause", new FontIcon("mdi2p-pause"));
        pause.setId("trainPause");
        pause.setOnAction(e -> train.togglePause());
        Button stop = new Button("Stop", new FontIcon("mdi2s-stop"));
        stop.setId("trainStop");
        stop.setOnAction(e -> train.stop());
        ProgressBar progress = new ProgressBar();
        progress.setId("trainProgress");
        progress.progressProperty().bind(train.progress);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox runRow = row(start, pause, stop, progress);
        Label status = new Label();
        status.setId("trainStatus");
        status.textProperty().bind(train.status);
        Label error = new Label();
        error.setId("trainError");
        error.getStyleClass().add("error-label");
        error.setWrapText(true);
        error.textProperty().bind(train.error);
        error.visibleProperty().bind(train.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        train.state.addListener((o, was, s) -> updateButtons(start, pause, stop, size, bundled, mine));
        updateButtons(start, pause, stop, size, bundled, mine);

        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel("cross-entropy (nats per character)");
        y.setForceZeroInRange(true);
        chart = new LineChart<>(x, y);
        chart.setId("lossChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(330);
        chart.setMinHeight(240);
        trainSeries.setName("training");
        valSeries.setName("validation");
        chart.getData().add(trainSeries);
        chart.getData().add(valSeries);
        shownSeries.setName("shown snapshot");
        chart.getData().add(shownSeries);
        train.points.addListener((ListChangeListener<TrainingPoint>) c -> redrawChart());

        snapshot.setId("snapshotSlider");
        snapshot.setMajorTickUnit(1);
        snapshot.setMinorTickCount(0);
        snapshot.setSnapToTicks(true);
        snapshot.setBlockIncrement(1);
        HBox.setHgrow(snapshot, Priority.ALWAYS);
        snapshot.setMaxWidth(Double.MAX_VALUE);
        snapshot.valueProperty().addListener((o, was, now) -> {
            int i = (int) Math.round(now.doubleValue());
            if (i != train.snapshotIndex.get() && i < train.snapshots.size()) {
                train.followLatest.set(i == train.snapshots.size() - 1);
                train.snapshotIndex.set(i);
            }
        });
        train.snapshots.addListener((ListChangeListener<TrainedModel>) c -> syncSlider());
        train.snapshotIndex.addListener(o -> syncSlider());
        snapshotLabel.setId("snapshotLabel");
        snapshotLabel.getStyleClass().add("big-value");
        CheckBox follow = new CheckBox("Follow training");
        follow.setId("followTraining");
        follow.selectedProperty().bindBidirectional(train.followLatest);
        BlockPicker block = new BlockPicker(vm, "modelBlock");
        follow.setMinWidth(Region.USE_PREF_SIZE);
        snapshotLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox scrub = row(Fx.label("Training time", null), snapshot, snapshotLabel, follow, block);
        scrub.getStyleClass().add("train-scrub");
        syncSlider();

        heads.setId("trainHeads");
        headsCaption.getStyleClass().add("muted");
        headsCaption.setWrapText(true);

        Button generate = new Button("Continue the sentence", new FontIcon("mdi2p-pencil-outline"));
        generate.setId("trainGenerate");
        generate.setOnAction(e -> train.generate(GENERATE));
        generate.disableProperty().bind(vm.form.model.isNull());
        Label temperature = new Label();
        temperature.textProperty().bind(vm.form.temperature.asString(Locale.ROOT, "%d characters at T = %%.2f".formatted(GENERATE)));
        Button seeded = new Button("Use seeded weights", new FontIcon("mdi2d-dice-multiple-outline"));
        seeded.setId("useSeeded");
        seeded.setOnAction(e -> train.useSeededWeights());
        seeded.disableProperty().bind(vm.form.model.isNull());
        Button save = new Button("Save model…", new FontIcon("mdi2c-content-save-outline"));
        save.setId("saveModel");
        save.setOnAction(e -> files.saveModel(train));
        save.disableProperty().bind(vm.form.model.isNull());
        Button open = new Button("Open model…", new FontIcon("mdi2f-folder-open-outline"));
        open.setId("openModel");
        open.setOnAction(e -> files.openModel(train));
        TextArea text = new TextArea();
        text.setId("generatedText");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(4);
        text.textProperty().bind(train.generated);
        // Wraps rather than truncating the labels when the side panels leave the tab narrow.
        FlowPane generateRow = new FlowPane(8, 8, generate, temperature, seeded, save, open);
        generateRow.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.Node n : generateRow.getChildren()) ((Region) n).setMinWidth(Region.USE_PREF_SIZE);

        // The curve on the left, the heads it explains on the right: both in view while training runs.
        // Why the sentence cannot go through the model (a character it never saw, a changed shape).
        Label traceError = new Label();
        traceError.setId("trainTraceError");
        traceError.getStyleClass().add("error-label");
        traceError.setWrapText(true);
        traceError.textProperty().bind(vm.errorProperty());
        traceError.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        traceError.managedProperty().bind(traceError.visibleProperty());
        VBox headsBox = new VBox(6, headsCaption, traceError, heads);
        HBox.setHgrow(headsBox, Priority.ALWAYS);
        headsRoom = headsBox.widthProperty().divide(2).subtract(150);
        chart.setPrefWidth(380);
        chart.setMinWidth(380);
        chart.setMaxHeight(330);
        HBox middle = new HBox(12, chart, headsBox);
        middle.setAlignment(Pos.TOP_LEFT);
        VBox body = new VBox(10, corpusRow, options, runRow, status, error, scrub, middle, generateRow, text);
        body.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.traceProperty().addListener((o, was, now) -> rebuildHeads());
        rebuildHeads();
        // A model opened from the Model menu before this tab was shown has already said what it is.
        if (train.status.get().isEmpty()) train.updateCorpusStatus();
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox h = new HBox(8, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private void updateButtons(Button start, Button pause, Button stop, javafx.scene.Node... setup) {
        TrainViewModel.State s = train.state.get();
        boolean busy = train.isBusy();
        start.setDisable(busy);
        start.setText(train.points.isEmpty() ? "Start" : "Start again");
        pause.setDisable(s != TrainViewModel.State.RUNNING && s != TrainViewModel.State.PAUSED);
        pause.setText(s == TrainViewModel.State.PAUSED ? "Resume" : "Pause");
        ((FontIcon) pause.getGraphic()).setIconLiteral(s == TrainViewModel.State.PAUSED ? "mdi2p-play" : "mdi2p-pause");
        stop.setDisable(!busy || s == TrainViewModel.State.STOPPING);
        for (javafx.scene.Node n : setup) n.setDisable(busy);
    }

    private void redrawChart() {
        // Rebuilt from the list each time: a few hundred points at most, and it also handles "start again".
        var tr = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var va = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        for (TrainingPoint p : train.points) {
            tr.add(new XYChart.Data<>(p.step(), p.trainLoss()));
            va.add(new XYChart.Data<>(p.step(), p.valLoss()));
        }
        trainSeries.getData().setAll(tr);
        valSeries.getData().setAll(va);
        markShown();
    }

    private void markShown() {
        int i = train.snapshotIndex.get();
        TrainedModel m = i >= 0 && i < train.snapshots.size() ? train.snapshots.get(i) : null;
        if (m == null || train.points.isEmpty()) {
            shownSeries.getData().clear();
            return;
        }
        double top = 0;
        for (TrainingPoint p : train.points) top = Math.max(top, Math.max(p.trainLoss(), p.valLoss()));
        shownSeries.getData().setAll(List.of(new XYChart.Data<>(m.step(), 0), new XYChart.Data<>(m.step(), top)));
    }

    private void syncSlider() {
        int n = train.snapshots.size();
        snapshot.setMax(Math.max(0, n - 1));
        snapshot.setDisable(n < 2);
        int i = train.snapshotIndex.get();
        if (i >= 0 && (int) Math.round(snapshot.getValue()) != i) snapshot.setValue(i);
        TrainedModel m = i >= 0 && i < n ? train.snapshots.get(i) : null;
        snapshotLabel.setText(m == null ? (n == 0 ? "no snapshots yet" : "seeded weights")
                : String.format(Locale.ROOT, "step %,d", m.step()));
        markShown();
    }

    private void rebuildHeads() {
        Trace t = vm.trace();
        if (t == null) return;
        boolean trained = t.settings().model().trained() != null;
        headsCaption.setText(trained
                ? "Attention of block " + (t.settings().model().modelBlock() + 1) + " on the sentence, model at step "
                + t.settings().model().trained().step() + ". Drag the slider to watch the heads form over training."
                : "The views use the seeded weights. Start training (or open a model) to see what attention learns.");
        String structure = t.heads() + "/" + trained;
        if (!structure.equals(shownHeads)) {
            shownHeads = structure;
            heads.getChildren().clear();
            patterns.clear();
            for (int i = 0; i < t.heads(); i++) {
                TraceMatrixView view = new TraceMatrixView(vm, display, t.attentionMap(i).name(), headsRoom);
                Label pattern = new Label();
                pattern.setId("headPattern" + (i + 1));
                pattern.getStyleClass().add("muted");
                pattern.setWrapText(true);
                pattern.maxWidthProperty().bind(view.widthProperty());
                patterns.add(pattern);
                VBox box = new VBox(4, view, pattern);
                box.getStyleClass().add("head-card");
                heads.getChildren().add(box);
            }
        }
        // In words, what each head does on this sentence: the heatmaps show it, this names it.
        for (int i = 0; i < patterns.size(); i++) {
            patterns.get(i).setText(HeadPattern.of(t.head(i).weights(), t.tokens()).describe());
        }
    }
}

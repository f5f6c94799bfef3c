package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.tensor.Num;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.render.HeatmapSpec;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless (Monocle): clicks, typing and keys, checked against the engine. */
class MainWindowTest extends RealWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }


    @Test
    void typingASentenceChangesTheChipsAndTheHeatmapSize(FxRobot robot) throws Exception {
        idle();
        FlowPane chips = robot.lookup("#tokenChips").queryAs(FlowPane.class);
        assertThat(chips.getChildren()).hasSize(10);
        robot.clickOn("#tabHeads");
        robot.clickOn("#sentence").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("one two three");
        await(() -> vm.trace().tokens().size() == 3);
        assertThat(robot.lookup("#sentence").queryAs(TextField.class).getText()).isEqualTo("one two three");
        assertThat(chips.getChildren()).hasSize(3);
        await(() -> heatmap(robot, "#matrix-h1-weights").values().rows() == 3);
        HeatmapSpec spec = heatmap(robot, "#matrix-h1-weights");
        assertThat(spec.values().cols()).isEqualTo(3);
        assertThat(spec.rowLabels()).containsExactly("one", "two", "three");
    }

    @Test
    void bpeCanLearnItsMergesFromTheBundledCorpus(FxRobot robot) throws Exception {
        idle();
        robot.clickOn("#tokenizer").clickOn("BPE (byte-pair merges)");
        await(() -> vm.trace().settings().input().tokenizer() == dev.attentionlab.engine.tokenize.TokenizerKind.BPE);
        idle();
        int fromSentence = vm.trace().tokens().size();
        robot.clickOn("#bpeSource").clickOn("from the bundled corpus");
        await(() -> vm.trace().settings().input().bpeCorpus() != null);
        idle();
        assertThat(vm.trace().settings().input().bpeCorpus()).isEqualTo(dev.attentionlab.io.BundledCorpus.text());
        assertThat(vm.trace().tokens().size()).isNotEqualTo(fromSentence);
        FlowPane chips = robot.lookup("#tokenChips").queryAs(FlowPane.class);
        assertThat(chips.getChildren()).hasSize(vm.trace().tokens().size());
    }

    @Test
    void nextAndPrevMoveThroughTheSteps(FxRobot robot) throws Exception {
        idle();
        Label title = robot.lookup("#stepTitle").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("1 / 15   Tokenize");
        robot.clickOn("#nextStep");
        assertThat(title.getText()).isEqualTo("2 / 15   Embed");
        robot.clickOn("#nextStep").clickOn("#nextStep").clickOn("#nextStep");
        assertThat(title.getText()).isEqualTo("5 / 15   QKᵀ");
        assertThat(robot.lookup("#matrix-h1-scores_raw").tryQuery()).isPresent();
        robot.clickOn("#prevStep");
        assertThat(vm.selection.stepId.get()).isEqualTo("qkv");
        robot.clickOn("#stepTitle").type(KeyCode.END);
        assertThat(title.getText()).isEqualTo("15 / 15   Sample");
        robot.type(KeyCode.HOME).type(KeyCode.RIGHT);
        assertThat(title.getText()).isEqualTo("2 / 15   Embed");
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(vm.selection.stepId.get()).isEqualTo("position");
        robot.clickOn("#step-softmax");
        assertThat(title.getText()).isEqualTo("8 / 15   Softmax");

        // Scrolled down to the output, the next step opens at its heading and formula.
        javafx.scene.control.ScrollPane scroll = robot.lookup("#stepScroll").queryAs(javafx.scene.control.ScrollPane.class);
        onFx(() -> scroll.setVvalue(1));
        robot.clickOn("#nextStep");
        assertThat(title.getText()).isEqualTo("9 / 15   · V");
        assertThat(scroll.getVvalue()).isZero();
    }

    /**
     * The trained lesson has 2 blocks × 4 heads: the Heads tab shows them all at once, a click enlarges
     * one head of that block, and every tab's block picker moves all views to the same block.
     */
    @Test
    void theWholeModelAtAGlanceAndABlockPickerInEveryTab(FxRobot robot) throws Exception {
        onFx(() -> vm.load(dev.attentionlab.io.BundledLessons.load("05-a-trained-model.json"), null));
        idle();
        robot.clickOn("#tabHeads");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#headsBlock").queryAs(javafx.scene.Node.class).isVisible()).isTrue();
        robot.clickOn("#headsWholeModel");
        WaitForAsyncUtils.waitForFxEvents();
        Trace t = vm.trace();
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 4; h++) {
                HeatmapSpec s = heatmap(robot, "#model-b" + (b + 1) + "-h" + (h + 1));
                assertThat(s.values()).as("block %d head %d", b + 1, h + 1).isEqualTo(t.blockAttention(b).heads().get(h).weights());
            }
        }
        assertThat(t.blockAttention(0).heads().get(0).weights()).isNotEqualTo(t.blockAttention(1).heads().get(0).weights());
        MatrixView b1h3 = robot.lookup("#model-b1-h3").queryAs(MatrixView.class);
        double[] c = b1h3.cellCenter(2, 1);
        robot.clickOn(new javafx.geometry.Point2D(c[0], c[1]));
        idle();
        assertThat(vm.form.modelBlock.get()).isZero();
        assertThat(vm.selection.selectedHead.get()).isEqualTo(2);
        assertThat(heatmap(robot, "#matrix-h3-weights").values()).isEqualTo(vm.trace().blockAttention(0).heads().get(2).weights());
        // The Pipeline's picker moves every view to block 2.
        robot.clickOn("#tabPipeline");
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> robot.lookup("#pipelineBlockSpinner").queryAs(javafx.scene.control.Spinner.class).increment());
        idle();
        assertThat(vm.form.modelBlock.get()).isEqualTo(1);
        assertThat(vm.trace().head(0).weights()).isEqualTo(vm.trace().blockAttention(1).heads().get(0).weights());
        robot.clickOn("#tabMask");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#maskBlockSpinner").queryAs(javafx.scene.control.Spinner.class).getValue()).isEqualTo(2);
        // A one-block model has no picker and no model view.
        onFx(() -> vm.useModel(null));
        idle();
        robot.clickOn("#tabHeads");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#headsBlock").queryAs(javafx.scene.Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#headsViews").queryAs(javafx.scene.Node.class).isVisible()).isFalse();
    }

    /** A second sentence in the window: queries from one, keys and values from the other, in every view. */
    @Test
    void crossAttentionTakesKeysFromTheSecondSentence(FxRobot robot) throws Exception {
        onFx(() -> vm.applyPreset(Preset.SMALL_MULTI_HEAD));
        idle();
        robot.clickOn("#crossAttention");
        robot.clickOn("#sourceText").write("a dog barked");
        await(() -> vm.trace() != null && vm.trace().isCrossAttention() && vm.trace().sourceTokens().size() == 3 && !vm.computingProperty().get());
        assertThat(vm.form.sourceText.get()).isEqualTo("a dog barked");
        FlowPane keys = robot.lookup("#sourceChips").queryAs(FlowPane.class);
        assertThat(keys.isVisible()).isTrue();
        assertThat(keys.getChildren()).hasSize(4); // the heading and three chips
        robot.clickOn("#tabHeads");
        WaitForAsyncUtils.waitForFxEvents();
        HeatmapSpec w = heatmap(robot, "#matrix-h1-weights");
        assertThat(w.colLabels()).containsExactly("a", "dog", "barked");
        assertThat(w.rowLabels()).isEqualTo(vm.trace().tokens().stream().map(dev.attentionlab.engine.tokenize.Token::text).toList());
        assertThat(w.values()).isEqualTo(vm.trace().head(0).weights());
        robot.clickOn("#crossAttention");
        await(() -> !vm.trace().isCrossAttention() && !vm.computingProperty().get());
        assertThat(vm.form.sourceText.get()).isNull();
        assertThat(keys.isVisible()).isFalse();
        // A lesson with a source text ticks the box and fills the field.
        onFx(() -> vm.apply(vm.settings().toBuilder().sourceText("the cat").build()));
        idle();
        assertThat(robot.lookup("#crossAttention").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup("#sourceText").queryAs(TextField.class).getText()).isEqualTo("the cat");
    }

    @Test
    void causalMaskZeroesTheUpperTriangleOfEveryHead(FxRobot robot) throws Exception {
        onFx(() -> vm.apply(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().mask(MaskKind.NONE).build()));
        idle();
        robot.clickOn("#tabHeads");
        HeatmapSpec before = heatmap(robot, "#matrix-h2-weights");
        assertThat(before.values().get(0, 1)).isNotZero();
        robot.clickOn("#maskChoice").clickOn("causal");
        await(() -> vm.trace().settings().attention().mask() == MaskKind.CAUSAL);
        idle();
        for (int h = 1; h <= 4; h++) {
            HeatmapSpec s = heatmap(robot, "#matrix-h" + h + "-weights");
            for (int i = 0; i < s.values().rows(); i++) {
                for (int j = i + 1; j < s.values().cols(); j++) {
                    assertThat(s.values().get(i, j)).as("head %d [%d][%d]", h, i, j).isZero();
                    assertThat(s.masked().isMasked(i, j)).isTrue();
                }
            }
        }
    }

    @Test
    void temperatureSliderShowsTheEnginesProbabilities(FxRobot robot) throws Exception {
        onFx(() -> vm.applyPreset(Preset.SMALL_MULTI_HEAD));
        idle();
        robot.clickOn("#tabSampling");
        Slider slider = robot.lookup("#temperatureSlider").queryAs(Slider.class);
        robot.drag(slider.lookup(".thumb")).moveBy(slider.getWidth() * 0.35, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        idle();
        double t = vm.form.temperature.get();
        assertThat(t).isGreaterThan(2.0);
        Trace expected = TraceEngine.compute(vm.settings());
        var bars = robot.lookup("#barsSoftmax").queryAs(BarsView.class).spec();
        float[] probsT = expected.sampling().probsT().row(0);
        int[] order = dev.attentionlab.engine.model.Sampler.topKIndices(expected.sampling().logits().row(0), bars.labels().size());
        for (int k = 0; k < order.length; k++) {
            assertThat(bars.values()[k]).isEqualTo(probsT[order[k]]);
            assertThat(bars.labels().get(k)).isEqualTo(expected.vocabEntries().get(order[k]).text());
        }
        assertThat(robot.lookup("#temperatureValue").queryAs(Label.class).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "T = %.2f", t));
        var table = window.sampling.table.getItems();
        assertThat(table.get(0).pT()).isEqualTo(probsT[order[0]]);
    }

    @Test
    void pointingAtACellShowsTheEnginesNumber(FxRobot robot) throws Exception {
        idle();
        onFx(() -> vm.selection.stepId.set("scores"));
        MatrixView m = robot.lookup("#matrix-h1-scores_raw").queryAs(MatrixView.class);
        onFx(() -> scrollIntoView(m));
        double[] at = m.cellCenter(2, 5);
        robot.moveTo(new javafx.geometry.Point2D(at[0], at[1]));
        await(() -> vm.selection.selectedCell.get() != null);
        assertThat(vm.selection.selectedCell.get()).isEqualTo(CellRef.of("h1.scores_raw", 2, 5));
        float engine = TraceEngine.compute(vm.settings()).head(0).scoresRaw().get(2, 5);
        assertThat(robot.lookup("#explainValue").queryAs(Label.class).getText()).isEqualTo("= " + Num.fmt(engine));
        assertThat(robot.lookup("#explainArithmetic").queryAs(Label.class).getText())
                .startsWith("h1.scores_raw[2][5] = q₂·k₅ = ").endsWith("= " + Num.fmt(engine) + "   (24 products)");
        assertThat(m.spec().selected()).isEqualTo(new HeatmapSpec.Cell(2, 5));
        HeatmapSpec q = robot.lookup("#matrix-h1-Q").queryAs(MatrixView.class).spec();
        assertThat(q.highlights()).containsExactly(new HeatmapSpec.Cell(2, -1));
        robot.clickOn(new javafx.geometry.Point2D(at[0], at[1])).type(KeyCode.RIGHT).type(KeyCode.DOWN);
        assertThat(vm.selection.selectedCell.get()).isEqualTo(CellRef.of("h1.scores_raw", 3, 6));
        assertThat(vm.selection.stepId.get()).as("arrow keys in a focused matrix move the cell, not the step").isEqualTo("scores");
    }

    @Test
    void anInvalidSettingShowsTheMessageAndKeepsTheLastResult(FxRobot robot) throws Exception {
        onFx(() -> vm.applyPreset(Preset.SMALL_MULTI_HEAD));
        idle();
        Trace good = vm.trace();
        robot.clickOn("#tabHeads");
        robot.doubleClickOn("#heads .text-field").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("3");
        await(() -> !vm.errorProperty().get().isEmpty());
        idle();
        Label error = robot.lookup("#errorLabel").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("3 heads do not divide d_model 16");
        assertThat(vm.trace()).isSameAs(good);
        assertThat(robot.lookup("#matrix-h4-weights").tryQuery()).as("the last good heads stay on screen").isPresent();
        assertThat(robot.lookup("#statusMessage").queryAs(Label.class).getText()).contains("3 heads do not divide d_model 16");
        robot.doubleClickOn("#heads .text-field").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("2");
        await(() -> vm.errorProperty().get().isEmpty() && vm.trace().heads() == 2);
        assertThat(error.isVisible()).isFalse();
    }

    @Test
    void classroomModeEnlargesTypeAndZoomKeysWork(FxRobot robot) throws Exception {
        idle();
        robot.clickOn("#stepTitle");
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertThat(window.display.zoom.get()).isEqualTo(1.1);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertThat(window.display.zoom.get()).isEqualTo(1.0);
        onFx(() -> window.display.classroom.set(true));
        assertThat(window.scene.getRoot().getStyle()).contains("-fx-font-size: 19.5px");
        assertThat(window.scene.getRoot().getStyleClass()).contains("classroom", "high-contrast");
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(vm.selection.stepId.get()).isEqualTo("embed");

        // The heatmaps' type grows with the zoom, not only their cells: digits, labels, title, colour bar.
        robot.clickOn("#tabHeads");
        idle();
        MatrixView big = robot.lookup("#headsGrid .matrix-view").queryAs(MatrixView.class);
        assertThat(big.spec().textScale()).isEqualTo(1.5);
        var zoomed = dev.attentionlab.render.HeatmapPainter.layout(big.spec(), surface());
        var plain = dev.attentionlab.render.HeatmapPainter.layout(big.spec().withTextScale(1), surface());
        assertThat(zoomed.titleSize()).isGreaterThanOrEqualTo(13 * 1.5).isGreaterThan(plain.titleSize());
        assertThat(zoomed.labelSize()).isGreaterThan(plain.labelSize());
        assertThat(zoomed.barWidth()).isEqualTo(21.0);
    }

    @Test
    void aLessonOpensOnTheViewItIsAboutAndSavesTheViewShown(FxRobot robot) throws Exception {
        idle();
        onFx(() -> vm.load(dev.attentionlab.io.BundledLessons.load("04-scaled-vs-unscaled.json"), null));
        idle();
        assertThat(window.tabs.getSelectionModel().getSelectedItem()).isEqualTo(window.compareTab);
        robot.clickOn("#tabSampling");
        assertThat(vm.toLesson().view()).isEqualTo("sampling");
        onFx(() -> vm.load(dev.attentionlab.io.BundledLessons.load("01-the-notebook.json"), null));
        assertThat(window.tabs.getSelectionModel().getSelectedItem()).isEqualTo(window.pipelineTab);
    }

    @Test
    void aSmallScreenSetsTheArithmeticAsideAndANarrowPipelineGetsACompactStepper(FxRobot robot) throws Exception {
        idle();
        onFx(() -> {
            window.stage.setWidth(1024);
            window.stage.setHeight(768);
        });
        idle();
        assertThat(window.split.getItems()).hasSize(2).last().isEqualTo(window.tabs);
        assertThat(robot.lookup("#stepStrip").query().isVisible()).isTrue();

        onFx(() -> window.showExplain.set(true)); // the user wants it anyway: the steps become one list
        idle();
        var list = robot.lookup("#stepList").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(list.isVisible()).isTrue();
        assertThat(robot.lookup("#stepStrip").query().isVisible()).isFalse();
        assertThat(list.getConverter().toString(list.getValue())).isEqualTo("1 / 15   Tokenize");
        onFx(() -> list.setValue("softmax"));
        onFx(() -> list.getOnAction().handle(null));
        assertThat(vm.selection.stepId.get()).isEqualTo("softmax");
        robot.clickOn("#nextStep");
        assertThat(list.getValue()).isEqualTo("weighted_sum");

        onFx(() -> window.stage.setWidth(MainWindow.WIDTH));
        idle();
        assertThat(window.split.getItems()).hasSize(3);
    }

    @Test
    void classroomModeSetsBothPanelsAsideAndLeavingItRestoresTheLayoutExactly(FxRobot robot) throws Exception {
        idle();
        onFx(() -> window.split.setDividerPositions(0.18, 0.7));
        double[] before = window.split.getDividerPositions();
        onFx(() -> window.display.classroom.set(true));
        assertThat(window.split.getItems()).containsExactly(window.tabs);

        robot.type(KeyCode.F9); // the arithmetic comes back on a key…
        assertThat(window.split.getItems()).hasSize(2).first().isEqualTo(window.tabs);
        robot.type(KeyCode.F9);
        assertThat(window.split.getItems()).containsExactly(window.tabs);
        onFx(() -> vm.selection.selectedCell.set(CellRef.of("h1.weights", 0, 0))); // …and when a cell is clicked
        assertThat(window.split.getItems()).hasSize(2);

        onFx(() -> window.display.classroom.set(false));
        assertThat(window.split.getItems()).hasSize(3);
        await(() -> java.util.Arrays.equals(window.split.getDividerPositions(), before));
        onFx(() -> window.split.layout());
        assertThat(window.split.getDividerPositions()).containsExactly(before);
    }

    @Test
    void inClassroomModeAStepFitsAProjectorScreenWithItsOutputVisible(FxRobot robot) throws Exception {
        idle();
        onFx(() -> {
            window.stage.setWidth(1920);
            window.stage.setHeight(1080);
            window.display.classroom.set(true);
            vm.selection.stepId.set("softmax");
        });
        idle();
        var scroll = robot.lookup("#stepScroll").queryAs(javafx.scene.control.ScrollPane.class);
        var written = robot.lookup(".matrix-panel-changed").query();
        var inViewport = scroll.getContent().sceneToLocal(written.localToScene(written.getBoundsInLocal()));
        double viewportBottom = -scroll.getViewportBounds().getMinY() + scroll.getViewportBounds().getHeight();
        assertThat(inViewport.getMaxY()).isLessThanOrEqualTo(viewportBottom);
        // The 10×10 weights shrank to fit, but not below a cell whose digits the back row can read.
        MatrixView weights = robot.lookup("#matrix-h1-weights").queryAs(MatrixView.class);
        assertThat(weights.spec().cell()).isBetween(30 * 1.5, 40 * 1.5 - 1);
        // The formula sits beside the title: the line it saves is a row of cells.
        assertThat(robot.lookup("#stepFormula").query().getParent()).isSameAs(robot.lookup("#stepTitle").query().getParent());
        // Narrower, with nothing recomputed, it goes under the title; wider again, back beside it.
        onFx(() -> window.stage.setWidth(1024));
        idle();
        assertThat(robot.lookup("#stepFormula").query().getParent()).isNotSameAs(robot.lookup("#stepTitle").query().getParent());
        onFx(() -> window.stage.setWidth(1920));
        idle();
        assertThat(robot.lookup("#stepFormula").query().getParent()).isSameAs(robot.lookup("#stepTitle").query().getParent());
    }

    static dev.attentionlab.render.Surface surface() {
        return new dev.attentionlab.render.Java2DSurface(
                new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB).createGraphics(), 1);
    }

    /** Scrolls the enclosing scroll pane so {@code node} is on screen, as a user would. */
    static void scrollIntoView(javafx.scene.Node node) {
        javafx.scene.Node p = node.getParent();
        while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) p = p.getParent();
        var sp = (javafx.scene.control.ScrollPane) p;
        var content = sp.getContent();
        var b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double range = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
        sp.setVvalue(range <= 0 ? 0 : Math.min(1, b.getMinY() / range));
        sp.layout();
    }

    @Test
    void theTrainTabTrainsWhileTheWindowStaysLiveAndEveryViewFollowsTheModel(FxRobot robot) throws Exception {
        idle();
        onFx(() -> vm.form.text.set("Anna and the nurse went"));
        robot.clickOn("#tabTrain");
        onFx(() -> {
            window.train.size.set(dev.attentionlab.engine.model.LmSize.TINY);
            window.train.steps.set(150);
        });
        robot.clickOn("#trainStart");
        // The window answers while training runs: the UI thread is free to switch tabs and back.
        robot.clickOn("#tabHeads");
        robot.clickOn("#tabTrain");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.train.state.get() == TrainViewModel.State.FINISHED);
        idle();
        var chart = robot.lookup("#lossChart").queryAs(javafx.scene.chart.LineChart.class);
        assertThat(chart.getData()).hasSize(3);
        assertThat(((javafx.scene.chart.XYChart.Series<?, ?>) chart.getData().get(1)).getData()).hasSize(4);
        var shown = (javafx.scene.chart.XYChart.Series<?, ?>) chart.getData().get(2);
        assertThat(shown.getName()).isEqualTo("shown snapshot");
        assertThat(shown.getData()).extracting(d -> ((Number) d.getXValue()).intValue()).containsExactly(150, 150);
        assertThat(robot.lookup("#trainStatus").queryAs(Label.class).getText())
                .startsWith("trained 150 steps").contains("steps/s").contains("validation loss");
        assertThat(vm.trace().settings().model().trained().step()).isEqualTo(150);
        Slider slider = robot.lookup("#snapshotSlider").queryAs(Slider.class);
        assertThat(slider.getMax()).isEqualTo(3);
        var heads = robot.lookup("#trainHeads").queryAs(FlowPane.class);
        assertThat(heads.getChildren()).hasSize(2);
        MatrixView head1 = robot.from(heads).lookup("#matrix-h1-weights").queryAs(MatrixView.class);
        assertThat(head1.spec().values()).isEqualTo(vm.trace().head(0).weights());
        assertThat(robot.lookup("#headPattern1").queryAs(Label.class).getText())
                .isEqualTo(dev.attentionlab.engine.trace.HeadPattern.of(vm.trace().head(0).weights(), vm.trace().tokens()).describe());

        onFx(() -> slider.setValue(0));
        await(() -> vm.trace().settings().model().trained().step() == 0);
        assertThat(robot.lookup("#snapshotLabel").queryAs(Label.class).getText()).isEqualTo("step 0");
        assertThat(shown.getData()).extracting(d -> ((Number) d.getXValue()).intValue()).containsExactly(0, 0);
        assertThat(window.train.followLatest.get()).isFalse();
        await(() -> head1.spec().values().equals(vm.trace().head(0).weights()));

        // Below the fold of the 1280×800 window: fired rather than clicked.
        onFx(() -> robot.lookup("#trainGenerate").queryButton().fire());
        await(() -> !window.train.generated.get().isEmpty());
        assertThat(robot.lookup("#generatedText").queryAs(javafx.scene.control.TextArea.class).getText())
                .startsWith("Anna and the nurse went").hasSize(23 + TrainView.GENERATE);

        onFx(() -> robot.lookup("#useSeeded").queryButton().fire());
        await(() -> vm.trace().settings().model().trained() == null);
        assertThat(vm.form.text.get()).isEqualTo("Anna and the nurse went");
    }

    static HeatmapSpec heatmap(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(MatrixView.class).spec();
    }
}

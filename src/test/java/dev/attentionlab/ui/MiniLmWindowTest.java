package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.render.HeatmapSpec;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The pretrained preset in the real window: chosen from the settings, read off the UI thread, shown everywhere. */
class MiniLmWindowTest extends RealWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Override
    long patienceSeconds() {
        return 60;
    }

    void miniLm(FxRobot robot) throws Exception {
        await(() -> !vm.computingProperty().get() && vm.trace() != null);
        robot.clickOn("#preset").clickOn(Preset.MINILM.label());
        await(() -> vm.trace() != null && vm.trace().settings().model().pretrained() != null && !vm.computingProperty().get());
    }

    @Test
    void choosingThePresetShowsWordPiecesAndFixesTheShapes(FxRobot robot) throws Exception {
        miniLm(robot);
        FlowPane chips = robot.lookup("#tokenChips").queryAs(FlowPane.class);
        assertThat(vm.trace().tokens()).extracting(Token::text).startsWith("[CLS]", "the", "animal").endsWith("[SEP]");
        assertThat(chips.getChildren()).hasSize(vm.trace().tokens().size());
        assertThat(robot.lookup("#dModel").queryAs(Spinner.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#fixedByModel").queryAs(Label.class).getText()).contains("all-MiniLM-L6-v2's own");
        assertThat(robot.lookup("#statusShapes").queryAs(Label.class).getText()).contains("vocabulary 30,522 · 6 blocks · d_model 384 · 12 heads");
    }

    @Test
    void theModelViewHasEveryLayerAndHeadAndAClickEnlargesThatBlocksHead(FxRobot robot) throws Exception {
        miniLm(robot);
        robot.clickOn("#tabHeads");
        onFx(() -> window.heads.showWholeModel(true));
        await(() -> robot.lookup("#model-b6-h12").tryQuery().isPresent());
        assertThat(robot.lookup(n -> n.getId() != null && n.getId().matches("model-b\\d-h\\d+")).queryAll()).hasSize(72);
        robot.clickOn("#model-b4-h2");
        await(() -> vm.trace().shownBlock() == 3 && !vm.computingProperty().get());
        await(() -> robot.lookup("#matrix-b4-h2-weights").tryQuery().isPresent());
        HeatmapSpec spec = ((MatrixView) robot.lookup("#matrix-b4-h2-weights").query()).spec();
        int it = indexOf("it");
        int animal = indexOf("animal");
        // In block 4, head 2, "it" gives "animal" two thirds of its weight (PyTorch: 0.6768).
        assertThat(spec.values().get(it, animal)).isBetween(0.67f, 0.68f);
    }

    @Test
    void samplingOffersTheSimilarityOfTwoSentences(FxRobot robot) throws Exception {
        miniLm(robot);
        robot.clickOn("#tabSampling");
        await(() -> robot.lookup("#similarityPane").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#compareText").write("The dog was too exhausted to walk across the road.");
        robot.clickOn("#compareButton");
        await(() -> vm.trace().pooling() != null && vm.trace().pooling().other() != null && !vm.computingProperty().get());
        float cosine = vm.trace().pooling().other().cosine();
        assertThat(cosine).isBetween(0.5f, 1f);
        await(() -> robot.lookup("#similarityValue").queryAs(Label.class).getText().startsWith("cos(u, v) = "));
        assertThat(robot.lookup("#similarityValue").queryAs(Label.class).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "cos(u, v) = %.4f", cosine));
        assertThat(robot.lookup("#sentenceEmbedding").tryQuery()).isPresent();
    }

    @Test
    void aSentenceOf512PiecesIsTracedInTheWindowAndOneMoreIsRefusedWithItsCount(FxRobot robot) throws Exception {
        miniLm(robot);
        String words = String.join(" ", java.util.Collections.nCopies(510, "word"));
        onFx(() -> vm.form.text.set(words));
        await(() -> vm.trace().tokens().size() == 512 && !vm.computingProperty().get());
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.trace().blockAttention(5).heads().get(11).weights().rows()).isEqualTo(512);
        onFx(() -> vm.form.text.set(words + " word"));
        await(() -> !vm.errorProperty().get().isEmpty());
        assertThat(vm.errorProperty().get()).contains("513 WordPiece tokens").contains("reads at most 512");
        assertThat(vm.trace().tokens()).hasSize(512);
    }

    int indexOf(String token) {
        var tokens = vm.trace().tokens();
        for (int i = 0; i < tokens.size(); i++) if (tokens.get(i).text().equals(token)) return i;
        throw new AssertionError(token + " is not a token");
    }

}

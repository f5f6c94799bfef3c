package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A GPT-2 checkpoint opened in the real window: its pieces as chips, its causal blocks, its next-token bars. */
@ExtendWith(ApplicationExtension.class)
class Gpt2WindowTest {
    static final Path TINY = Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2");
    MainWindow window;
    SessionViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new SessionViewModel(Scheduling.javafx());
        window = new MainWindow(vm, new DisplaySettings(), stage);
        stage.setWidth(MainWindow.WIDTH);
        stage.setHeight(MainWindow.HEIGHT);
        window.show();
    }

    void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> condition.getAsBoolean());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCheckpointFolderRunsTheSentenceOnScreenWithItsOwnPieces(FxRobot robot) throws Exception {
        await(() -> vm.trace() != null && !vm.computingProperty().get());
        WaitForAsyncUtils.asyncFx(() -> {
            vm.text.set("The animal didn't cross");
            window.files.openCheckpoint(TINY);
        });
        await(() -> vm.trace().settings().pretrained() != null && !vm.computingProperty().get());
        var t = vm.trace();
        assertThat(t.settings().tokenizer()).isEqualTo(TokenizerKind.BYTE_BPE);
        assertThat(t.settings().mask()).isEqualTo(MaskKind.CAUSAL);
        assertThat(t.blocks()).isEqualTo(2);
        assertThat(t.predictsTokens()).isTrue();
        FlowPane chips = robot.lookup("#tokenChips").queryAs(FlowPane.class);
        assertThat(chips.getChildren()).hasSize(5);
        Label second = (Label) ((VBox) chips.getChildren().get(1)).getChildren().get(0);
        assertThat(second.getText()).isEqualTo("␣animal");
        assertThat(robot.lookup(".check-box").queryAllAs(CheckBox.class)).anySatisfy(c -> {
            assertThat(c.getText()).contains("reads one text");
            assertThat(c.isDisabled()).isTrue();
        });
        robot.clickOn("#tabSampling");
        await(() -> robot.lookup("#topTokens").tryQuery().isPresent());
        assertThat(t.sampling().logits().cols()).isEqualTo(50_257);
        WaitForAsyncUtils.asyncFx(vm::appendSample);
        await(() -> vm.trace().tokens().size() > 5 && !vm.computingProperty().get());
        assertThat(vm.text.get()).startsWith("The animal didn't cross");
    }
}

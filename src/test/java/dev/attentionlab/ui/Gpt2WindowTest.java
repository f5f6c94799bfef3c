package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A GPT-2 checkpoint opened in the real window: its pieces as chips, its causal blocks, its next-token bars. */
class Gpt2WindowTest extends RealWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    static final Path TINY = Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2");

    @Override
    long patienceSeconds() {
        return 30;
    }

    @Test
    void aCheckpointFolderRunsTheSentenceOnScreenWithItsOwnPieces(FxRobot robot) throws Exception {
        await(() -> vm.trace() != null && !vm.computingProperty().get());
        WaitForAsyncUtils.asyncFx(() -> {
            vm.form.text.set("The animal didn't cross");
            window.files.openCheckpoint(TINY);
        });
        await(() -> vm.trace().settings().model().pretrained() != null && !vm.computingProperty().get());
        var t = vm.trace();
        assertThat(t.settings().input().tokenizer()).isEqualTo(TokenizerKind.BYTE_BPE);
        assertThat(t.settings().attention().mask()).isEqualTo(MaskKind.CAUSAL);
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
        WaitForAsyncUtils.asyncFx(vm.sampling::appendSample);
        await(() -> vm.trace().tokens().size() > 5 && !vm.computingProperty().get());
        assertThat(vm.form.text.get()).startsWith("The animal didn't cross");
    }

    /** Copies the tiny checkpoint into {@code to}. */
    static Path copyTiny(Path to) throws Exception {
        java.nio.file.Files.createDirectories(to);
        for (String f : new String[] {"config.json", "model.safetensors", "vocab.json", "merges.txt"}) {
            java.nio.file.Files.copy(TINY.resolve(f), to.resolve(f));
        }
        return to;
    }

    @Test
    void aLessonFindsItsMovedCheckpointWhenTheUserLocatesIt(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        System.setProperty("attentionlab.quietDialogs", "true");
        await(() -> vm.trace() != null && !vm.computingProperty().get());
        Path original = copyTiny(dir.resolve("gpt2-here"));
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.files.openCheckpoint(original)).get().get(30, TimeUnit.SECONDS)).isTrue();
        await(() -> vm.trace().settings().model().pretrained() != null && !vm.computingProperty().get());
        Path lesson = dir.resolve("gpt2-lesson.json");
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.files.saveTo(lesson)).get(10, TimeUnit.SECONDS)).isTrue();
        String saved = java.nio.file.Files.readString(lesson);
        assertThat(saved).contains("\"pretrained_sha256\" : \"" + vm.trace().settings().model().pretrained().sha256() + "\"");
        assertThat(java.nio.file.Files.size(lesson)).isLessThan(20_000);
        // The folder moves; opening the lesson asks where it went, and the answer opens it.
        Path moved = dir.resolve("gpt2-moved");
        java.nio.file.Files.move(original, moved);
        java.util.List<String> asked = new java.util.ArrayList<>();
        window.files.locator = missing -> {
            asked.add(missing.getMessage());
            return moved;
        };
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.files.open(lesson)).get().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(asked).singleElement().asString().contains("that this lesson uses is missing");
        await(() -> !vm.computingProperty().get());
        assertThat(vm.trace().settings().model().pretrained().key()).isEqualTo(moved.toAbsolutePath().normalize().toString());
        // A different file where the lesson's was: refused as changed, and giving up leaves the session as it was.
        Path other = copyTiny(dir.resolve("gpt2-other"));
        java.nio.file.Files.write(other.resolve("config.json"), "{\"n_head\": 2, \"layer_norm_epsilon\": 1e-5}".getBytes());
        byte[] weights = java.nio.file.Files.readAllBytes(other.resolve("model.safetensors"));
        weights[weights.length - 1] ^= 1;
        java.nio.file.Files.write(other.resolve("model.safetensors"), weights);
        String changed = saved.replace(original.toAbsolutePath().normalize().toString(), other.toAbsolutePath().normalize().toString());
        Path lesson2 = dir.resolve("gpt2-lesson-2.json");
        java.nio.file.Files.writeString(lesson2, changed);
        asked.clear();
        window.files.locator = missing -> {
            asked.add(missing.getMessage());
            return null;
        };
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.files.open(lesson2)).get().get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(asked).singleElement().asString().contains("is not the one this lesson was saved with");
    }
}

package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Preset;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Ctrl+Z and Ctrl+Shift+Z on the real window, and focus that stays where the user clicked. */
class UndoWindowTest extends RealWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void ctrlZTakesBackAMaskEditThenTheTypingEvenFromInsideTheSentenceField(FxRobot robot) throws Exception {
        idle();
        String start = vm.form.text.get();
        robot.clickOn("#sentence").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("a dog barks");
        idle();
        onFx(() -> vm.toggleMaskCell(0, 1));
        idle();
        assertThat(DownloadWindowTest.item(robot, "Edit", "Undo mask edit").isDisable()).isFalse();

        robot.clickOn("#sentence").press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        idle();
        assertThat(vm.form.mask.get()).isEqualTo(MaskKind.NONE);
        assertThat(vm.form.text.get()).isEqualTo("a dog barks"); // the field's own undo did not run as well

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        idle();
        assertThat(vm.form.text.get()).isEqualTo(start);
        assertThat(robot.lookup("#sentence").queryAs(TextField.class).getText()).isEqualTo(start);
        assertThat(vm.trace().settings().input().text()).isEqualTo(start);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        idle();
        assertThat(vm.form.text.get()).isEqualTo("a dog barks");
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        idle();
        assertThat(vm.form.mask.get()).isEqualTo(MaskKind.CUSTOM);
        assertThat(DownloadWindowTest.item(robot, "Edit", "Redo").isDisable()).isTrue();
    }

    @Test
    void clickingAHeadToEnlargeItLeavesTheSentenceAlone(FxRobot robot) throws Exception {
        onFx(() -> vm.applyPreset(Preset.SMALL_MULTI_HEAD));
        idle();
        String sentence = vm.form.text.get();
        robot.clickOn("#sentence");
        robot.clickOn("#tabHeads");
        idle();
        robot.clickOn(robot.lookup("#headsGrid .matrix-view").queryAs(javafx.scene.Node.class));
        idle();
        assertThat(robot.lookup("#allHeads").query().isVisible()).isTrue(); // enlarged

        robot.type(KeyCode.X).type(KeyCode.BACK_SPACE);
        idle();

        assertThat(vm.form.text.get()).isEqualTo(sentence);
        assertThat(robot.lookup("#sentence").queryAs(TextField.class).isFocused()).isFalse();

        // The same from the whole model's thumbnails, once the thumbnail grid had the focus.
        onFx(() -> window.files.openCheckpoint(java.nio.file.Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2")));
        await(() -> vm.trace().settings().model().pretrained() != null && !vm.computingProperty().get());
        String gpt2Sentence = vm.form.text.get();
        robot.clickOn("#headsWholeModel");
        idle();
        robot.clickOn(robot.lookup(".head-card").queryAs(javafx.scene.Node.class));
        idle();
        robot.type(KeyCode.X);
        idle();
        assertThat(vm.form.text.get()).isEqualTo(gpt2Sentence);
    }
}

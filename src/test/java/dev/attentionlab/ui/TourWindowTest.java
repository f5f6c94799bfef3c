package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The first-run welcome and the guided tour, on the real window. */
class TourWindowTest extends RealWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void theWelcomeOpensInsideTheWindowItBelongsTo(FxRobot robot) throws Exception {
        idle();
        var welcome = new java.util.concurrent.atomic.AtomicReference<javafx.scene.control.Alert>();
        onFx(() -> welcome.set(window.welcome()));
        idle();
        var dialog = welcome.get().getDialogPane().getScene().getWindow();
        // It was first laid out with its text unwrapped (1,500 px wide), centred on that, and stayed half off-screen.
        assertThat(dialog.getWidth()).isLessThan(700);
        assertThat(dialog.getX()).isGreaterThanOrEqualTo(window.stage.getX());
        assertThat(dialog.getX() + dialog.getWidth()).isLessThanOrEqualTo(window.stage.getX() + window.stage.getWidth());
        onFx(() -> welcome.get().close());
    }

    @Test
    void theTourWalksEveryStepWithWhatToNoticeAndCanBeLeftAtAnyStep(FxRobot robot) throws Exception {
        idle();
        String mine = vm.form.text.get();
        onFx(() -> {
            var welcome = window.welcome();
            ((javafx.scene.control.Button) welcome.getDialogPane().lookupButton(welcome.getButtonTypes().get(0))).fire();
        });
        idle();
        await(() -> vm.form.preset.get() == TourViewModel.PRESET && vm.trace().settings().model().preset() == TourViewModel.PRESET);
        Label heading = robot.lookup("#tourHeading").queryAs(Label.class);
        Label notice = robot.lookup("#tourNotice").queryAs(Label.class);
        assertThat(robot.lookup("#tourBar").query().isVisible()).isTrue();
        int steps = vm.trace().steps().size();
        assertThat(heading.getText()).isEqualTo("Tour · step 1 of " + steps + ": Tokenize");
        assertThat(notice.getText()).startsWith("Each word becomes a token with an id.");
        assertThat(vm.selection.stepId.get()).isEqualTo("tokenize");
        assertThat(robot.lookup("#tourBack").query().isDisabled()).isTrue();

        for (int i = 1; i < 7; i++) robot.clickOn("#tourNext");
        assertThat(vm.selection.stepId.get()).isEqualTo("mask");
        assertThat(heading.getText()).isEqualTo("Tour · step 7 of " + steps + ": Mask");
        assertThat(notice.getText()).contains("causal mask");
        assertThat(window.tabs.getSelectionModel().getSelectedItem()).isEqualTo(window.pipelineTab);
        robot.clickOn("#tourBack");
        assertThat(vm.selection.stepId.get()).isEqualTo("scale");

        // Every step has words of its own, and the last button finishes the tour.
        while (robot.lookup("#tourBar").query().isVisible()) {
            assertThat(notice.getText()).isNotBlank();
            robot.clickOn("#tourNext");
        }
        assertThat(vm.selection.stepId.get()).isEqualTo("sample");

        // The tour's model replaced the user's; Ctrl+Z gives the sentence back.
        onFx(vm::undo);
        idle();
        assertThat(vm.form.text.get()).isEqualTo(mine);
        assertThat(vm.form.preset.get()).isEqualTo(Preset.NOTEBOOK);
    }

    @Test
    void endTourLeavesTheStepWhereItIs(FxRobot robot) throws Exception {
        idle();
        onFx(window.tour::start);
        idle();
        robot.clickOn("#tourNext").clickOn("#tourNext");
        robot.clickOn("#tourEnd");
        assertThat(robot.lookup("#tourBar").query().isVisible()).isFalse();
        assertThat(vm.selection.stepId.get()).isEqualTo("position");
    }

    @Test
    void theWelcomeComesOnceAUser(@TempDir Path data) {
        assertThat(dev.attentionlab.io.FirstRun.claim(data)).isTrue();
        assertThat(dev.attentionlab.io.FirstRun.claim(data)).isFalse();
    }
}

package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.io.CheckpointDownload;
import dev.attentionlab.io.HubStub;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Model → Get GPT-2…, on the real window, against a stand-in Hub on 127.0.0.1. */
class DownloadWindowTest extends RealWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @TempDir
    Path data;

    @Override
    long patienceSeconds() {
        return 30;
    }

    @AfterEach
    void forget() {
        System.clearProperty("attentionlab.dataDir");
        System.clearProperty("attentionlab.hfEndpoint");
    }

    static MenuItem item(FxRobot robot, String menu, String text) {
        for (Menu m : robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus()) {
            if (!m.getText().equals(menu)) continue;
            for (MenuItem i : m.getItems()) if (text.equals(i.getText())) return i;
        }
        throw new AssertionError("no " + menu + " → " + text);
    }

    @Test
    void downloadsWithProgressCancelsResumesAndOpensTheModel(FxRobot robot) throws Exception {
        try (HubStub hub = new HubStub().serve("openai-community/gpt2", DownloadViewModelTest.TINY)) {
            System.setProperty("attentionlab.dataDir", data.toString());
            System.setProperty("attentionlab.hfEndpoint", hub.endpoint());
            idle();
            hub.pauseMillis = 40; // 1.6 MB in 64 KiB steps: about a second, time to press Cancel
            onFx(() -> item(robot, "Model", "Get GPT-2 (download)…").fire());
            DownloadDialog d = window.files.download;
            assertThat(d.stage.isShowing()).isTrue();
            assertThat(d.start.getText()).isEqualTo("Download");
            assertThat(d.status.getText()).startsWith("Not downloaded yet; it will go to " + data.resolve("models/gpt2"));

            onFx(d.start::fire);
            await(() -> d.status.getText().contains("model.safetensors") && d.bar.getProgress() > 0.1);
            assertThat(d.cancel.isVisible()).isTrue();
            assertThat(d.start.isDisabled()).isTrue();
            assertThat(d.status.getText()).startsWith("File 4 of 4, model.safetensors: ");
            onFx(d.cancel::fire);
            await(() -> !d.vm.runningProperty().get());
            assertThat(d.start.getText()).isEqualTo("Resume download");
            assertThat(d.problem.isVisible()).isFalse();
            Path part = data.resolve("models/gpt2/model.safetensors.part");
            long kept = Files.size(part);
            assertThat(kept).isPositive();
            assertThat(vm.trace().settings().model().pretrained()).isNull();

            hub.pauseMillis = 0;
            onFx(d.start::fire);
            await(() -> vm.trace().settings().model().pretrained() != null && !vm.computingProperty().get());

            assertThat(hub.requests).contains("/openai-community/gpt2/resolve/main/model.safetensors bytes=" + kept + "-");
            assertThat(CheckpointDownload.isComplete(data.resolve("models/gpt2"))).isTrue();
            assertThat(vm.trace().blocks()).isEqualTo(2);
            assertThat(vm.trace().settings().model().pretrained().key()).isEqualTo(data.resolve("models/gpt2").toString());
            await(() -> !d.stage.isShowing());
        }
    }

    @Test
    void aCorruptDownloadIsExplainedInTheWindowAndNothingOpens(FxRobot robot) throws Exception {
        try (HubStub hub = new HubStub().serve("openai-community/gpt2", DownloadViewModelTest.TINY)) {
            System.setProperty("attentionlab.dataDir", data.toString());
            System.setProperty("attentionlab.hfEndpoint", hub.endpoint());
            hub.publishedSha = "f".repeat(64);
            idle();
            onFx(() -> window.files.getGpt2());
            DownloadDialog d = window.files.download;
            onFx(d.start::fire);
            await(() -> d.problem.isVisible());
            assertThat(d.problem.getText()).startsWith("The download stopped: the downloaded model.safetensors has SHA-256 ")
                    .contains("not the published " + "f".repeat(64));
            assertThat(d.start.getText()).isEqualTo("Resume download"); // the three small files stay
            assertThat(vm.trace().settings().model().pretrained()).isNull();
        }
    }
}

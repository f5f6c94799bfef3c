package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.io.CheckpointDownload;
import dev.attentionlab.io.HubStub;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Get GPT-2's state, without a window: everything runs in the caller. */
class DownloadViewModelTest {
    static final Path TINY = Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2");

    @TempDir
    Path data;
    final List<Path> opened = new ArrayList<>();

    DownloadViewModel model(String endpoint) {
        return new DownloadViewModel(data, new CheckpointDownload(endpoint), Runnable::run, Runnable::run, opened::add);
    }

    @Test
    void downloadsThenOpensAndAfterwardsOpensWithoutAsking() throws Exception {
        try (HubStub hub = new HubStub().serve("openai-community/gpt2", TINY)) {
            DownloadViewModel vm = model(hub.endpoint());
            assertThat(vm.statusProperty().get()).isEqualTo("Not downloaded yet; it will go to " + data.resolve("models/gpt2") + ".");
            assertThat(vm.completeProperty().get()).isFalse();

            vm.start();

            assertThat(opened).containsExactly(data.resolve("models/gpt2"));
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.completeProperty().get()).isTrue();
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);
            assertThat(vm.statusProperty().get()).isEqualTo("Downloaded: " + data.resolve("models/gpt2") + ". Open uses it.");
            assertThat(vm.problemProperty().get()).isEmpty();
            int asked = hub.requests.size();

            vm.start();

            assertThat(opened).hasSize(2);
            assertThat(hub.requests).hasSize(asked);
        }
    }

    @Test
    void offlineIsSaidAndNothingOpens() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DownloadViewModel vm = model("http://127.0.0.1:" + closed);

        vm.start();

        assertThat(opened).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("The download stopped: cannot reach 127.0.0.1: this computer seems to be "
                + "offline. What was downloaded so far is kept, and Download resumes it once you are online.");
    }

    @Test
    void aPartAlreadyHereIsCountedAndTheOtherModelHasItsOwnFolder() throws Exception {
        Path gpt2 = data.resolve("models/gpt2");
        Files.createDirectories(gpt2);
        Files.write(gpt2.resolve("model.safetensors.part"), new byte[2_500_000]);
        DownloadViewModel vm = model("http://127.0.0.1:9");

        assertThat(vm.partialProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("2.5 MB of about 548 MB already here; Download resumes.");

        vm.source.set(CheckpointDownload.DISTILGPT2);

        assertThat(vm.folder()).isEqualTo(data.resolve("models/distilgpt2"));
        assertThat(vm.partialProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Not downloaded yet");
    }
}

package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint download against a stand-in Hub on 127.0.0.1, serving the tiny GPT-2 of the fixtures. */
class CheckpointDownloadTest {
    static final Path TINY = Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2");
    static final String WEIGHTS = "/openai-community/gpt2/resolve/main/model.safetensors";

    @TempDir
    Path data;
    HubStub hub;
    Path folder;
    final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        hub = new HubStub().serve("openai-community/gpt2", TINY);
        folder = CheckpointDownload.folderFor(data, CheckpointDownload.GPT2);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    Path fetch() {
        return download().fetch(CheckpointDownload.GPT2, folder,
                (file, index, done, total) -> progress.add(file + " " + index + " " + done + "/" + total), () -> false);
    }

    /** A stub that drops a connection may leave it open and silent instead: a second of silence counts as dropped. */
    CheckpointDownload download() {
        return new CheckpointDownload(hub.endpoint(), java.time.Duration.ofSeconds(1));
    }

    @Test
    void fetchesTheFourFilesByteForByteAndTheyOpenAsTheModel() throws Exception {
        assertThat(folder).isEqualTo(data.resolve("models/gpt2"));
        assertThat(CheckpointDownload.isComplete(folder)).isFalse();

        fetch();

        for (String f : CheckpointDownload.FILES) assertThat(Files.mismatch(folder.resolve(f), TINY.resolve(f))).as(f).isEqualTo(-1);
        assertThat(CheckpointDownload.isComplete(folder)).isTrue();
        try (var parts = Files.list(folder)) {
            assertThat(parts.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(CheckpointDownload.FILES);
        }
        long size = Files.size(TINY.resolve("model.safetensors"));
        assertThat(progress).contains("config.json 0 247/247", "model.safetensors 3 0/" + size, "model.safetensors 3 " + size + "/" + size);
        assertThat(Gpt2Checkpoint.read(folder).sha256()).isEqualTo(Gpt2Checkpoint.read(TINY).sha256());
        assertThat(CheckpointDownload.bytesPresent(folder)).isEqualTo(247 + 1042301 + 456318 + size);
    }

    @Test
    void aDroppedConnectionKeepsThePartAndTheNextAttemptAsksOnlyForTheRest() throws Exception {
        hub.dropAfter = 300_000;
        assertThatThrownBy(this::fetch).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the download of model.safetensors").hasMessageContaining("Download resumes it");
        Path part = folder.resolve("model.safetensors.part");
        assertThat(Files.size(part)).isEqualTo(300_000);
        assertThat(CheckpointDownload.isComplete(folder)).isFalse();
        hub.requests.clear();

        fetch();

        // Only the weights are asked for again, from byte 300000 on; the three small files stay.
        assertThat(hub.requests).containsExactly(WEIGHTS + " bytes=300000-",
                "/store/openai-community/gpt2/model.safetensors bytes=300000-");
        assertThat(Files.mismatch(folder.resolve("model.safetensors"), TINY.resolve("model.safetensors"))).isEqualTo(-1);
        assertThat(part).doesNotExist();
    }

    @Test
    void aFileThatDoesNotMatchThePublishedSha256IsDeletedWithTheReason() throws Exception {
        hub.publishedSha = "0".repeat(64);
        assertThatThrownBy(this::fetch).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the downloaded model.safetensors has SHA-256 " + Gpt2Checkpoint.sha256(TINY.resolve("model.safetensors")))
                .hasMessageContaining("not the published " + "0".repeat(64));
        assertThat(folder.resolve("model.safetensors")).doesNotExist();
        assertThat(folder.resolve("model.safetensors.part")).doesNotExist();
    }

    @Test
    void aPartOfAnOlderPublishedFileIsThrownAwayNotSplicedOntoTheNewOne() throws Exception {
        hub.dropAfter = 100_000;
        hub.publishedSha = "1".repeat(64); // what the Hub published when the first attempt ran
        assertThatThrownBy(this::fetch).isInstanceOf(InvalidInputException.class);
        hub.publishedSha = null;
        hub.requests.clear();

        fetch();

        assertThat(hub.requests).first().isEqualTo(WEIGHTS + " bytes=100000-");
        assertThat(hub.requests).contains(WEIGHTS + " -");
        assertThat(Files.mismatch(folder.resolve("model.safetensors"), TINY.resolve("model.safetensors"))).isEqualTo(-1);
    }

    @Test
    void cancellingStopsMidwayKeepsThePartAndResumes() throws Exception {
        hub.pauseMillis = 20;
        AtomicBoolean cancel = new AtomicBoolean();
        var download = download();
        assertThatThrownBy(() -> download.fetch(CheckpointDownload.GPT2, folder, (file, index, done, total) -> {
            if (file.equals("model.safetensors") && done >= 200_000) cancel.set(true);
        }, cancel::get)).isInstanceOf(CheckpointDownload.Cancelled.class).hasMessageContaining("Download resumes it");
        long kept = Files.size(folder.resolve("model.safetensors.part"));
        assertThat(kept).isBetween(200_000L, Files.size(TINY.resolve("model.safetensors")) - 1);
        hub.pauseMillis = 0;

        fetch();

        assertThat(hub.requests).contains(WEIGHTS + " bytes=" + kept + "-");
        assertThat(Files.mismatch(folder.resolve("model.safetensors"), TINY.resolve("model.safetensors"))).isEqualTo(-1);
    }

    @Test
    void aWholePartLeftUnrenamedIsCheckedAndKeptWithoutAskingAgain() throws Exception {
        fetch();
        Path weights = folder.resolve("model.safetensors");
        Files.move(weights, folder.resolve("model.safetensors.part"));
        Files.writeString(folder.resolve("model.safetensors.part.published"),
                Gpt2Checkpoint.sha256(TINY.resolve("model.safetensors")) + " " + Files.size(TINY.resolve("model.safetensors")));
        hub.requests.clear();

        fetch();

        assertThat(hub.requests).isEmpty();
        assertThat(Files.mismatch(weights, TINY.resolve("model.safetensors"))).isEqualTo(-1);
    }

    @Test
    void offlineSaysSoInOneSentence() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var download = new CheckpointDownload("http://127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> download.fetch(CheckpointDownload.GPT2, folder, (f, i, d, t) -> { }, () -> false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot reach 127.0.0.1: this computer seems to be offline. What was downloaded so far is kept, "
                        + "and Download resumes it once you are online");
    }

    @Test
    void aWrongRepositoryIsNamed() {
        var download = download();
        var nowhere = new CheckpointDownload.Source("x", "nobody/nothing", "x", "1 MB", "x");
        assertThatThrownBy(() -> download.fetch(nowhere, folder, (f, i, d, t) -> { }, () -> false))
                .hasMessage(hub.endpoint() + "/nobody/nothing/resolve/main/config.json was not found (HTTP 404): is the model's name right?");
    }
}

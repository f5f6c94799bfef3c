package dev.attentionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonPrintsOneObjectPerEvaluationFromStepZeroAndSavesAModel() {
        Path out = dir.resolve("m.safetensors");
        CliTest.Run r = CliTest.run("train", "--size", "tiny", "--steps", "60", "--seed", "3", "--json", "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        List<JsonNode> lines = r.out().lines().map(l -> Json.parse(l, "line")).toList();
        assertThat(lines).extracting(n -> n.get("step").asInt()).containsExactly(0, 50, 60);
        double ln73 = Math.log(73);
        assertThat(lines.get(0).get("val_loss").asDouble()).isBetween(ln73 - 0.05, ln73 + 0.05);
        assertThat(lines.get(2).get("train_loss").asDouble()).isLessThan(lines.get(0).get("train_loss").asDouble() - 1);
        TrainedModel m = ModelFile.read(out);
        assertThat(m.step()).isEqualTo(60);
        assertThat(m.config().dModel()).isEqualTo(32);
        assertThat(m.alphabet()).hasSize(73);
    }

    @Test
    void trainsOnTheUsersTextAndPrintsATable() throws IOException {
        Path corpus = dir.resolve("mine.txt");
        Files.writeString(corpus, "abba cadabra ".repeat(60));
        Path out = dir.resolve("mine.safetensors");
        CliTest.Run r = CliTest.run("train", "--corpus", corpus.toString(), "--size", "tiny", "--steps", "20",
                "--eval-every", "10", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("on " + corpus + ": 780 characters, 6 distinct")
                .contains("      20").contains("saved " + out);
        assertThat(ModelFile.read(out).alphabet()).containsExactly(" ", "a", "b", "c", "d", "r");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path tiny = dir.resolve("short.txt");
        Files.writeString(tiny, "too short");
        CliTest.Run r = CliTest.run("train", "--corpus", tiny.toString(), "--out", dir.resolve("x.safetensors").toString());
        assertThat(r.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(r.err()).isEqualTo("attentionlab: the training text has 9 characters; with a context of 48 it needs at least 490\n");
        assertThat(CliTest.run("train", "--steps", "-1", "--out", "x").err()).contains("steps must be 0…1000000");
        assertThat(CliTest.run("train", "--size", "huge", "--out", "x").err()).contains("tiny, small or medium");
        assertThat(CliTest.run("train").err()).contains("Missing required option: '--out");
        assertThat(Files.exists(dir.resolve("x.safetensors"))).isFalse();
    }
}

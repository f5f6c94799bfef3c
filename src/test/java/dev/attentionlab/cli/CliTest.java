package dev.attentionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.io.FixtureComparator;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TextFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
    static final Path FIXTURES = Path.of("..", "shared", "fixtures");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void tracePresetNotebookPrintsTheNotebooksNumbers() {
        Run r = run("trace", "--preset", "notebook");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode trace = Json.parse(r.out(), "trace");
        JsonNode pipeline = TextFiles.readJson(FIXTURES.resolve("pipeline_notebook_seed123.json")).get("expected");
        assertThat(trace.get("X").get(0).get(0).doubleValue()).isEqualTo(0.3373701870441437);
        assertThat(trace.get("X").get(1).get(2).doubleValue()).isEqualTo(-1.409722924232483);
        assertThat(trace.get("X")).isEqualTo(pipeline.get("token_embedding"));
        assertThat(trace.get("weights").get("W_q")).isEqualTo(pipeline.get("w_query"));
        assertThat(trace.get("weights").get("W_v")).isEqualTo(pipeline.get("w_value"));
        JsonNode head = trace.get("heads").get(0);
        assertThat(FixtureComparator.compare(pipeline.get("weights"), head.get("weights"), 1e-5, false)).isEmpty();
        assertThat(FixtureComparator.compare(pipeline.get("context"), head.get("context"), 1e-5, false)).isEmpty();
        assertThat(trace.get("tokens").get(1).get("text").asText()).isEqualTo("World");
        assertThat(trace.get("steps")).hasSize(15);
    }

    @Test
    void traceOfTheTrainedLessonListsEveryBlocksHeads() {
        String text = "Then Anna and the nurse went h";
        Run r = run("trace", "--lesson", "assets/lessons/05-a-trained-model.json", "--text", text, "--compact");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode trace = Json.parse(r.out(), "trace");
        JsonNode layers = trace.get("layers");
        assertThat(layers).hasSize(2);
        for (JsonNode layer : layers) {
            assertThat(layer.get("heads")).hasSize(4);
            for (JsonNode head : layer.get("heads")) {
                JsonNode w = head.get("weights");
                assertThat(w).hasSize(text.length());
                for (int i = 0; i < w.size(); i++) {
                    assertThat(w.get(i)).hasSize(text.length());
                    double sum = 0;
                    for (int j = 0; j < w.size(); j++) {
                        if (j > i) assertThat(w.get(i).get(j).doubleValue()).as("causal").isZero();
                        sum += w.get(i).get(j).doubleValue();
                    }
                    assertThat(sum).isCloseTo(1, within(1e-5));
                }
            }
        }
        // The views' block (the lesson's) is the same numbers as the top-level heads.
        int block = trace.get("settings").get("shown_block").asInt() - 1;
        for (int h = 0; h < 4; h++) {
            assertThat(layers.get(block).get("heads").get(h).get("weights")).isEqualTo(trace.get("heads").get(h).get("weights"));
        }
        assertThat(layers.get(0).get("heads").get(0).get("weights")).isNotEqualTo(layers.get(1).get("heads").get(0).get("weights"));
        // Every block's intermediates, and block 2 reads what block 1 handed on.
        for (JsonNode layer : layers) {
            for (String k : List.of("block_in", "X_in", "W_q", "output", "residual", "ln2", "W_1", "mlp_hidden", "mlp_act", "mlp_out", "residual2")) {
                assertThat(layer.has(k)).as("layer " + layer.get("layer") + " has " + k).isTrue();
            }
            assertThat(layer.get("mlp_hidden").get(0)).hasSize(layer.get("W_1").get(0).size());
            assertThat(layer.get("heads").get(0).get("Q")).hasSize(text.length());
        }
        assertThat(layers.get(1).get("block_in")).isEqualTo(layers.get(0).get("residual2"));
        assertThat(layers.get(block).get("X_in")).isEqualTo(trace.get("X_in"));
    }

    @Test
    void aSingleLayerTraceHasOneLayer() {
        JsonNode trace = Json.parse(run("trace", "--preset", "small-multi-head", "--compact").out(), "trace");
        assertThat(trace.get("layers")).hasSize(1);
        assertThat(trace.get("layers").get(0).get("heads").get(3).get("weights")).isEqualTo(trace.get("heads").get(3).get("weights"));
        assertThat(trace.get("layers").get(0).get("weights_avg")).isEqualTo(trace.get("weights_avg"));
    }

    @Test
    void replayPrintsOneMatchingLinePerFixture() throws IOException {
        List<String> args = new ArrayList<>(List.of("replay"));
        try (Stream<Path> files = Files.list(FIXTURES)) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> args.add(p.toString()));
        }
        Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(args.size() - 2);
        for (String line : lines) {
            JsonNode got = Json.parse(line, "replay");
            JsonNode fixture = TextFiles.readJson(FIXTURES.resolve(got.get("name").asText() + ".json"));
            boolean rng = fixture.get("kind").asText().equals("rng");
            assertThat(FixtureComparator.compare(fixture.get("expected"), got.get("actual"), fixture.get("tolerance").asDouble(), rng))
                    .as(got.get("name").asText()).isEmpty();
        }
    }

    @Test
    void traceTakesNotebookWeightsFromAFile(@TempDir Path dir) throws IOException {
        Path w = dir.resolve("w.json");
        Files.writeString(w, "{\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, 0], [0, 1]], \"W_v\": [[2, 0], [0, 2]],"
                + " \"x\": [[1, 0], [0, 1], [1, 1]]}");
        Run r = run("trace", "--weights", w.toString(), "--compact");
        assertThat(r.err()).isEmpty();
        JsonNode t = Json.parse(r.out(), "trace");
        JsonNode h = t.get("heads").get(0);
        assertThat(h.get("scores_raw").get(2).get(2).doubleValue()).isEqualTo(2.0);
        double w22 = h.get("weights").get(2).get(2).doubleValue();
        double e = Math.exp(2 / Math.sqrt(2));
        double e1 = Math.exp(1 / Math.sqrt(2));
        assertThat(w22).isCloseTo(e / (e + 2 * e1), within(1e-6));
        assertThat(t.get("settings").get("d_model").intValue()).isEqualTo(2);
    }

    @Test
    void bpeMergesCanComeFromTheBundledCorpusOrAFile(@TempDir Path dir) throws IOException {
        JsonNode bundled = Json.parse(run("trace", "--preset", "custom", "--tokenizer", "bpe", "--bpe-merges", "60",
                "--bpe-corpus", "bundled", "--text", "attention is learning", "--compact").out(), "trace");
        assertThat(bundled.get("tokens").get(2).get("text").asText()).isEqualTo("tion");
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "lowest lowest lowest");
        JsonNode file = Json.parse(run("trace", "--preset", "custom", "--tokenizer", "bpe", "--bpe-merges", "7",
                "--bpe-corpus", corpus.toString(), "--text", "lowest low", "--compact").out(), "trace");
        assertThat(file.get("tokens").get(0).get("text").asText()).isEqualTo("▁lowest");
        assertOneLineError(run("trace", "--tokenizer", "bpe", "--bpe-corpus", "/no/corpus.txt"), "/no/corpus.txt does not exist");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("trace", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of(List.of("trace", "--seed", "abc"), "'abc' is not a long"),
                Arguments.of(List.of("trace", "--heads", "x"), "'x' is not an int"),
                Arguments.of(List.of("trace", "--preset", "custom", "--heads", "8", "--d-model", "12"), "8 heads do not divide d_model 12"),
                Arguments.of(List.of("trace", "--preset", "custom", "--d-model", "4096"), "d_model = 4096 is over the limit of 1024"),
                Arguments.of(List.of("trace", "--text", "w ".repeat(600).trim()), "the text has 600 tokens; the limit is 512 tokens"),
                Arguments.of(List.of("trace", "--temperature", "-1"), "temperature must be a number ≥ 0"),
                Arguments.of(List.of("trace", "--mask", "diagonal"), "unknown mask 'diagonal'"),
                Arguments.of(List.of("trace", "--weights", "/no/such/file.json"), "/no/such/file.json does not exist"),
                Arguments.of(List.of("replay", "/no/such/fixture.json"), "/no/such/fixture.json does not exist"),
                Arguments.of(List.of("frobnicate"), "Unmatched argument"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputExitsWithTwoAndOneLine(List<String> args, String message) {
        assertOneLineError(run(args.toArray(String[]::new)), message);
    }

    static Stream<Arguments> badWeights() {
        return Stream.of(
                Arguments.of("{\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, 0], [0, 1]]", "is not valid JSON (line 1"),
                Arguments.of("{\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, 0, 3], [0, 1, 3]], \"W_v\": [[1], [1]]}",
                        "W_q is 2×2 but W_k is 2×3"),
                Arguments.of("{\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, \"NaN\"], [0, 1]], \"W_v\": [[1], [1]]}",
                        "W_k[0][1] is NaN: weights must be finite numbers"),
                Arguments.of("{\"W_q\": [[1, 0], [0]], \"W_k\": [[1, 0], [0, 1]], \"W_v\": [[1], [1]]}",
                        "W_q: row 1 has 1 values but row 0 has 2"),
                Arguments.of("{\"in_proj_weight\": [[1, 0], [0, 1]], \"out_proj.weight\": [[1, 0], [0, 1]]}",
                        "in_proj_weight must be [3·E × E], got 2×2"),
                Arguments.of("{\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, 0], [0, 1]], \"W_v\": [[1], [1]], \"x\": [[1, 2, 3]]}",
                        "x has 3 columns but the weights expect d_model = 2"),
                Arguments.of("{\"bias\": [1, 2]}", "no weights found"),
                Arguments.of("[1, 2]", "expected a JSON object of tensors"));
    }

    @ParameterizedTest
    @MethodSource("badWeights")
    void badWeightFilesExitWithTwoAndNameTheTensor(String content, String message, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("weights.json");
        Files.writeString(f, content);
        assertOneLineError(run("trace", "--weights", f.toString()), message);
    }

    @Test
    void replayOfAMalformedFixtureNamesTheField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"name\": \"bad\", \"kind\": \"attention_single_head\", \"inputs\": {\"X\": [[1]]}, \"expected\": {}}");
        assertOneLineError(run("replay", f.toString()), "bad.inputs: missing field 'W_q'");
    }

    @Test
    void replayOfAFolderReplaysTheGoodFixturesAndNamesTheBadOne(@TempDir Path dir) throws IOException {
        Files.copy(FIXTURES.resolve("rng_seed123_randn_5.json"), dir.resolve("a.json"));
        Files.writeString(dir.resolve("b.json"), "{\"name\": \"b\", \"kind\": \"rng\", \"inputs\": {\"seed\": 1, \"op\": \"randn\","
                + " \"shape\": [1000000000]}, \"expected\": {}}");
        Files.copy(FIXTURES.resolve("sampling_logits10_topk3.json"), dir.resolve("c.json"));
        Run r = run("replay", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().strip().split("\n")).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"name\""));
        assertThat(r.out()).contains("\"rng_seed123_randn_5\"").contains("\"sampling_logits10_topk3\"");
        assertThat(r.err().strip()).isEqualTo("attentionlab: " + dir.resolve("b.json")
                + ": b.inputs: shape [1000000000] is over the replay's limit of 524288 values");
    }

    static void assertOneLineError(Run r, String message) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message).startsWith("attentionlab: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().split("\n")).hasSize(1);
    }
}

package dev.attentionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Softmax;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.PretrainedModels;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GenerateCommandTest {
    static final String TINY = "src/test/resources/fixtures-gpt2/tiny-gpt2";

    @Test
    void greedyGenerationPicksTheFullPassesArgmaxAtEveryStep() {
        CliTest.Run r = CliTest.run("generate", "--model", TINY, "--text", "Hello world", "--tokens", "6", "--temperature", "0", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode o = Json.parse(r.out(), "generate");
        int[] prompt = ints(o.get("prompt_ids"));
        int[] ids = ints(o.get("ids"));
        assertThat(prompt).containsExactly(15496, 995);
        assertThat(ids).hasSize(6);
        // Each generated id is the argmax of a full forward pass over everything before it.
        var m = PretrainedModels.open(TINY);
        Transformer t = m.transformer();
        var cfg = Preset.CUSTOM.defaults().toBuilder().adoptPretrained(m).build().attentionConfig();
        int[] all = IntStream.concat(IntStream.of(prompt), IntStream.of(ids)).toArray();
        int[] vocabulary = IntStream.range(0, 50_257).toArray();
        Transformer.Pass full = t.forward(t.embedding().lookup(all).rows(), null, cfg, MaskMatrix.causal(all.length, all.length));
        for (int n = 0; n < ids.length; n++) {
            assertThat(ids[n]).as("token %d", n).isEqualTo(Softmax.argmax(t.logits(full, prompt.length - 1 + n, vocabulary)));
        }
        assertThat(o.get("text").asText()).isNotEmpty();
    }

    @Test
    void theSameSeedDrawsTheSameContinuationAndBadInputIsOneLine() {
        CliTest.Run a = CliTest.run("generate", "--model", TINY, "--text", "Once", "--tokens", "8", "--seed", "5", "--top-k", "40");
        CliTest.Run b = CliTest.run("generate", "--model", TINY, "--text", "Once", "--tokens", "8", "--seed", "5", "--top-k", "40");
        assertThat(a.code()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        CliTest.Run c = CliTest.run("generate", "--model", TINY, "--text", "Once", "--tokens", "8", "--seed", "6", "--top-k", "40");
        assertThat(c.out()).isNotEqualTo(a.out());
        CliTest.Run tooLong = CliTest.run("generate", "--model", TINY, "--text", "Once", "--tokens", "40");
        assertThat(tooLong.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(tooLong.err().strip()).isEqualTo("attentionlab: the text is 1 tokens; with 40 more it passes the model's 32 positions");
        CliTest.Run bert = CliTest.run("generate", "--model", "all-minilm-l6-v2", "--text", "Once");
        assertThat(bert.err()).contains("has no next-token head");
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}

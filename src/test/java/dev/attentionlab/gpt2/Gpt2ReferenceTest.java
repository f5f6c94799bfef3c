package dev.attentionlab.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.Gpt2Checkpoint;
import dev.attentionlab.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A tiny random GPT-2 in the Hugging Face layout, read as a checkpoint and run through the engine,
 * against tools/make_gpt2_fixtures.py's own PyTorch forward pass: token ids, every layer's and head's
 * attention weights and the next-token logits over all 50,257 pieces. The second variant has the
 * "transformer." prefix, an explicit (tied) lm_head.weight, F16 numbers and no vocabulary files.
 */
class Gpt2ReferenceTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures-gpt2");
    static final String[] PROMPTS = {"The animal didn't cross the street because it was too tired.", "Hello world, hello world, hello"};
    static final Map<String, Safetensors.Tensor> REFS = Safetensors.read(FIXTURES.resolve("references.safetensors"));

    @ParameterizedTest(name = "{0}, prompt {1}")
    @CsvSource({"tiny-gpt2, f32, 0", "tiny-gpt2, f32, 1", "tiny-gpt2-f16, f16, 0", "tiny-gpt2-f16, f16, 1"})
    void idsAttentionAndLogitsEqualPyTorch(String folder, String tag, int prompt) {
        PretrainedModel m = Gpt2Checkpoint.read(FIXTURES.resolve(folder));
        assertThat(m.layers()).isEqualTo(2);
        assertThat(m.heads()).isEqualTo(2);
        Trace t = TraceEngine.compute(Preset.CUSTOM.defaults().toBuilder().adoptPretrained(m).text(PROMPTS[prompt]).build());
        assertThat(t.settings().attention().mask()).isEqualTo(MaskKind.CAUSAL);
        String p = tag + ".p" + prompt + ".";
        float[] ids = REFS.get(p + "ids").values().row(0);
        assertThat(t.tokens()).extracting(Token::id).containsExactly(toInts(ids));
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 2; h++) {
                Matrix expected = REFS.get(p + "l" + l + ".h" + h + ".weights").values();
                Matrix actual = t.blockAttention(l).heads().get(h).weights();
                assertThat(actual.rows()).isEqualTo(ids.length);
                for (int i = 0; i < expected.rows(); i++) {
                    for (int j = 0; j < expected.cols(); j++) {
                        assertThat(actual.get(i, j)).as("layer %d head %d [%d][%d]", l, h, i, j).isCloseTo(expected.get(i, j), within(1e-5f));
                    }
                }
            }
        }
        float[] logits = REFS.get(p + "logits").values().row(0);
        float[] ours = t.sampling().logits().row(0);
        assertThat(ours).hasSize(50_257);
        for (int v = 0; v < logits.length; v++) assertThat(ours[v]).as("logit %d", v).isCloseTo(logits[v], within(1e-4f));
    }

    @Test
    void aLoneSafetensorsFileUsesTheBundledVocabularyAndItsConfigBeside() {
        PretrainedModel m = Gpt2Checkpoint.read(FIXTURES.resolve("tiny-gpt2-f16/model.safetensors"));
        assertThat(m.heads()).isEqualTo(2);
        assertThat(m.maxTokens()).isEqualTo(32);
        assertThat(m.tokenizer().vocabulary().size()).isEqualTo(50_257);
    }

    @Test
    void brokenCheckpointsAreRefusedByName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Gpt2Checkpoint.read(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("has no model.safetensors");
        Map<String, Matrix> missing = Map.of("wte.weight", Matrix.zeros(50_257, 8), "wpe.weight", Matrix.zeros(4, 8));
        Files.write(dir.resolve("model.safetensors"), Safetensors.write(missing, java.util.Set.of()));
        Files.writeString(dir.resolve("config.json"), "{\"n_head\": 2}");
        assertThatThrownBy(() -> Gpt2Checkpoint.read(dir)).hasMessageContaining("has no h.0.attn.c_attn.weight: not a GPT-2 checkpoint");
        Files.copy(FIXTURES.resolve("tiny-gpt2/model.safetensors"), dir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("config.json"), "{\"n_head\": 3}");
        assertThatThrownBy(() -> Gpt2Checkpoint.read(dir)).hasMessageContaining("3 heads do not divide the width 8");
    }

    static Integer[] toInts(float[] v) {
        Integer[] out = new Integer[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }
}

package dev.attentionlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.LmParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One training step of the language model against PyTorch (tools/make_training_fixture.py): the same
 * seeded initialisation, one batch, loss, gradients, clipping and Adam updates.
 */
class TrainingStepParityTest {
    static JsonNode fx;
    static LmConfig config;
    static int[][] inputs;
    static int[][] targets;

    @BeforeAll
    static void load() throws IOException {
        fx = new ObjectMapper().readTree(Path.of("src/test/resources/training/train_step.json").toFile());
        JsonNode c = fx.get("config");
        config = new LmConfig(c.get("vocab").asInt(), c.get("d_model").asInt(), c.get("heads").asInt(),
                c.get("layers").asInt(), c.get("context").asInt());
        JsonNode tokens = fx.get("tokens");
        inputs = new int[tokens.size()][];
        targets = new int[tokens.size()][];
        for (int b = 0; b < tokens.size(); b++) {
            int[] row = new int[tokens.get(b).size()];
            for (int i = 0; i < row.length; i++) row[i] = tokens.get(b).get(i).asInt();
            inputs[b] = Arrays.copyOfRange(row, 0, row.length - 1);
            targets[b] = Arrays.copyOfRange(row, 1, row.length);
        }
    }

    @Test
    void initialisationDrawsTheSameWeightsAsTorchBitForBit() {
        LmParameters p = LmParameters.init(config, fx.get("seed").asLong());
        assertThat(p.names()).containsExactlyElementsOf(strings(fx.get("names")));
        for (String name : p.names()) {
            assertThat(p.get(name)).as(name).containsExactly(floats(fx.get("initial").get(name)));
        }
    }

    @Test
    void lossAndEveryGradientMatchTorch() {
        LmParameters p = LmParameters.init(config, fx.get("seed").asLong());
        LanguageModel.Gradient g = LanguageModel.gradient(p.weights(), inputs, targets);
        assertThat(g.loss()).isCloseTo(fx.get("loss").asDouble(), within(1e-5));
        for (String name : p.names()) {
            assertClose(name, g.grads().get(name), floats(fx.get("grads").get(name)), 1e-4);
        }
        double norm = GradientClipping.clip(g.grads(), fx.get("clip").asDouble());
        assertThat(norm).isCloseTo(fx.get("grad_norm").asDouble(), within(1e-5));
    }

    @Test
    void oneAndTwoAdamStepsUpdateTheWeightsAsTorchDoes() {
        LmParameters p = LmParameters.init(config, fx.get("seed").asLong());
        Adam adam = new Adam(config, fx.get("lr").asDouble());
        step(p, adam);
        for (String name : p.names()) {
            assertClose(name, p.get(name), floats(fx.get("updated").get(name)), 1e-4);
        }
        double lossAfter = step(p, adam);
        assertThat(lossAfter).isCloseTo(fx.get("loss_after_step").asDouble(), within(1e-5));
        assertThat(lossAfter).isLessThan(fx.get("loss").asDouble());
        for (String name : p.names()) {
            assertClose(name, p.get(name), floats(fx.get("updated_twice").get(name)), 1e-4);
        }
    }

    private static double step(LmParameters p, Adam adam) {
        LanguageModel.Gradient g = LanguageModel.gradient(p.weights(), inputs, targets);
        GradientClipping.clip(g.grads(), fx.get("clip").asDouble());
        adam.step(p, g.grads());
        return g.loss();
    }

    private static void assertClose(String name, float[] actual, float[] expected, double tol) {
        assertThat(actual).as(name + " size").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as(name + "[" + i + "]").isCloseTo(expected[i], within(tol));
        }
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).asDouble();
        return out;
    }

    private static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

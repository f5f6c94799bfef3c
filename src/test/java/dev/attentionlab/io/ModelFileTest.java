package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.engine.train.Trainer;
import dev.attentionlab.engine.train.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    static TrainedModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        Trainer t = new Trainer(TrainingData.of("the cat sat on the mat. ".repeat(40), 32), LmSize.TINY,
                Trainer.Options.defaults().withSteps(5));
        model = t.run((p, s) -> { });
    }

    @Test
    void aSavedModelReadsBackBitForBit() {
        Path f = dir.resolve("m.safetensors");
        ModelFile.write(model, f);
        TrainedModel back = ModelFile.read(f);
        assertThat(back.alphabet()).isEqualTo(model.alphabet());
        assertThat(back.step()).isEqualTo(5);
        assertThat(back.config()).isEqualTo(model.config());
        assertThat(back.weights().tensors()).isEqualTo(model.weights().tensors());
        Map<String, Safetensors.Tensor> raw = Safetensors.read(f);
        assertThat(raw.get("blocks.0.attn.w_q").shape()).containsExactly(32, 32);
        assertThat(raw.get("ln_f.bias").shape()).containsExactly(32);
    }

    @Test
    void aLessonKeepsTheModelAndItsBlock() {
        TraceSettings s = TraceSettings.builder().text("the cat").adoptModel(model).build();
        Path f = dir.resolve("l.json");
        LessonFile.save(new Lesson("trained", "", s, "softmax", java.util.List.of()), f);
        Lesson back = LessonFile.read(f);
        assertThat(back.settings().model().trained().weights().tensors()).isEqualTo(model.weights().tensors());
        assertThat(TraceEngine.compute(back.settings()).sampling().logits())
                .isEqualTo(TraceEngine.compute(s).sampling().logits());
    }

    @Test
    void otherSafetensorsAndDamagedModelsAreRefusedByName() throws IOException {
        Path plain = dir.resolve("plain.safetensors");
        Files.write(plain, Safetensors.write(Map.of("W_q", Matrix.zeros(2, 2)), Set.of()));
        assertThatThrownBy(() -> ModelFile.read(plain)).hasMessageContaining("is not an AttentionLab language model");

        Map<String, Matrix> tensors = new LinkedHashMap<>(model.weights().tensors());
        tensors.put("blocks.0.mlp.w_1", tensors.get("blocks.0.mlp.w_1").transpose());
        Map<String, String> meta = Safetensors.metadata(ModelFile.bytes(model), "m");
        Set<String> vectors = new java.util.HashSet<>();
        dev.attentionlab.engine.model.LmParameters.specs(model.config()).forEach(s -> {
            if (s.shape().length == 1) vectors.add(s.name());
        });
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, Safetensors.write(tensors, vectors, meta));
        assertThatThrownBy(() -> ModelFile.read(bad)).hasMessageContaining("'blocks.0.mlp.w_1' is [128, 32] but the model needs [32, 128]");

        tensors = new LinkedHashMap<>(model.weights().tensors());
        tensors.remove("pos_emb");
        Files.write(bad, Safetensors.write(tensors, vectors, meta));
        assertThatThrownBy(() -> ModelFile.read(bad)).hasMessageContaining("no tensor 'pos_emb'");
    }
}

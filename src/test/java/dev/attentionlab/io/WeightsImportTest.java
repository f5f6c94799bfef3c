package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch weights from JSON and safetensors files the tests write themselves, checked against the MHA fixture. */
class WeightsImportTest {
    static final JsonNode MHA = TextFiles.readJson(Path.of("..", "shared", "fixtures", "mha_e8_h2_l5.json"));

    @TempDir
    Path dir;

    static Map<String, Matrix> stateDict() {
        JsonNode in = MHA.get("inputs");
        Map<String, Matrix> m = new LinkedHashMap<>();
        m.put("in_proj_weight", Json.matrix(in.get("in_proj_weight"), "w"));
        m.put("in_proj_bias", Matrix.rowVector(Json.floats(in.get("in_proj_bias"), "b")));
        m.put("out_proj.weight", Json.matrix(in.get("out_proj_weight"), "o"));
        m.put("out_proj.bias", Matrix.rowVector(Json.floats(in.get("out_proj_bias"), "ob")));
        m.put("x", Json.matrix(in.get("x").get(0), "x"));
        return m;
    }

    static void assertMatchesFixture(WeightsImport.Imported w) {
        Trace t = TraceEngine.compute(w.applyTo(Preset.CUSTOM.defaults().toBuilder(), 2).mask(dev.attentionlab.engine.model.MaskKind.NONE).build());
        JsonNode expected = MHA.get("expected");
        assertThat(FixtureComparator.compare(expected.get("output").get(0), Json.rows(t.attention().output()), 1e-5, false)).isEmpty();
        assertThat(FixtureComparator.compare(expected.get("attn_weights").get(0).get(1), Json.rows(t.head(1).weights()), 1e-5, false)).isEmpty();
    }

    @Test
    void safetensorsStateDictGivesPyTorchsOutput() throws Exception {
        Path f = dir.resolve("mha.safetensors");
        Files.write(f, Safetensors.write(stateDict(), Set.of("in_proj_bias", "out_proj.bias")));
        Map<String, Safetensors.Tensor> read = Safetensors.read(f);
        assertThat(read.get("in_proj_bias").shape()).containsExactly(24);
        assertThat(read.get("in_proj_weight").values()).isEqualTo(stateDict().get("in_proj_weight"));
        assertMatchesFixture(WeightsImport.readFile(f));
    }

    @Test
    void jsonStateDictAndTheFixtureInputsGivePyTorchsOutput() throws Exception {
        Path f = dir.resolve("mha.json");
        Files.writeString(f, Safetensors.toJson(Safetensors.parse(Safetensors.write(stateDict(), Set.of("in_proj_bias", "out_proj.bias")), "x")).toString());
        assertMatchesFixture(WeightsImport.readFile(f));
        assertMatchesFixture(WeightsImport.read(MHA, "fixture"));
    }

    @Test
    void otherDtypesAndBrokenFilesAreRejectedClearly() throws Exception {
        String header = "{\"w\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}";
        assertThatThrownBy(() -> Safetensors.parse(file(header, 4), "m.safetensors"))
                .hasMessage("m.safetensors: tensor 'w' is F16; only F32 (float32) is supported - convert with tensor.float() before saving");
        String shortData = "{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 8]}}";
        assertThatThrownBy(() -> Safetensors.parse(file(shortData, 8), "m.safetensors"))
                .hasMessage("m.safetensors: tensor 'w' has 8 bytes but shape [2, 2] needs 16");
        String outside = "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 800]}}";
        assertThatThrownBy(() -> Safetensors.parse(file(outside, 8), "m.safetensors")).hasMessageContaining("lies outside the data section");
        assertThatThrownBy(() -> Safetensors.parse(new byte[] {1, 2, 3}, "m.safetensors")).hasMessageContaining("is not a safetensors file");
        byte[] hugeHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000).array();
        assertThatThrownBy(() -> Safetensors.parse(hugeHeader, "m.safetensors")).hasMessageContaining("header length 1000000 does not fit");
    }

    @Test
    void aWrongShapeNamesTheTensor() {
        Map<String, Matrix> sd = stateDict();
        sd.put("out_proj.weight", Matrix.zeros(8, 7));
        assertThatThrownBy(() -> WeightsImport.read(Safetensors.toJson(Safetensors.parse(Safetensors.write(sd, Set.of()), "f")), "f"))
                .hasMessage("out_proj.weight must be [8 × 8], got 8×7");
        Map<String, Matrix> nb = new LinkedHashMap<>();
        nb.put("W_q", Matrix.zeros(3, 4));
        nb.put("W_k", Matrix.zeros(3, 4));
        nb.put("W_v", Matrix.zeros(2, 4));
        assertThatThrownBy(() -> WeightsImport.read(Safetensors.toJson(Safetensors.parse(Safetensors.write(nb, Set.of()), "f")), "f"))
                .hasMessageContaining("W_q, W_k and W_v must have the same number of rows (d_model): 3×4, 3×4, 2×4");
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }
}

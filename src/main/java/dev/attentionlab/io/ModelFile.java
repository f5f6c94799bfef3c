package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.LmParameters;
import dev.attentionlab.engine.model.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained language model as a safetensors file: every parameter as an F32 tensor under its
 * {@link LmParameters} name (matrices in the x·W layout), and in the header's metadata the format,
 * the model's shape, its alphabet and how many steps trained it.
 */
public final class ModelFile {
    public static final String FORMAT = "attentionlab-lm";
    public static final String VERSION = "1";

    private ModelFile() {}

    public static byte[] bytes(TrainedModel m) {
        LmConfig c = m.config();
        ObjectNode config = Json.F.objectNode();
        config.put("vocab", c.vocab()).put("d_model", c.dModel()).put("heads", c.heads()).put("layers", c.layers())
                .put("context", c.context());
        ArrayNode alphabet = Json.F.arrayNode();
        m.alphabet().forEach(alphabet::add);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("version", VERSION);
        meta.put("config", config.toString());
        meta.put("alphabet", alphabet.toString());
        meta.put("step", Integer.toString(m.step()));
        Set<String> vectors = new HashSet<>();
        for (LmParameters.Spec s : LmParameters.specs(c)) if (s.shape().length == 1) vectors.add(s.name());
        return Safetensors.write(m.weights().tensors(), vectors, meta);
    }

    public static void write(TrainedModel m, Path file) {
        byte[] b = bytes(m);
        AtomicFiles.write(file, out -> out.write(b));
    }

    public static TrainedModel read(Path file) {
        return parse(Safetensors.bytes(file), file.toString());
    }

    public static TrainedModel parse(byte[] bytes, String where) {
        Map<String, String> meta = Safetensors.metadata(bytes, where);
        if (!FORMAT.equals(meta.get("format"))) {
            throw new InvalidInputException(where + " is not an AttentionLab language model (its metadata has no format '"
                    + FORMAT + "'); weights for the attention steps are opened with Model → Import weights");
        }
        if (!VERSION.equals(meta.get("version"))) {
            throw new InvalidInputException(where + " is model format version " + meta.get("version") + "; this AttentionLab reads version " + VERSION);
        }
        JsonNode c = Json.parse(require(meta, "config", where), where + " config");
        LmConfig config = new LmConfig(Json.integer(Json.require(c, "vocab", where), where + " vocab"),
                Json.integer(Json.require(c, "d_model", where), where + " d_model"),
                Json.integer(Json.require(c, "heads", where), where + " heads"),
                Json.integer(Json.require(c, "layers", where), where + " layers"),
                Json.integer(Json.require(c, "context", where), where + " context"));
        List<String> alphabet = new ArrayList<>();
        JsonNode a = Json.parse(require(meta, "alphabet", where), where + " alphabet");
        if (!a.isArray()) throw new InvalidInputException(where + ": the alphabet is not a list of characters");
        a.forEach(n -> alphabet.add(n.asText()));
        int step;
        try {
            step = Integer.parseInt(require(meta, "step", where));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": step '" + meta.get("step") + "' is not a whole number");
        }
        Map<String, Safetensors.Tensor> tensors = Safetensors.parse(bytes, where);
        Map<String, float[]> named = new LinkedHashMap<>();
        for (LmParameters.Spec s : LmParameters.specs(config)) {
            Safetensors.Tensor t = tensors.get(s.name());
            if (t != null && !Arrays.equals(t.shape(), s.shape())) {
                throw new InvalidInputException(where + ": tensor '" + s.name() + "' is " + Arrays.toString(t.shape())
                        + " but the model needs " + Arrays.toString(s.shape()));
            }
        }
        tensors.forEach((name, t) -> named.put(name, WeightsImport.finite(t.values(), where + ": " + name).toArray()));
        try {
            return new TrainedModel(alphabet, LmParameters.of(config, named).weights(), step);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
    }

    private static String require(Map<String, String> meta, String key, String where) {
        String v = meta.get(key);
        if (v == null) throw new InvalidInputException(where + ": the model metadata has no '" + key + "'");
        return v;
    }

    /** A model inside JSON (a lesson or a session): its safetensors bytes in base64, exact to the bit. */
    public static String toBase64(TrainedModel m) {
        return java.util.Base64.getEncoder().encodeToString(bytes(m));
    }

    public static TrainedModel fromBase64(String text, String where) {
        try {
            return parse(java.util.Base64.getDecoder().decode(text), where);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + " is not valid base64: " + e.getMessage());
        }
    }

}

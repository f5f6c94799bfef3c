package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.ModelSource;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Setting;
import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Trace settings as JSON and back: every value a user chose, imported tensors included. */
public final class SettingsJson {
    private SettingsJson() {}

    public static ObjectNode of(TraceSettings s) {
        ObjectNode o = Json.F.objectNode();
        o.put("preset", s.model().preset().name().toLowerCase(Locale.ROOT));
        for (Setting<?> setting : SettingCatalogue.ALL) write(o, setting, s);
        if (s.attention().customMask() != null) o.set("custom_mask", Json.rows(s.attention().customMask()));
        if (s.input().bpeCorpus() != null) o.put("bpe_corpus", s.input().bpeCorpus());
        if (s.input().inputOverride() != null) o.set("input_x", Json.rows(s.input().inputOverride()));
        if (s.model().weights() != null) o.set("weights", weights(s.model().weights()));
        if (s.model().trained() != null) o.putObject("model").put("safetensors_base64", ModelFile.toBase64(s.model().trained()));
        if (s.model().pretrained() != null) {
            // A checkpoint is named by its path and known again by its weights' SHA-256, never embedded.
            o.put("pretrained", s.model().pretrained().key());
            if (s.model().pretrained().sha256() != null) o.put("pretrained_sha256", s.model().pretrained().sha256());
        }
        o.put("source", ModelSource.of(s).kind().key());
        o.put("shown_block", s.model().modelBlock() + 1);
        return o;
    }

    private static <T> void write(ObjectNode o, Setting<T> setting, TraceSettings s) {
        T v = setting.of(s);
        String key = setting.key();
        if (v == null) return; // an optional text that is not set
        if (setting.kind() instanceof Setting.Choice<T> c) o.put(key, c.named(v).key());
        else if (v instanceof Integer i) o.put(key, i);
        else if (v instanceof Long l) o.put(key, l);
        else if (v instanceof Double d) o.set(key, Json.number(d));
        else if (v instanceof Boolean b) o.put(key, b);
        else o.put(key, (String) v);
    }

    /** Above this many numbers, imported weights are kept as base64 safetensors: exact, and a quarter of the size of JSON. */
    static final long COMPACT_ABOVE = 65_536;

    private static ObjectNode weights(ImportedWeights w) {
        Map<String, Matrix> tensors = new LinkedHashMap<>();
        if (w.attention() != null) {
            AttentionWeights a = w.attention();
            String[] names = {"W_q", "W_k", "W_v", "b_q", "b_k", "b_v", "W_o", "b_o"};
            Matrix[] values = {a.wq(), a.wk(), a.wv(), a.bq(), a.bk(), a.bv(), a.wo(), a.bo()};
            for (int i = 0; i < names.length; i++) if (values[i] != null) tensors.put(names[i], values[i]);
        }
        if (w.embedding() != null) tensors.put("embedding", w.embedding());
        long count = tensors.values().stream().mapToLong(m -> (long) m.rows() * m.cols()).sum();
        if (count > COMPACT_ABOVE) {
            ObjectNode o = Json.F.objectNode();
            o.put("safetensors_base64", java.util.Base64.getEncoder().encodeToString(Safetensors.write(tensors, java.util.Set.of())));
            return o;
        }
        ObjectNode o = w.attention() == null ? Json.F.objectNode() : TraceJson.weights(w.attention());
        if (w.embedding() != null) o.set("embedding", Json.rows(w.embedding()));
        return o;
    }

    /**
     * Settings from JSON. Missing fields take the named preset's value; a field of the wrong type or
     * an unknown choice is an {@link InvalidInputException} naming it.
     */
    public static TraceSettings read(JsonNode o, String where) {
        if (o == null || !o.isObject()) throw new InvalidInputException(where + ": expected an object of settings");
        Preset preset = o.has("preset") ? Preset.fromKey(text(o, "preset", where)) : Preset.NOTEBOOK;
        TraceSettings.Builder b = preset.defaults().toBuilder();
        // The model first: it sets the shapes it needs, and the fields below may then change the mask etc.
        if (o.hasNonNull("model")) {
            JsonNode m = object(o, "model", where);
            b.adoptModel(ModelFile.fromBase64(text(m, "safetensors_base64", where + ".model"), where + ".model"));
            // version 1 kept the block on screen here, counted from 0
            if (m.has("block")) b.modelBlock(Json.integer(m.get("block"), where + ".model.block"));
        }
        if (o.hasNonNull("pretrained")) {
            b.adoptPretrained(PretrainedModels.open(text(o, "pretrained", where), o.hasNonNull("pretrained_sha256")
                    ? text(o, "pretrained_sha256", where) : null));
        }
        if (o.has("shown_block")) b.modelBlock(Json.integer(o.get("shown_block"), where + ".shown_block") - 1);
        for (Setting<?> setting : SettingCatalogue.ALL) {
            if (o.hasNonNull(setting.key()) || o.has(setting.key()) && !(setting.kind() instanceof Setting.Text t && t.optional())) {
                read(b, setting, o.get(setting.key()), where + "." + setting.key());
            }
        }
        if (o.hasNonNull("custom_mask")) b.customMask(Json.mask(o.get("custom_mask"), where + ".custom_mask"));
        if (o.hasNonNull("bpe_corpus")) b.bpeCorpus(text(o, "bpe_corpus", where));
        if (o.hasNonNull("input_x")) b.inputOverride(WeightsImport.finite(Json.matrix(o.get("input_x"), where + ".input_x"), where + ".input_x"));
        if (o.hasNonNull("weights")) b.weights(readWeights(o.get("weights"), where + ".weights"));
        TraceSettings s = b.build();
        // Version 2 says which source its fields select, so a lesson that lost its model says so instead of running seeded weights.
        ModelSource.Kind held = ModelSource.of(s).kind();
        if (o.has("source") && !text(o, "source", where).equals(held.key())) {
            throw new InvalidInputException(where + ".source is '" + text(o, "source", where) + "' but the settings hold "
                    + held.description());
        }
        return s;
    }

    private static <T> void read(TraceSettings.Builder b, Setting<T> setting, JsonNode n, String where) {
        setting.put(b, value(setting.kind(), n, where));
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Setting.Kind<T> kind, JsonNode n, String where) {
        if (kind instanceof Setting.Choice<T> c) {
            String spelled = textValue(n, where);
            T found = c.find(spelled);
            if (found == null) throw new InvalidInputException(where + ": '" + spelled + "' is not one of " + c.keys());
            return found;
        }
        Object v;
        if (kind instanceof Setting.Whole) v = Json.integer(n, where);
        else if (kind instanceof Setting.Seed) v = longValue(n, where);
        else if (kind instanceof Setting.Real) v = Json.toDouble(n, where);
        else if (kind instanceof Setting.Flag) v = bool(n, where);
        else v = textValue(n, where);
        return (T) v;
    }

    private static ImportedWeights readWeights(JsonNode w, String where) {
        if (!w.isObject()) throw new InvalidInputException(where + ": expected an object of tensors, got " + Json.describe(w));
        if (w.has("safetensors_base64")) return compactWeights(text(w, "safetensors_base64", where), where);
        if (!w.has("W_q") && !w.hasNonNull("embedding")) {
            throw new InvalidInputException(where + ": no tensors (expected W_q, W_k, W_v and/or embedding)");
        }
        Matrix embedding = w.hasNonNull("embedding") ? tensor(w, "embedding", where) : null;
        AttentionWeights attention = null;
        if (w.has("W_q")) {
            attention = new AttentionWeights(tensor(w, "W_q", where), tensor(w, "W_k", where), tensor(w, "W_v", where),
                    vector(w, "b_q", where), vector(w, "b_k", where), vector(w, "b_v", where),
                    w.hasNonNull("W_o") ? tensor(w, "W_o", where) : null, vector(w, "b_o", where));
        }
        return new ImportedWeights(embedding, attention);
    }

    private static ImportedWeights compactWeights(String base64, String where) {
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ".safetensors_base64 is not valid base64: " + e.getMessage());
        }
        Map<String, Safetensors.Tensor> t = Safetensors.parse(bytes, where);
        java.util.function.Function<String, Matrix> get = n -> t.containsKey(n) ? WeightsImport.finite(t.get(n).values(), where + "." + n) : null;
        AttentionWeights attention = null;
        if (t.containsKey("W_q")) {
            for (String n : new String[] {"W_k", "W_v"}) {
                if (!t.containsKey(n)) throw new InvalidInputException(where + ": missing tensor '" + n + "'");
            }
            attention = new AttentionWeights(get.apply("W_q"), get.apply("W_k"), get.apply("W_v"), get.apply("b_q"), get.apply("b_k"),
                    get.apply("b_v"), get.apply("W_o"), get.apply("b_o"));
        }
        Matrix embedding = get.apply("embedding");
        if (attention == null && embedding == null) throw new InvalidInputException(where + ": no tensors (expected W_q, W_k, W_v and/or embedding)");
        return new ImportedWeights(embedding, attention);
    }

    private static JsonNode object(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (!n.isObject()) throw new InvalidInputException(where + "." + field + ": expected an object, got " + Json.describe(n));
        return n;
    }

    private static Matrix tensor(JsonNode w, String name, String where) {
        return WeightsImport.finite(Json.matrix(Json.require(w, name, where), where + "." + name), where + "." + name);
    }

    private static Matrix vector(JsonNode w, String name, String where) {
        if (!w.hasNonNull(name)) return null;
        return Matrix.rowVector(WeightsImport.finiteVector(Json.floats(w.get(name), where + "." + name), where + "." + name));
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null) throw new InvalidInputException(where + ": missing field '" + field + "'");
        return textValue(n, where + "." + field);
    }

    private static String textValue(JsonNode n, String where) {
        if (!n.isTextual()) throw new InvalidInputException(where + ": expected text, got " + Json.describe(n));
        return n.textValue();
    }

    private static boolean bool(JsonNode n, String where) {
        if (!n.isBoolean()) throw new InvalidInputException(where + ": expected true or false, got " + Json.describe(n));
        return n.booleanValue();
    }

    private static long longValue(JsonNode n, String where) {
        if (!n.isIntegralNumber()) throw new InvalidInputException(where + ": expected an integer, got " + Json.describe(n));
        return n.bigIntegerValue().longValue();
    }
}

package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.ModelSource;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Trace settings as JSON and back: every value a user chose, imported tensors included. */
public final class SettingsJson {
    private SettingsJson() {}

    public static ObjectNode of(TraceSettings s) {
        ObjectNode o = Json.F.objectNode();
        o.put("text", s.text());
        if (s.sourceText() != null) o.put("source_text", s.sourceText());
        o.put("tokenizer", s.tokenizer().key());
        o.put("bpe_merges", s.bpeMerges());
        o.put("preset", s.preset().name().toLowerCase(Locale.ROOT));
        o.put("seed", s.seed());
        o.put("vocab_size", s.vocabSize());
        o.put("d_model", s.dModel());
        o.put("heads", s.heads());
        o.put("d_k", s.dk());
        o.put("d_v", s.dv());
        o.put("padding_idx", s.paddingIdx());
        o.set("max_norm", Json.number(s.maxNorm()));
        o.put("norm_type", s.normType());
        o.put("positional", s.positional());
        o.put("mask", s.mask().label());
        if (s.customMask() != null) o.set("custom_mask", Json.rows(s.customMask()));
        o.put("pad_to", s.padTo());
        o.put("fill", s.fill().name().toLowerCase(Locale.ROOT));
        o.put("scale", s.scale().name().toLowerCase(Locale.ROOT));
        o.put("attention_temperature", s.attentionTemperature());
        o.put("residual_norm", s.residualNorm());
        o.put("temperature", s.temperature());
        o.put("top_k", s.topK());
        o.put("top_p", s.topP());
        o.put("sample_seed", s.sampleSeed());
        if (s.bpeCorpus() != null) o.put("bpe_corpus", s.bpeCorpus());
        if (s.inputOverride() != null) o.set("input_x", Json.rows(s.inputOverride()));
        if (s.weights() != null) o.set("weights", weights(s.weights()));
        if (s.model() != null) o.putObject("model").put("safetensors_base64", ModelFile.toBase64(s.model()));
        if (s.pretrained() != null) {
            // A checkpoint is named by its path and known again by its weights' SHA-256, never embedded.
            o.put("pretrained", s.pretrained().key());
            if (s.pretrained().sha256() != null) o.put("pretrained_sha256", s.pretrained().sha256());
        }
        o.put("source", ModelSource.of(s).kind().key());
        o.put("shown_block", s.modelBlock() + 1);
        return o;
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
        if (o.has("text")) b.text(text(o, "text", where));
        if (o.hasNonNull("source_text")) b.sourceText(text(o, "source_text", where));
        if (o.has("tokenizer")) b.tokenizer(TokenizerKind.fromKey(text(o, "tokenizer", where)));
        if (o.has("bpe_merges")) b.bpeMerges(Json.integer(o.get("bpe_merges"), where + ".bpe_merges"));
        if (o.hasNonNull("bpe_corpus")) b.bpeCorpus(text(o, "bpe_corpus", where));
        if (o.has("seed")) b.seed(longValue(o, "seed", where));
        if (o.has("vocab_size")) b.vocabSize(Json.integer(o.get("vocab_size"), where + ".vocab_size"));
        if (o.has("d_model")) b.dModel(Json.integer(o.get("d_model"), where + ".d_model"));
        if (o.has("heads")) b.heads(Json.integer(o.get("heads"), where + ".heads"));
        if (o.has("d_k")) b.dk(Json.integer(o.get("d_k"), where + ".d_k"));
        if (o.has("d_v")) b.dv(Json.integer(o.get("d_v"), where + ".d_v"));
        if (o.has("padding_idx")) b.paddingIdx(Json.integer(o.get("padding_idx"), where + ".padding_idx"));
        if (o.has("max_norm")) b.maxNorm(Json.toDouble(o.get("max_norm"), where + ".max_norm"));
        if (o.has("norm_type")) b.normType(Json.toDouble(o.get("norm_type"), where + ".norm_type"));
        if (o.has("positional")) b.positional(bool(o, "positional", where));
        if (o.has("mask")) b.mask(choice(MaskKind.values(), text(o, "mask", where), MaskKind::label, where + ".mask"));
        if (o.hasNonNull("custom_mask")) b.customMask(Json.mask(o.get("custom_mask"), where + ".custom_mask"));
        if (o.has("pad_to")) b.padTo(Json.integer(o.get("pad_to"), where + ".pad_to"));
        if (o.has("fill")) b.fill(choice(MaskFill.values(), text(o, "fill", where), f -> f.name().toLowerCase(Locale.ROOT), where + ".fill"));
        if (o.has("scale")) b.scale(choice(ScaleMode.values(), text(o, "scale", where), m -> m.name().toLowerCase(Locale.ROOT), where + ".scale"));
        if (o.has("attention_temperature")) b.attentionTemperature(Json.toDouble(o.get("attention_temperature"), where + ".attention_temperature"));
        if (o.has("residual_norm")) b.residualNorm(bool(o, "residual_norm", where));
        if (o.has("temperature")) b.temperature(Json.toDouble(o.get("temperature"), where + ".temperature"));
        if (o.has("top_k")) b.topK(Json.integer(o.get("top_k"), where + ".top_k"));
        if (o.has("top_p")) b.topP(Json.toDouble(o.get("top_p"), where + ".top_p"));
        if (o.has("sample_seed")) b.sampleSeed(longValue(o, "sample_seed", where));
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

    private static <T> T choice(T[] values, String key, java.util.function.Function<T, String> name, String where) {
        StringBuilder options = new StringBuilder();
        for (T v : values) {
            if (name.apply(v).equalsIgnoreCase(key) || v.toString().equalsIgnoreCase(key)) return v;
            options.append(options.length() == 0 ? "" : ", ").append(name.apply(v));
        }
        throw new InvalidInputException(where + ": '" + key + "' is not one of " + options);
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null) throw new InvalidInputException(where + ": missing field '" + field + "'");
        if (!n.isTextual()) throw new InvalidInputException(where + "." + field + ": expected text, got " + Json.describe(n));
        return n.textValue();
    }

    private static boolean bool(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (!n.isBoolean()) throw new InvalidInputException(where + "." + field + ": expected true or false, got " + Json.describe(n));
        return n.booleanValue();
    }

    private static long longValue(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (!n.isIntegralNumber()) throw new InvalidInputException(where + "." + field + ": expected an integer, got " + Json.describe(n));
        return n.bigIntegerValue().longValue();
    }
}

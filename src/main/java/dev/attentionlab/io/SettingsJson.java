package dev.attentionlab.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.TraceSettings;

/** Trace settings as JSON (the values a user chose; imported tensors are written separately). */
public final class SettingsJson {
    private SettingsJson() {}

    public static ObjectNode of(TraceSettings s) {
        ObjectNode o = Json.F.objectNode();
        o.put("text", s.text());
        if (s.sourceText() != null) o.put("source_text", s.sourceText());
        o.put("tokenizer", s.tokenizer().key());
        o.put("bpe_merges", s.bpeMerges());
        o.put("preset", s.preset().name().toLowerCase(java.util.Locale.ROOT));
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
        o.put("fill", s.fill().name().toLowerCase(java.util.Locale.ROOT));
        o.put("scale", s.scale().name().toLowerCase(java.util.Locale.ROOT));
        o.put("attention_temperature", s.attentionTemperature());
        o.put("residual_norm", s.residualNorm());
        o.put("temperature", s.temperature());
        o.put("top_k", s.topK());
        o.put("top_p", s.topP());
        o.put("sample_seed", s.sampleSeed());
        o.put("imported_weights", s.weights() != null);
        return o;
    }
}

package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.tokenize.TokenizerKind;

/** Starting points for the settings, and how each draws its initial weights. */
public enum Preset {
    /**
     * The seed notebook: word/notebook tokenizer, seed 123, Embedding(50000, 3), then
     * W_q, W_k, W_v = torch.rand(3,24), rand(3,24), rand(3,28); one head, no mask.
     */
    NOTEBOOK("notebook"),
    /** nn.Embedding + nn.MultiheadAttention(16, 4) with sinusoidal positions and a causal mask. */
    SMALL_MULTI_HEAD("small multi-head"),
    /** Whatever the settings say; weights drawn like {@link #SMALL_MULTI_HEAD}. */
    CUSTOM("custom"),
    /**
     * sentence-transformers' all-MiniLM-L6-v2, a pretrained BERT encoder: 6 layers of 12 heads, d_model 384.
     * Its weights are not drawn: the settings name it by {@link #pretrainedKey()} and the caller loads it.
     */
    MINILM("MiniLM-L6 (pretrained BERT)");

    private final String label;

    Preset(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The bundled model this preset runs, or null for the presets whose weights are drawn from a seed. */
    public String pretrainedKey() {
        return this == MINILM ? "all-minilm-l6-v2" : null;
    }

    public static Preset fromKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Preset p : values()) if (p.name().equalsIgnoreCase(k)) return p;
        if (k.equals("small") || k.equals("multi_head") || k.equals("small_multihead")) return SMALL_MULTI_HEAD;
        if (k.equals("all_minilm_l6_v2") || k.equals("minilm_l6")) return MINILM;
        throw new InvalidInputException("unknown preset '" + key + "' (use notebook, small-multi-head, custom or minilm)");
    }

    /** The settings this preset starts from. */
    public TraceSettings defaults() {
        TraceSettings.Builder b = TraceSettings.builder().preset(this);
        return switch (this) {
            case NOTEBOOK -> b.text(TraceSettings.NOTEBOOK_PROMPT).tokenizer(TokenizerKind.NOTEBOOK).seed(123)
                    .vocabSize(50_000).dModel(3).heads(1).dk(24).dv(28).positional(false).mask(MaskKind.NONE).build();
            case SMALL_MULTI_HEAD, CUSTOM -> b.text("The cat sat on the mat because it was tired.")
                    .tokenizer(TokenizerKind.FIRST_SEEN).seed(0).vocabSize(0).dModel(16).heads(4).dk(4).dv(4)
                    .positional(true).mask(MaskKind.CAUSAL).build();
            case MINILM -> b.text("The animal didn't cross the street because it was too tired.").tokenizer(TokenizerKind.WORDPIECE)
                    .seed(0).vocabSize(0).dModel(384).heads(12).dk(32).dv(32).positional(true).mask(MaskKind.NONE).build();
        };
    }
}

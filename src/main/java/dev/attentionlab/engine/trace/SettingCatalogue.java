package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.Limits;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.Setting.Choice;
import dev.attentionlab.engine.trace.Setting.Flag;
import dev.attentionlab.engine.trace.Setting.Named;
import dev.attentionlab.engine.trace.Setting.Real;
import dev.attentionlab.engine.trace.Setting.Seed;
import dev.attentionlab.engine.trace.Setting.Text;
import dev.attentionlab.engine.trace.Setting.Whole;
import java.util.List;

/**
 * Every setting a user chooses by value, each described once. What is not here is a model source or a
 * tensor with its own reader: the preset, imported weights and inputs, the trained and pretrained
 * models, the custom mask, the BPE corpus and the block on screen.
 */
public final class SettingCatalogue {
    private SettingCatalogue() {}

    public static final Setting<String> TEXT = new Setting<>("text", "--text", "the text", "Text",
            "the sentence", new Text(false), TraceSettings.NOTEBOOK_PROMPT, s -> s.input().text(), TraceSettings.Builder::text);
    public static final Setting<String> SOURCE_TEXT = new Setting<>("source_text", "--source-text", "the source text", "Source text",
            "keys/values from this text instead (cross-attention); with a pretrained model, the sentence to compare with",
            new Text(true), null, s -> s.input().sourceText(), TraceSettings.Builder::sourceText);
    public static final Setting<TokenizerKind> TOKENIZER = new Setting<>("tokenizer", "--tokenizer", "tokenizer", "Tokenizer",
            "how the sentence is cut into tokens", Choice.of(
                    Named.of(TokenizerKind.NOTEBOOK, "notebook", "notebook"),
                    Named.of(TokenizerKind.FIRST_SEEN, "first-seen", "first-seen"),
                    Named.of(TokenizerKind.CHAR, "char", "char"),
                    Named.of(TokenizerKind.BPE, "bpe", "bpe"),
                    // A pretrained model brings these; the command line names the model instead.
                    Named.of(TokenizerKind.WORDPIECE, "wordpiece", null),
                    Named.of(TokenizerKind.BYTE_BPE, "byte-bpe", null)), TokenizerKind.NOTEBOOK,
            s -> s.input().tokenizer(), TraceSettings.Builder::tokenizer);
    public static final Setting<Integer> BPE_MERGES = new Setting<>("bpe_merges", "--bpe-merges", "BPE merges", "BPE merges",
            "number of BPE merges to learn", new Whole(0, Integer.MAX_VALUE, null), 40, s -> s.input().bpeMerges(), TraceSettings.Builder::bpeMerges);
    public static final Setting<Long> SEED = new Setting<>("seed", "--seed", "seed", "Seed",
            "torch.manual_seed for the embedding and weights", new Seed(), 123L, s -> s.model().seed(), TraceSettings.Builder::seed);
    public static final Setting<Integer> VOCAB_SIZE = new Setting<>("vocab_size", "--vocab-size", "vocabulary size", "Vocabulary",
            "embedding rows", new Whole(0, Limits.MAX_VOCAB, "0 = exactly the tokenizer's ids"), 50_000,
            s -> s.model().vocabSize(), TraceSettings.Builder::vocabSize);
    public static final Setting<Integer> D_MODEL = new Setting<>("d_model", "--d-model", "d_model", "d_model",
            "width of each token vector", new Whole(1, Limits.MAX_DIM, null), 3, s -> s.model().dModel(), TraceSettings.Builder::dModel);
    public static final Setting<Integer> HEADS = new Setting<>("heads", "--heads", "heads", "Heads",
            "number of attention heads; they must divide d_model", new Whole(1, Limits.MAX_HEADS, null), 1,
            s -> s.model().heads(), TraceSettings.Builder::heads);
    public static final Setting<Integer> D_K = new Setting<>("d_k", "--dk", "d_k", "d_k",
            "query/key width per head", new Whole(1, Limits.MAX_DIM, null), 24, s -> s.model().dk(), TraceSettings.Builder::dk);
    public static final Setting<Integer> D_V = new Setting<>("d_v", "--dv", "d_v", "d_v",
            "value width per head", new Whole(1, Limits.MAX_DIM, null), 28, s -> s.model().dv(), TraceSettings.Builder::dv);
    public static final Setting<Integer> PADDING_IDX = new Setting<>("padding_idx", null, "padding_idx", "padding_idx",
            "nn.Embedding's padding_idx: the row that stays zero (-1 = none)", new Whole(-1, Integer.MAX_VALUE, null), -1,
            s -> s.model().paddingIdx(), TraceSettings.Builder::paddingIdx);
    public static final Setting<Double> MAX_NORM = new Setting<>("max_norm", null, "max_norm", "max_norm",
            "nn.Embedding's max_norm: rows longer than this are scaled down (unset = none)", Real.ANY, Double.NaN,
            s -> s.model().maxNorm(), TraceSettings.Builder::maxNorm);
    public static final Setting<Double> NORM_TYPE = new Setting<>("norm_type", null, "norm_type", "norm_type",
            "nn.Embedding's norm_type: the p of the p-norm max_norm measures", Real.ANY, 2.0,
            s -> s.model().normType(), TraceSettings.Builder::normType);
    public static final Setting<Boolean> POSITIONAL = new Setting<>("positional", "--positional", "positions", "Positions",
            "add sinusoidal positional encoding", new Flag(), false, s -> s.model().positional(), TraceSettings.Builder::positional);
    public static final Setting<MaskKind> MASK = new Setting<>("mask", "--mask", "mask", "Mask",
            "which keys each query may not see", Choice.of(
                    Named.of(MaskKind.NONE, "none", "none"),
                    Named.of(MaskKind.CAUSAL, "causal", "causal"),
                    Named.of(MaskKind.PADDING, "padding", "padding"),
                    // Drawn cell by cell in the mask editor; a file carries the cells as custom_mask.
                    Named.of(MaskKind.CUSTOM, "custom", null)), MaskKind.NONE,
            s -> s.attention().mask(), TraceSettings.Builder::mask);
    public static final Setting<Integer> PAD_TO = new Setting<>("pad_to", "--pad-to", "pad-to", "Pad to",
            "append <pad> tokens up to this length (for the padding mask)", new Whole(0, Limits.MAX_TOKENS, null), 0,
            s -> s.input().padTo(), TraceSettings.Builder::padTo);
    public static final Setting<MaskFill> FILL = new Setting<>("fill", "--fill", "masked fill", "Masked fill",
            "masked score value: −∞ as in PyTorch (a fully masked row is NaN), or −1e9 (uniform)", Choice.of(
                    Named.of(MaskFill.NEGATIVE_INFINITY, "negative_infinity", "-inf", "-infinity", "inf"),
                    Named.of(MaskFill.MINUS_1E9, "minus_1e9", "-1e9", "1e9")), MaskFill.NEGATIVE_INFINITY,
            s -> s.attention().fill(), TraceSettings.Builder::fill);
    public static final Setting<ScaleMode> SCALE = new Setting<>("scale", "--score-scale", "scale", "Scale",
            "what QKᵀ is divided by", Choice.of(
                    Named.of(ScaleMode.INV_SQRT_DK, "inv_sqrt_dk", "sqrt-dk", "1/sqrt(dk)", "dk"),
                    Named.of(ScaleMode.NONE, "none", "none", "1"),
                    Named.of(ScaleMode.INV_SQRT_DMODEL, "inv_sqrt_dmodel", "sqrt-dmodel", "1/sqrt(dmodel)", "dmodel")), ScaleMode.INV_SQRT_DK,
            s -> s.attention().scale(), TraceSettings.Builder::scale);
    public static final Setting<Double> ATTENTION_TEMPERATURE = new Setting<>("attention_temperature", "--attention-temperature",
            "attention temperature", "Attention T",
            "temperature of the attention softmax: weights = softmax(scores ÷ T_attn); below 1 a query looks at fewer keys, "
                    + "above 1 at more (not the sampling temperature of the Sampling tab, which acts on the next-token logits)",
            new Real(0, false, Double.POSITIVE_INFINITY, false), 1.0,
            s -> s.attention().attentionTemperature(), TraceSettings.Builder::attentionTemperature);
    public static final Setting<Boolean> RESIDUAL_NORM = new Setting<>("residual_norm", "--residual-norm", "residual + LayerNorm",
            "Residual + LN", "add the input back and apply LayerNorm", new Flag(), false,
            s -> s.model().residualNorm(), TraceSettings.Builder::residualNorm);
    public static final Setting<Double> TEMPERATURE = new Setting<>("temperature", "--temperature", "temperature", "Sampling temperature",
            "divides the next-token logits before the softmax: 0 always takes the most likely token, below 1 sharpens the "
                    + "distribution, above 1 flattens it (not the attention temperature, which acts on the attention scores)", new Real(0, false, Double.POSITIVE_INFINITY, false), 1.0,
            s -> s.sampling().temperature(), TraceSettings.Builder::temperature);
    public static final Setting<Integer> TOP_K = new Setting<>("top_k", "--top-k", "top-k", "Top-k (0 = off)",
            "keep the k most likely tokens", new Whole(0, Integer.MAX_VALUE, "0 = off"), 0,
            s -> s.sampling().topK(), TraceSettings.Builder::topK);
    public static final Setting<Double> TOP_P = new Setting<>("top_p", "--top-p", "top-p", "Top-p",
            "keep the most likely tokens up to mass p (1 = off)", new Real(0, true, 1, false), 1.0,
            s -> s.sampling().topP(), TraceSettings.Builder::topP);
    public static final Setting<Long> SAMPLE_SEED = new Setting<>("sample_seed", "--sample-seed", "sample seed", "Sample seed",
            "seed for the next-token draw", new Seed(), 0L, s -> s.sampling().sampleSeed(), TraceSettings.Builder::sampleSeed);

    /** In the order files write them and the command line lists them. */
    public static final List<Setting<?>> ALL = List.of(TEXT, SOURCE_TEXT, TOKENIZER, BPE_MERGES, SEED, VOCAB_SIZE, D_MODEL, HEADS,
            D_K, D_V, PADDING_IDX, MAX_NORM, NORM_TYPE, POSITIONAL, MASK, PAD_TO, FILL, SCALE, ATTENTION_TEMPERATURE, RESIDUAL_NORM,
            TEMPERATURE, TOP_K, TOP_P, SAMPLE_SEED);

    /** Checks every value on its own; {@link TraceEngine} then checks how they combine. */
    public static void checkEach(TraceSettings s) {
        for (Setting<?> setting : ALL) setting.check(s);
    }
}

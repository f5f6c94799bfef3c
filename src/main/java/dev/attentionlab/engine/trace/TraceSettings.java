package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.model.AttentionConfig;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.SamplingConfig;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.TokenizerKind;

/**
 * Everything a trace is computed from, in four groups: the input, the model it runs through, how
 * attention is computed, and how the next token is drawn. Immutable; change one field with
 * {@link #toBuilder()}. {@link SettingCatalogue} describes the settings chosen by value.
 */
public record TraceSettings(Input input, ModelSettings model, AttentionSettings attention, SamplingSettings sampling) {

    /**
     * The sentence and how it becomes tokens.
     *
     * @param sourceText    keys/values come from this text (cross-attention); null = self-attention. With a
     *                      pretrained encoder, the second sentence its embedding is compared with
     * @param bpeCorpus     text the BPE merges are learned from; null = the typed text
     * @param padTo         append padding tokens up to this length (0 = none); the padding mask hides them
     * @param inputOverride use these rows as X instead of embedding the tokens (imported inputs); null = embed
     */
    public record Input(String text, String sourceText, TokenizerKind tokenizer, int bpeMerges, String bpeCorpus, int padTo,
                        Matrix inputOverride) {}

    /**
     * The model the text runs through: a seeded preset's shapes, or imported, trained or pretrained weights.
     *
     * @param vocabSize  embedding rows; 0 = exactly the tokenizer's ids
     * @param paddingIdx nn.Embedding padding_idx, -1 for none
     * @param maxNorm    nn.Embedding max_norm, NaN for none
     * @param weights    imported weights replacing the seeded ones; null = seeded
     * @param trained    a trained language model: when set, the text runs through it (its own characters,
     *                   shapes and weights)
     * @param modelBlock which of the model's blocks the attention steps show, from 0
     * @param pretrained a published model (its own tokenizer, shapes and weights)
     */
    public record ModelSettings(Preset preset, long seed, int vocabSize, int dModel, int heads, int dk, int dv, int paddingIdx,
                                double maxNorm, double normType, boolean positional, boolean residualNorm,
                                ImportedWeights weights, TrainedModel trained, int modelBlock, PretrainedModel pretrained) {}

    /** @param customMask the user's mask for {@link MaskKind#CUSTOM} */
    public record AttentionSettings(MaskKind mask, MaskMatrix customMask, MaskFill fill, ScaleMode scale,
                                    double attentionTemperature) {}

    public record SamplingSettings(double temperature, int topK, double topP, long sampleSeed) {}

    public static final String NOTEBOOK_PROMPT = "Hello World I am an attention seeker I love attention";

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.text = input.text;
        b.sourceText = input.sourceText;
        b.tokenizer = input.tokenizer;
        b.bpeMerges = input.bpeMerges;
        b.bpeCorpus = input.bpeCorpus;
        b.padTo = input.padTo;
        b.inputOverride = input.inputOverride;
        b.preset = model.preset;
        b.seed = model.seed;
        b.vocabSize = model.vocabSize;
        b.dModel = model.dModel;
        b.heads = model.heads;
        b.dk = model.dk;
        b.dv = model.dv;
        b.paddingIdx = model.paddingIdx;
        b.maxNorm = model.maxNorm;
        b.normType = model.normType;
        b.positional = model.positional;
        b.residualNorm = model.residualNorm;
        b.weights = model.weights;
        b.trained = model.trained;
        b.modelBlock = model.modelBlock;
        b.pretrained = model.pretrained;
        b.mask = attention.mask;
        b.customMask = attention.customMask;
        b.fill = attention.fill;
        b.scale = attention.scale;
        b.attentionTemperature = attention.attentionTemperature;
        b.temperature = sampling.temperature;
        b.topK = sampling.topK;
        b.topP = sampling.topP;
        b.sampleSeed = sampling.sampleSeed;
        return b;
    }

    public AttentionConfig attentionConfig() {
        return new AttentionConfig(model.heads, attention.scale, attention.fill, attention.attentionTemperature);
    }

    public SamplingConfig samplingConfig() {
        return new SamplingConfig(sampling.temperature, sampling.topK, sampling.topP, sampling.sampleSeed);
    }

    /** Mutable staging for a {@link TraceSettings}; each setting starts at its catalogue default (the notebook's). */
    public static final class Builder {
        private String text = SettingCatalogue.TEXT.defaultValue();
        private String sourceText = SettingCatalogue.SOURCE_TEXT.defaultValue();
        private TokenizerKind tokenizer = SettingCatalogue.TOKENIZER.defaultValue();
        private int bpeMerges = SettingCatalogue.BPE_MERGES.defaultValue();
        private String bpeCorpus;
        private Preset preset = Preset.NOTEBOOK;
        private long seed = SettingCatalogue.SEED.defaultValue();
        private int vocabSize = SettingCatalogue.VOCAB_SIZE.defaultValue();
        private int dModel = SettingCatalogue.D_MODEL.defaultValue();
        private int heads = SettingCatalogue.HEADS.defaultValue();
        private int dk = SettingCatalogue.D_K.defaultValue();
        private int dv = SettingCatalogue.D_V.defaultValue();
        private int paddingIdx = SettingCatalogue.PADDING_IDX.defaultValue();
        private double maxNorm = SettingCatalogue.MAX_NORM.defaultValue();
        private double normType = SettingCatalogue.NORM_TYPE.defaultValue();
        private boolean positional = SettingCatalogue.POSITIONAL.defaultValue();
        private MaskKind mask = SettingCatalogue.MASK.defaultValue();
        private MaskMatrix customMask;
        private int padTo = SettingCatalogue.PAD_TO.defaultValue();
        private MaskFill fill = SettingCatalogue.FILL.defaultValue();
        private ScaleMode scale = SettingCatalogue.SCALE.defaultValue();
        private double attentionTemperature = SettingCatalogue.ATTENTION_TEMPERATURE.defaultValue();
        private boolean residualNorm = SettingCatalogue.RESIDUAL_NORM.defaultValue();
        private double temperature = SettingCatalogue.TEMPERATURE.defaultValue();
        private int topK = SettingCatalogue.TOP_K.defaultValue();
        private double topP = SettingCatalogue.TOP_P.defaultValue();
        private long sampleSeed = SettingCatalogue.SAMPLE_SEED.defaultValue();
        private Matrix inputOverride;
        private ImportedWeights weights;
        private TrainedModel trained;
        private int modelBlock;
        private PretrainedModel pretrained;

        public Builder text(String v) { text = v; return this; }
        public Builder sourceText(String v) { sourceText = v; return this; }
        public Builder tokenizer(TokenizerKind v) { tokenizer = v; return this; }
        public Builder bpeMerges(int v) { bpeMerges = v; return this; }
        public Builder bpeCorpus(String v) { bpeCorpus = v; return this; }
        public Builder preset(Preset v) { preset = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder vocabSize(int v) { vocabSize = v; return this; }
        public Builder dModel(int v) { dModel = v; return this; }
        public Builder heads(int v) { heads = v; return this; }
        public Builder dk(int v) { dk = v; return this; }
        public Builder dv(int v) { dv = v; return this; }
        public Builder paddingIdx(int v) { paddingIdx = v; return this; }
        public Builder maxNorm(double v) { maxNorm = v; return this; }
        public Builder normType(double v) { normType = v; return this; }
        public Builder positional(boolean v) { positional = v; return this; }
        public Builder mask(MaskKind v) { mask = v; return this; }
        public Builder modelBlock(int v) { modelBlock = v; return this; }

        /** The trained model, as is; the other settings must already fit it (see {@link #adoptModel}). */
        public Builder trained(TrainedModel m) {
            trained = m;
            return this;
        }

        /**
         * Runs the text through a trained model, adopting its shapes so every step's numbers are the
         * model's: character tokens, d_model, heads, d_k = d_v, learned positions, the causal mask it was
         * trained with.
         */
        public Builder adoptModel(TrainedModel m) {
            trained = m;
            if (m != null) {
                LmConfig c = m.config();
                tokenizer = TokenizerKind.CHAR;
                dModel = c.dModel();
                heads = c.heads();
                dk = c.dk();
                dv = c.dk();
                vocabSize = 0;
                positional = true;
                mask = MaskKind.CAUSAL;
                residualNorm = false;
                modelBlock = Math.min(modelBlock, c.layers() - 1);
                sourceText = null;
                padTo = 0;
                inputOverride = null;
                weights = null;
                pretrained = null;
            }
            return this;
        }

        /** The pretrained model, as is; {@link Preset#defaults()} of its preset gives the settings that fit it. */
        public Builder pretrained(PretrainedModel m) {
            pretrained = m;
            return this;
        }

        /**
         * Runs the text through a pretrained model with its own shapes and tokenizer; sampling,
         * padding, imported inputs and the trained model do not apply to it.
         */
        public Builder adoptPretrained(PretrainedModel m) {
            pretrained = m;
            if (m != null) {
                tokenizer = m.tokenizer().kind();
                dModel = m.dModel();
                heads = m.heads();
                dk = m.dk();
                dv = m.dk();
                vocabSize = 0;
                positional = true;
                // A decoder reads only what came before (GPT-2); an encoder reads the whole sentence (BERT).
                mask = m.transformer().predictsTokens() ? MaskKind.CAUSAL : MaskKind.NONE;
                residualNorm = false;
                modelBlock = Math.min(modelBlock, m.layers() - 1);
                padTo = 0;
                inputOverride = null;
                weights = null;
                trained = null;
            }
            return this;
        }
        public Builder customMask(MaskMatrix v) { customMask = v; return this; }
        public Builder padTo(int v) { padTo = v; return this; }
        public Builder fill(MaskFill v) { fill = v; return this; }
        public Builder scale(ScaleMode v) { scale = v; return this; }
        public Builder attentionTemperature(double v) { attentionTemperature = v; return this; }
        public Builder residualNorm(boolean v) { residualNorm = v; return this; }
        public Builder temperature(double v) { temperature = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder topP(double v) { topP = v; return this; }
        public Builder sampleSeed(long v) { sampleSeed = v; return this; }
        public Builder inputOverride(Matrix v) { inputOverride = v; return this; }
        public Builder weights(ImportedWeights v) { weights = v; return this; }

        public TraceSettings build() {
            return new TraceSettings(new Input(text, sourceText, tokenizer, bpeMerges, bpeCorpus, padTo, inputOverride),
                    new ModelSettings(preset, seed, vocabSize, dModel, heads, dk, dv, paddingIdx, maxNorm, normType, positional,
                            residualNorm, weights, trained, modelBlock, pretrained),
                    new AttentionSettings(mask, customMask, fill, scale, attentionTemperature),
                    new SamplingSettings(temperature, topK, topP, sampleSeed));
        }
    }
}

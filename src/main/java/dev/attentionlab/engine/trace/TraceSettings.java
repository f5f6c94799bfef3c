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
 * Everything a trace is computed from. Immutable; change one field with {@link #toBuilder()}.
 *
 * @param sourceText   keys/values come from this text (cross-attention); null = self-attention
 * @param bpeCorpus    text the BPE merges are learned from; null = the typed text
 * @param vocabSize    embedding rows; 0 = exactly the tokenizer's ids
 * @param paddingIdx   nn.Embedding padding_idx, -1 for none
 * @param maxNorm      nn.Embedding max_norm, NaN for none
 * @param customMask   the user's mask for {@link MaskKind#CUSTOM}
 * @param padTo        append padding tokens up to this length (0 = none); the padding mask hides them
 * @param inputOverride use these rows as X instead of embedding the tokens (imported inputs); null = embed
 * @param weights      imported weights replacing the seeded ones; null = seeded
 * @param model        a trained language model: when set, the text runs through it (its own characters,
 *                     shapes and weights) and the views show block {@code modelBlock}'s attention
 * @param modelBlock   which of the model's blocks the attention steps show, from 0
 * @param pretrained   a published model (its own tokenizer, shapes and weights); when set, {@code sourceText}
 *                     is the second sentence its embedding is compared with, not a cross-attention source
 */
public record TraceSettings(String text, String sourceText, TokenizerKind tokenizer, int bpeMerges, String bpeCorpus,
                            Preset preset, long seed, int vocabSize, int dModel, int heads, int dk, int dv,
                            int paddingIdx, double maxNorm, double normType, boolean positional,
                            MaskKind mask, MaskMatrix customMask, int padTo, MaskFill fill, ScaleMode scale,
                            double attentionTemperature, boolean residualNorm,
                            double temperature, int topK, double topP, long sampleSeed,
                            Matrix inputOverride, ImportedWeights weights, TrainedModel model, int modelBlock,
                            PretrainedModel pretrained) {

    public static final String NOTEBOOK_PROMPT = "Hello World I am an attention seeker I love attention";

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.text = text;
        b.sourceText = sourceText;
        b.tokenizer = tokenizer;
        b.bpeMerges = bpeMerges;
        b.bpeCorpus = bpeCorpus;
        b.preset = preset;
        b.seed = seed;
        b.vocabSize = vocabSize;
        b.dModel = dModel;
        b.heads = heads;
        b.dk = dk;
        b.dv = dv;
        b.paddingIdx = paddingIdx;
        b.maxNorm = maxNorm;
        b.normType = normType;
        b.positional = positional;
        b.mask = mask;
        b.customMask = customMask;
        b.padTo = padTo;
        b.fill = fill;
        b.scale = scale;
        b.attentionTemperature = attentionTemperature;
        b.residualNorm = residualNorm;
        b.temperature = temperature;
        b.topK = topK;
        b.topP = topP;
        b.sampleSeed = sampleSeed;
        b.inputOverride = inputOverride;
        b.weights = weights;
        b.model = model;
        b.modelBlock = modelBlock;
        b.pretrained = pretrained;
        return b;
    }

    public AttentionConfig attentionConfig() {
        return new AttentionConfig(heads, scale, fill, attentionTemperature);
    }

    public SamplingConfig samplingConfig() {
        return new SamplingConfig(temperature, topK, topP, sampleSeed);
    }

    /** Mutable staging for a {@link TraceSettings}; defaults are the notebook's. */
    public static final class Builder {
        private String text = NOTEBOOK_PROMPT;
        private String sourceText;
        private TokenizerKind tokenizer = TokenizerKind.NOTEBOOK;
        private int bpeMerges = 40;
        private String bpeCorpus;
        private Preset preset = Preset.NOTEBOOK;
        private long seed = 123;
        private int vocabSize = 50_000;
        private int dModel = 3;
        private int heads = 1;
        private int dk = 24;
        private int dv = 28;
        private int paddingIdx = -1;
        private double maxNorm = Double.NaN;
        private double normType = 2.0;
        private boolean positional;
        private MaskKind mask = MaskKind.NONE;
        private MaskMatrix customMask;
        private int padTo;
        private MaskFill fill = MaskFill.NEGATIVE_INFINITY;
        private ScaleMode scale = ScaleMode.INV_SQRT_DK;
        private double attentionTemperature = 1.0;
        private boolean residualNorm;
        private double temperature = 1.0;
        private int topK;
        private double topP = 1.0;
        private long sampleSeed;
        private Matrix inputOverride;
        private ImportedWeights weights;
        private TrainedModel model;
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
        public Builder model(TrainedModel m) {
            model = m;
            return this;
        }

        /**
         * Runs the text through a trained model, adopting its shapes so every step's numbers are the
         * model's: character tokens, d_model, heads, d_k = d_v, learned positions, the causal mask it was
         * trained with.
         */
        public Builder adoptModel(TrainedModel m) {
            model = m;
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
                model = null;
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
            return new TraceSettings(text, sourceText, tokenizer, bpeMerges, bpeCorpus, preset, seed, vocabSize,
                    dModel, heads, dk, dv, paddingIdx, maxNorm, normType, positional, mask, customMask, padTo,
                    fill, scale, attentionTemperature, residualNorm, temperature, topK, topP, sampleSeed,
                    inputOverride, weights, model, modelBlock, pretrained);
        }
    }
}

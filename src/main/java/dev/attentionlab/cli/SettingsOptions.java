package dev.attentionlab.cli;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.io.BundledCorpus;
import dev.attentionlab.io.PretrainedModels;
import dev.attentionlab.io.TextFiles;
import dev.attentionlab.io.WeightsImport;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The trace settings as command-line options; anything not given keeps the preset's value. */
final class SettingsOptions {
    @Option(names = "--preset", description = "notebook | small-multi-head | custom | minilm (default: notebook)")
    String preset = "notebook";

    @Option(names = "--model", paramLabel = "NAME|DIR|FILE", description = "a pretrained model: all-minilm-l6-v2 (bundled), or a GPT-2 "
            + "checkpoint: a Hugging Face folder (config.json, model.safetensors, vocab.json, merges.txt) or a .safetensors file")
    String model;

    @Option(names = "--text", description = "the sentence")
    String text;

    @Option(names = "--source-text", description = "keys/values from this text instead (cross-attention); with a pretrained model, the sentence to compare with")
    String sourceText;

    @Option(names = "--tokenizer", description = "notebook | first-seen | char | bpe")
    String tokenizer;

    @Option(names = "--bpe-merges", description = "number of BPE merges to learn")
    Integer bpeMerges;

    @Option(names = "--bpe-corpus", paramLabel = "bundled|FILE", description = "learn BPE merges from the bundled corpus or a UTF-8 text file instead of the sentence")
    String bpeCorpus;

    @Option(names = "--seed", description = "seed for the embedding and weights (torch.manual_seed)")
    Long seed;

    @Option(names = "--vocab-size", description = "embedding rows (0 = the tokenizer's ids)")
    Integer vocabSize;

    @Option(names = "--d-model", description = "embedding width d_model")
    Integer dModel;

    @Option(names = "--heads", description = "number of attention heads")
    Integer heads;

    @Option(names = "--dk", description = "query/key width per head")
    Integer dk;

    @Option(names = "--dv", description = "value width per head")
    Integer dv;

    @Option(names = "--positional", negatable = true, description = "add sinusoidal positional encoding")
    Boolean positional;

    @Option(names = "--mask", description = "none | causal | padding")
    String mask;

    @Option(names = "--pad-to", description = "pad the sentence with <pad> tokens to this length")
    Integer padTo;

    @Option(names = "--score-scale", description = "what QKᵀ is divided by: sqrt-dk | none | sqrt-dmodel")
    String scale;

    @Option(names = "--fill", description = "masked score value: -inf | -1e9")
    String fill;

    @Option(names = "--attention-temperature", description = "softmax temperature on the attention scores")
    Double attentionTemperature;

    @Option(names = "--residual-norm", negatable = true, description = "add the residual and apply LayerNorm")
    Boolean residualNorm;

    @Option(names = "--temperature", description = "sampling temperature (0 = greedy)")
    Double temperature;

    @Option(names = "--top-k", description = "keep the k most likely tokens (0 = off)")
    Integer topK;

    @Option(names = "--top-p", description = "keep the most likely tokens up to mass p (1 = off)")
    Double topP;

    @Option(names = "--sample-seed", description = "seed for the next-token draw")
    Long sampleSeed;

    @Option(names = "--weights", paramLabel = "FILE", description = "JSON weights in the fixtures' inputs format (nn.MultiheadAttention state_dict, W_q/W_k/W_v, embedding weight, x or text)")
    Path weights;

    TraceSettings toSettings() {
        // --model names the bundled encoder (its preset's sentence) or a GPT-2 checkpoint (the custom preset's).
        Preset p = model == null ? Preset.fromKey(preset) : PretrainedModels.isBundled(model) ? Preset.MINILM : Preset.CUSTOM;
        TraceSettings.Builder b = p.defaults().toBuilder();
        String pretrained = model != null ? model : p.pretrainedKey();
        if (pretrained != null) {
            if (weights != null) throw new InvalidInputException("--weights does not apply to a pretrained model");
            b.adoptPretrained(PretrainedModels.open(pretrained));
        }
        if (weights != null) applyWeights(b);
        if (text != null) b.text(text);
        if (sourceText != null) b.sourceText(sourceText);
        if (tokenizer != null) b.tokenizer(TokenizerKind.fromKey(tokenizer));
        if (bpeMerges != null) b.bpeMerges(bpeMerges);
        if (bpeCorpus != null) {
            b.bpeCorpus(bpeCorpus.equals(BundledCorpus.NAME) ? BundledCorpus.text() : TextFiles.readCorpus(Path.of(bpeCorpus)));
        }
        if (seed != null) b.seed(seed);
        if (vocabSize != null) b.vocabSize(vocabSize);
        if (dModel != null) b.dModel(dModel);
        if (heads != null) b.heads(heads);
        if (dk != null) b.dk(dk);
        if (dv != null) b.dv(dv);
        if (positional != null) b.positional(positional);
        if (mask != null) b.mask(maskKind(mask));
        if (padTo != null) b.padTo(padTo);
        if (scale != null) b.scale(scaleMode(scale));
        if (fill != null) b.fill(maskFill(fill));
        if (attentionTemperature != null) b.attentionTemperature(attentionTemperature);
        if (residualNorm != null) b.residualNorm(residualNorm);
        if (temperature != null) b.temperature(temperature);
        if (topK != null) b.topK(topK);
        if (topP != null) b.topP(topP);
        if (sampleSeed != null) b.sampleSeed(sampleSeed);
        return b.build();
    }

    /** The files these options read, which an output must not replace. */
    java.util.List<Path> inputFiles() {
        java.util.List<Path> files = new java.util.ArrayList<>();
        if (weights != null) files.add(weights);
        if (bpeCorpus != null && !bpeCorpus.equals(BundledCorpus.NAME)) files.add(Path.of(bpeCorpus));
        return files;
    }

    private void applyWeights(TraceSettings.Builder b) {
        WeightsImport.Imported w = WeightsImport.readFile(weights);
        w.applyTo(b, heads);
        if (w.mask() == null && mask == null) b.mask(MaskKind.NONE);
    }

    static MaskKind maskKind(String s) {
        for (MaskKind k : MaskKind.values()) if (k.label().equalsIgnoreCase(s)) return k;
        throw new InvalidInputException("unknown mask '" + s + "' (use none, causal or padding)");
    }

    static ScaleMode scaleMode(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "sqrt-dk", "1/sqrt(dk)", "dk" -> ScaleMode.INV_SQRT_DK;
            case "none", "1" -> ScaleMode.NONE;
            case "sqrt-dmodel", "1/sqrt(dmodel)", "dmodel" -> ScaleMode.INV_SQRT_DMODEL;
            default -> throw new InvalidInputException("unknown scale '" + s + "' (use sqrt-dk, none or sqrt-dmodel)");
        };
    }

    static MaskFill maskFill(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "-inf", "-infinity", "inf" -> MaskFill.NEGATIVE_INFINITY;
            case "-1e9", "1e9" -> MaskFill.MINUS_1E9;
            default -> throw new InvalidInputException("unknown fill '" + s + "' (use -inf or -1e9)");
        };
    }
}

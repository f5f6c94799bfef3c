package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.model.LayerNorm;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.tensor.Num;
import dev.attentionlab.engine.tensor.Softmax;
import java.util.ArrayList;
import java.util.List;

/** The ordered steps of a trace, with formulas in plain Unicode and the matrices each reads and writes. */
final class Steps {
    private Steps() {}

    static List<Step> of(Trace t) {
        TraceSettings s = t.settings();
        int h = t.heads();
        boolean cross = t.isCrossAttention();
        String kvInput = cross ? "X_src" : "X_in";
        boolean biases = t.weights().bq() != null;
        List<Step> steps = new ArrayList<>();
        TrainedModel model = s.model();
        if (model != null) {
            addModelInput(steps, t, model);
        } else {
            addSeededInput(steps, t);
        }
        addAttention(steps, t, h, cross, kvInput, biases);
        if (model != null) {
            int layers = model.config().layers();
            String after = s.modelBlock() + 1 < layers ? "blocks " + (s.modelBlock() + 2) + "…" + layers + ", " : "";
            steps.add(new Step("logits", "Logits", "logits_v = LN_f(x)[" + t.lastRealPosition() + "]·E[v]   (after all "
                    + layers + (layers == 1 ? " block)" : " blocks)"), List.of("output"), List.of("logits"),
                    "Block " + (s.modelBlock() + 1) + "'s output is added to the residual stream; its MLP, " + after
                            + "and a final LayerNorm follow. The last position's vector is then compared with every "
                            + "character's embedding (the weights are tied): the model's guess at what comes next."));
        } else {
            String y = s.residualNorm() ? "norm" : "output";
            String last = "y = " + y + "[" + t.lastRealPosition() + "]";
            steps.add(new Step("logits", "Logits", "logits_v = y·E[v],  " + last, List.of(y), List.of("logits"),
                    "The last token's vector is compared with every vocabulary embedding (the weights are tied). "
                            + "A higher dot product means a more likely next token."));
        }
        addSampling(steps, t);
        return steps;
    }

    private static void addModelInput(List<Step> steps, Trace t, TrainedModel model) {
        TraceSettings s = t.settings();
        int block = s.modelBlock();
        steps.add(new Step("tokenize", "Tokenize", "text → characters → ids", List.of(), List.of(),
                "The trained model reads characters: the text is " + t.tokens().size() + " of them, each one of the "
                        + model.alphabet().size() + " characters of the corpus it learned from."));
        steps.add(new Step("embed", "Embed", "X = E[ids]    (" + t.x().shape() + ")", List.of(), List.of("X"),
                "Each id selects one row of the embedding table E (" + t.embedding().weight().shape()
                        + "), learned in " + model.step() + " training steps: characters used alike end up with similar rows."));
        String reads = block == 0 ? "X_in = LN₁(X + P)" : "X_in = LN₁(x after block " + block + ")";
        steps.add(new Step("position", "+ Position", reads + ",  P = learned position vectors", List.of("X", "PE"),
                List.of("PE", "X_in"),
                "The model learned one vector per position (PE here) and adds it to each character's vector. "
                        + (block == 0 ? "" : "Block " + block + (block == 1 ? " has" : "s have") + " already added their results to "
                        + "that sum (the residual stream). ")
                        + "Block " + (block + 1) + " reads the stream through a LayerNorm with a learned gain and bias."));
    }

    private static void addSeededInput(List<Step> steps, Trace t) {
        TraceSettings s = t.settings();
        steps.add(new Step("tokenize", "Tokenize", "text → tokens → ids", List.of(), List.of(),
                "The " + s.tokenizer().label() + " tokenizer splits the text into " + t.tokens().size()
                        + " tokens and looks each one up in a vocabulary of " + t.tokenizer().vocabulary().size()
                        + " entries. The ids, not the letters, are all the model ever sees."));
        steps.add(new Step("embed", "Embed", "X = E[ids]    (" + t.x().shape() + ")", List.of(), List.of("X"),
                "Each id selects one row of the embedding table E (" + t.embedding().weight().shape()
                        + ", drawn from seed " + s.seed() + "). Stacking the rows gives X, one d_model = "
                        + s.dModel() + " vector per token."));
        steps.add(s.positional()
                ? new Step("position", "+ Position", "X_in = X + PE,  PE[p][2i] = sin(p/10000^(2i/d)),  PE[p][2i+1] = cos(p/10000^(2i/d))",
                        List.of("X", "PE"), List.of("PE", "X_in"),
                        "Attention itself ignores order, so a sinusoidal code of each position is added to its vector. "
                                + "Nearby positions get similar codes, which lets a head tell 'just before' from 'far away'.")
                : new Step("position", "+ Position", "X_in = X    (positional encoding off)", List.of("X"), List.of("X_in"),
                        "Positional encoding is off, so X passes through unchanged. Without it, attention cannot tell "
                                + "'dog bites man' from 'man bites dog'."));
    }

    private static void addAttention(List<Step> steps, Trace t, int h, boolean cross, String kvInput, boolean biases) {
        TraceSettings s = t.settings();
        List<String> qkvWrites = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            qkvWrites.add(Trace.headMatrix(i, "Q"));
            qkvWrites.add(Trace.headMatrix(i, "K"));
            qkvWrites.add(Trace.headMatrix(i, "V"));
        }
        String b = biases ? " + b" : "";
        steps.add(new Step("qkv", "Q, K, V", "Q = X_in·W_q" + b + ",  K = " + kvInput + "·W_k" + b + ",  V = " + kvInput + "·W_v" + b,
                cross ? List.of("X_in", "X_src", "W_q", "W_k", "W_v") : List.of("X_in", "W_q", "W_k", "W_v"), qkvWrites,
                "Three learned projections turn every token vector into a query (what it looks for), a key (what it "
                        + "offers) and a value (what it passes on). With " + h + (h == 1 ? " head" : " heads")
                        + ", each head takes its own d_k = " + s.dk() + " query/key and d_v = " + s.dv() + " value columns."));
        steps.add(perHead("scores", "QKᵀ", "S = Q·Kᵀ", h, List.of("Q", "K"), List.of("scores_raw"),
                "Every query is compared with every key by a dot product: large when they point the same way. "
                        + "Row i, column j says how much token i is interested in token j."));
        String divisor = switch (s.scale()) {
            case INV_SQRT_DK -> "√d_k = √" + s.dk() + " = " + Num.fmt(Math.sqrt(s.dk()));
            case NONE -> "1 (scaling off)";
            case INV_SQRT_DMODEL -> "√d_model = √" + s.dModel() + " = " + Num.fmt(Math.sqrt(s.dModel()));
        };
        steps.add(perHead("scale", "÷ √d_k", "S′ = S ÷ " + divisor, h, List.of("scores_raw"), List.of("scores_scaled"),
                "Dot products of d_k-dimensional vectors grow like √d_k, and large scores push the softmax into a "
                        + "near one-hot shape with vanishing gradients. Dividing by √d_k keeps them around unit size."));
        String maskText = switch (s.mask()) {
            case NONE -> "No mask is set, so every query may attend to every key and S″ = S′.";
            case CAUSAL -> "The causal mask hides the future: query i may only attend keys 0…i.";
            case PADDING -> "The padding mask hides the <pad> keys, so real tokens never attend to filler.";
            case CUSTOM -> "A hand-drawn mask hides the cells marked in the mask editor.";
        };
        steps.add(perHead("mask", "Mask", "S″ = S′ with " + s.fill().label() + " where masked", h,
                List.of("scores_scaled"), List.of("scores_masked"),
                maskText + " Masked cells become " + s.fill().label() + ", so their softmax weight is exactly 0."));
        String softmax = s.attentionTemperature() == 1.0 ? "A = softmax(S″)  row by row"
                : "A = softmax(S″ ÷ " + Num.fmt(s.attentionTemperature()) + ")  row by row";
        steps.add(perHead("softmax", "Softmax", softmax + ",  a_ij = e^(s_ij − max_i) / Σ_j e^(s_ij − max_i)", h,
                List.of("scores_masked"), List.of("weights"),
                "Each row is turned into weights that are positive and sum to 1. Subtracting the row maximum first "
                        + "changes nothing mathematically but keeps e^x from overflowing."));
        steps.add(perHead("weighted_sum", "· V", "Z = A·V", h, List.of("weights", "V"), List.of("context"),
                "Each token's new vector is the weighted average of all value vectors, using its attention weights. "
                        + "This is where information actually moves between tokens."));
        List<String> contexts = new ArrayList<>();
        for (int i = 0; i < h; i++) contexts.add(Trace.headMatrix(i, "context"));
        steps.add(new Step("concat", "Concat", h == 1 ? "Z = Z₁  (one head)" : "Z = [Z₁ | … | Z" + Num.sub(h) + "]",
                contexts, List.of("concat", "weights_avg"),
                "The heads' outputs are placed side by side, giving h·d_v = " + h * s.dv() + " columns per token. "
                        + "Each head could attend to something different; concatenation keeps all of it."));
        boolean outBias = t.weights().bo() != null;
        steps.add(new Step("output", "W_o", "O = Z·W_o" + (outBias ? " + b_o" : ""), List.of("concat", "W_o"), List.of("output"),
                "A final projection mixes the heads and maps back to d_model = " + s.dModel() + " columns. "
                        + "The result has the same shape as X_in, so layers can be stacked."));
        if (s.residualNorm()) {
            steps.add(new Step("residual_norm", "+ Residual, LayerNorm", "Y = LayerNorm(X_in + O)", List.of("X_in", "output"),
                    List.of("residual", "norm"),
                    "The layer's input is added back (a residual connection) so information can skip the layer. "
                            + "LayerNorm then rescales each row to mean 0 and variance 1."));
        }
    }

    private static void addSampling(List<Step> steps, Trace t) {
        TraceSettings s = t.settings();
        steps.add(new Step("temperature", "÷ T", s.temperature() == 0
                ? "T = 0: p = one-hot(argmax logits)" : "p = softmax(logits ÷ " + Num.fmt(s.temperature()) + ")",
                List.of("logits"), List.of("logits_T", "probs", "probs_T"),
                "Dividing the logits by a temperature T below 1 sharpens the distribution, above 1 flattens it. "
                        + "T → 0 always picks the most likely token."));
        String k = s.topK() > 0 ? "top-k = " + s.topK() : "top-k off";
        String p = s.topP() < 1 ? "top-p = " + Num.fmt(s.topP()) : "top-p off";
        steps.add(new Step("top_k_top_p", "Top-k / top-p", k + ",  " + p + ",  then renormalise",
                List.of("probs_T"), List.of("probs_topk", "probs_topp"),
                "Top-k keeps only the k most likely tokens; top-p keeps the smallest set whose probabilities add up "
                        + "to p. The survivors are rescaled to sum to 1 and everything else gets probability 0."));
        steps.add(new Step("sample", "Sample", s.temperature() == 0 ? "next = argmax p"
                : "next ~ Multinomial(p),  torch.manual_seed(" + s.sampleSeed() + ")", List.of("probs_topp"), List.of(),
                "One token is drawn with these probabilities, exactly as torch.multinomial draws it under the same seed. "
                        + "Here it is '" + t.sampledToken() + "'."));
    }

    private static Step perHead(String id, String title, String formula, int heads, List<String> reads,
                                List<String> writes, String explanation) {
        List<String> r = new ArrayList<>();
        List<String> w = new ArrayList<>();
        for (int i = 0; i < heads; i++) {
            for (String m : reads) r.add(Trace.headMatrix(i, m));
            for (String m : writes) w.add(Trace.headMatrix(i, m));
        }
        return new Step(id, title, formula, r, w, explanation);
    }
}

package dev.attentionlab.engine.trace;

import static dev.attentionlab.engine.trace.MatrixKind.*;

import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.NormPlacement;
import dev.attentionlab.engine.model.Positions;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.Num;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps of a trace, with formulas in plain Unicode and the matrices each reads and writes:
 * the input, then the shown block sub-layer by sub-layer (saying what it reads), then the head and sampling.
 */
final class Steps {
    private final Trace t;
    private final TraceSettings s;
    private final int b;
    private final Block block;
    private final Transformer.BlockPass pass;
    private final List<Step> steps = new ArrayList<>();

    private Steps(Trace t) {
        this.t = t;
        this.s = t.settings();
        this.b = t.shownBlock();
        this.block = t.model().blocks().get(b);
        this.pass = t.blockPass(b);
    }

    static List<Step> of(Trace t) {
        Steps w = new Steps(t);
        w.input();
        w.streamSoFar();
        w.attention();
        w.residual();
        w.mlp();
        w.rest();
        if (t.predictsTokens()) {
            w.logits();
            w.sampling();
        } else {
            w.pooling();
        }
        return w.steps;
    }

    private MatrixId id(MatrixKind kind) {
        return kind.scope() == MatrixKind.Scope.MODEL ? MatrixId.model(kind) : MatrixId.block(b, kind);
    }

    private void add(String id, String title, String formula, List<MatrixId> reads, List<MatrixId> writes, String explanation) {
        steps.add(new Step(id, title, formula, reads, writes, explanation));
    }

    private boolean learnedPositions() {
        return t.model().positions() instanceof Positions.Learned;
    }

    private String blocksOf(int n) {
        return n == 1 ? "1 block" : n + " blocks";
    }

    /**
     * Why the notebook's ids skip numbers and outnumber its entries: the quirk of
     * {@code {w.lower(): i for i, w in enumerate(sorted(words))}}, said with this sentence's own gaps.
     */
    private String notebookVocabulary() {
        java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
        for (var tok : t.tokens()) if (tok.id() >= 0) used.add(tok.id());
        List<String> unused = new ArrayList<>();
        for (int i = 0; !used.isEmpty() && i < used.last(); i++) if (!used.contains(i)) unused.add(Integer.toString(i));
        String gaps = "";
        if (!unused.isEmpty()) {
            String last = unused.remove(unused.size() - 1);
            gaps = " That is why the ids run to " + used.last() + " while "
                    + (unused.isEmpty() ? last + " is" : String.join(", ", unused) + " and " + last + " are") + " never used.";
        }
        return " The notebook builds its vocabulary as {w.lower(): i for i, w in enumerate(sorted(words))}: it splits only at "
                + "spaces (punctuation stays on its word), sorts with capitals first, and looks words up in lower case; a word "
                + "that comes twice sits twice in the sorted list and keeps its last position." + gaps;
    }

    private void input() {
        String origin = t.source().origin(X, -1);
        add("tokenize", "Tokenize", "text → tokens → ids", List.of(), List.of(),
                "The " + s.input().tokenizer().label() + " tokenizer splits the text into " + t.tokens().size()
                        + " tokens and looks each one up in a vocabulary of " + t.tokenizer().vocabulary().size()
                        + " entries. The ids, not the letters, are all the model ever sees."
                        + (s.input().tokenizer() == dev.attentionlab.engine.tokenize.TokenizerKind.WORDPIECE
                        ? " A word missing from the vocabulary is split into known pieces; '##' marks a piece that continues "
                        + "a word. [CLS] opens the sentence and [SEP] closes it." : "")
                        + (s.input().tokenizer() == dev.attentionlab.engine.tokenize.TokenizerKind.NOTEBOOK ? notebookVocabulary() : "")
                        + (t.tokens().stream().anyMatch(k -> k.text().equals(dev.attentionlab.engine.tokenize.BpeTokenizer.WORD_START))
                        ? " Every word starts with the mark ▁; where no learned merge joins it to the word's first letters, ▁ is "
                        + "a token of its own that covers no characters of the sentence." : "")
                        + (s.input().tokenizer() == dev.attentionlab.engine.tokenize.TokenizerKind.BYTE_BPE
                        ? " GPT-2 works on bytes: ␣ marks a piece that starts with a space, and ‹F0 9F …› shows the bytes of a "
                        + "character split across pieces (an emoji, say)." : ""));
        add("embed", "Embed", "X = E[ids]    (" + t.x().shape() + ")", List.of(), List.of(id(X)),
                "Each id selects one row of the embedding table E (" + t.embedding().weight().shape() + ", " + origin
                        + "). Stacking the rows gives X, one d_model = " + t.model().dModel() + " vector per token.");
        // Pre-LN blocks keep the sum as the stream entering block 1; the others read it as X_in directly.
        MatrixId sum = t.blockInput(0);
        String x = sum.kind() == BLOCK_IN ? "x" : "X_in";
        if (t.pass().embeddingNorm() != null) {
            add("position", "+ Position, type", "E = X + PE + T₀,  PE = learned position vectors,  T₀ = token type 0",
                    List.of(id(X), id(PE), id(TOKEN_TYPE)), List.of(id(PE), id(TOKEN_TYPE), id(EMBEDDED)),
                    "The model learned one vector per position (PE) and one per segment: every token here is in sentence A, "
                            + "so the same type vector T₀ is added to each. Their sum E holds what the token is and where it stands.");
            add("embed_norm", "LayerNorm", "X_in = LN(E) = γ·(E − μ)/√(σ² + ε) + β", List.of(id(EMBEDDED)), List.of(id(EMB_LN)),
                    "Before block 1, each token's summed vector is shifted to mean 0 and scaled to variance 1, then stretched "
                            + "by a learned gain γ and shifted by a learned bias β (ε = " + Num.fmt(t.model().embeddingNorm().eps()) + ").");
        } else if (learnedPositions()) {
            add("position", "+ Position", x + " = X + P,  P = learned position vectors", List.of(id(X), id(PE)), List.of(id(PE), sum),
                    "The model learned one vector per position (PE here) and adds it to each token's vector, so "
                            + "attention can tell 'just before' from 'far away'.");
        } else if (t.positional() != null) {
            add("position", "+ Position", x + " = X + PE,  PE[p][2i] = sin(p/10000^(2i/d)),  PE[p][2i+1] = cos(p/10000^(2i/d))",
                    List.of(id(X), id(PE)), List.of(id(PE), sum),
                    "Attention itself ignores order, so a sinusoidal code of each position is added to its vector. "
                            + "Nearby positions get similar codes, which lets a head tell 'just before' from 'far away'.");
        } else {
            add("position", "+ Position", x + " = X    (positional encoding off)", List.of(id(X)), List.of(sum),
                    "Positional encoding is off, so X passes through unchanged. Without it, attention cannot tell "
                            + "'dog bites man' from 'man bites dog'.");
        }
    }

    /** What the shown block reads: block 1 reads the embedding; block b the output of block b − 1. */
    private void streamSoFar() {
        if (b > 0) {
            MatrixId into = t.blockInput(b);
            add("earlier_blocks", b == 1 ? "Block 1" : "Blocks 1…" + b, into.kind().symbol() + " = output of block " + b,
                    List.of(t.blockInput(0)), List.of(into),
                    (b == 1 ? "Block 1 has" : "Blocks 1…" + b + " have") + " already worked on the sentence: each adds "
                            + "what its attention" + (block.mlp() != null ? " and MLP" : "") + " found to the stream of token "
                            + "vectors (the residual stream). Block " + (b + 1) + " reads the stream as block " + b + " left it.");
        }
        if (pass.ln1() != null) {
            add("ln1", "LayerNorm₁", "X_in = LN₁(x) = γ·(x − μ)/√(σ² + ε) + β", List.of(id(BLOCK_IN)), List.of(id(X_IN)),
                    "Block " + (b + 1) + " reads the stream through a LayerNorm: each token's vector is shifted to mean 0 and "
                            + "scaled to variance 1, then stretched by a learned gain γ and shifted by a learned bias β.");
        }
    }

    private void attention() {
        int h = t.heads();
        boolean cross = t.isCrossAttention();
        MatrixId kvInput = cross ? MatrixId.model(X_SRC) : id(X_IN);
        String kv = cross ? "X_src" : "X_in";
        boolean biases = t.weights().bq() != null;
        List<MatrixId> qkvWrites = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            qkvWrites.add(t.id(Q, i));
            qkvWrites.add(t.id(K, i));
            qkvWrites.add(t.id(V, i));
        }
        String plusB = biases ? " + b" : "";
        add("qkv", "Q, K, V", "Q = X_in·W_q" + plusB + ",  K = " + kv + "·W_k" + plusB + ",  V = " + kv + "·W_v" + plusB,
                cross ? List.of(id(X_IN), kvInput, id(W_Q), id(W_K), id(W_V)) : List.of(id(X_IN), id(W_Q), id(W_K), id(W_V)), qkvWrites,
                "Three learned projections turn every token vector into a query (what it looks for), a key (what it "
                        + "offers) and a value (what it passes on). With " + h + (h == 1 ? " head" : " heads")
                        + ", each head takes its own d_k = " + t.head(0).dk() + " query/key and d_v = " + t.head(0).dv() + " value columns.");
        perHead("scores", "QKᵀ", "S = Q·Kᵀ", List.of(Q, K), List.of(SCORES_RAW),
                "Every query is compared with every key by a dot product: large when they point the same way. "
                        + "Row i, column j says how much token i is interested in token j.");
        int dk = t.head(0).dk();
        String divisor = switch (s.attention().scale()) {
            case INV_SQRT_DK -> "√d_k = √" + dk + " = " + Num.fmt(Math.sqrt(dk));
            case NONE -> "1 (scaling off)";
            case INV_SQRT_DMODEL -> "√d_model = √" + t.model().dModel() + " = " + Num.fmt(Math.sqrt(t.model().dModel()));
        };
        perHead("scale", "÷ √d_k", "S′ = S ÷ " + divisor, List.of(SCORES_RAW), List.of(SCORES_SCALED),
                "Dot products of d_k-dimensional vectors grow like √d_k, and large scores push the softmax into a "
                        + "near one-hot shape with vanishing gradients. Dividing by √d_k keeps them around unit size.");
        String maskText = switch (s.attention().mask()) {
            case NONE -> "No mask is set, so every query may attend to every key and S″ = S′.";
            case CAUSAL -> "The causal mask hides the future: query i may only attend keys 0…i.";
            case PADDING -> "The padding mask hides the <pad> keys, so real tokens never attend to filler.";
            case CUSTOM -> "A hand-drawn mask hides the cells marked in the mask editor.";
        };
        perHead("mask", "Mask", "S″ = S′ with " + s.attention().fill().label() + " where masked", List.of(SCORES_SCALED), List.of(SCORES_MASKED),
                maskText + " Masked cells become " + s.attention().fill().label() + ", so their softmax weight is exactly 0.");
        String softmax = s.attention().attentionTemperature() == 1.0 ? "A = softmax(S″)  row by row"
                : "A = softmax(S″ ÷ " + Num.fmt(s.attention().attentionTemperature()) + ")  row by row";
        perHead("softmax", "Softmax", softmax + ",  a_ij = e^(s_ij − max_i) / Σ_j e^(s_ij − max_i)", List.of(SCORES_MASKED), List.of(WEIGHTS),
                "Each row is turned into weights that are positive and sum to 1. Subtracting the row maximum first "
                        + "changes nothing mathematically but keeps e^x from overflowing.");
        perHead("weighted_sum", "· V", "Z = A·V", List.of(WEIGHTS, V), List.of(CONTEXT),
                "Each token's new vector is the weighted average of all value vectors, using its attention weights. "
                        + "This is where information actually moves between tokens.");
        List<MatrixId> contexts = new ArrayList<>();
        for (int i = 0; i < h; i++) contexts.add(t.id(CONTEXT, i));
        add("concat", "Concat", h == 1 ? "Z = Z₁  (one head)" : "Z = [Z₁ | … | Z" + Num.sub(h) + "]", contexts,
                List.of(id(CONCAT), id(WEIGHTS_AVG)),
                "The heads' outputs are placed side by side, giving h·d_v = " + t.attention().concat().cols() + " columns per token. "
                        + "Each head could attend to something different; concatenation keeps all of it.");
        boolean outBias = t.weights().bo() != null;
        add("output", "W_o", "O = Z·W_o" + (outBias ? " + b_o" : ""), List.of(id(CONCAT), id(W_O)), List.of(id(OUTPUT)),
                "A final projection mixes the heads and maps back to d_model = " + t.model().dModel() + " columns. "
                        + "The result has the same shape as X_in, so layers can be stacked.");
    }

    private void residual() {
        switch (block.placement()) {
            case POST -> add("residual_norm", "+ Residual, LayerNorm", "Y = LayerNorm(X_in + O)", List.of(id(X_IN), id(OUTPUT)),
                    List.of(id(RESIDUAL), id(NORM)),
                    "The layer's input is added back (a residual connection) so information can skip the layer. "
                            + "LayerNorm then rescales each row to mean 0 and variance 1"
                            + (block.norm1().learned() ? ", then applies a learned gain and bias." : "."));
            case PRE -> add("residual", "+ Residual", "x′ = x + O", List.of(id(BLOCK_IN), id(OUTPUT)), List.of(id(RESIDUAL)),
                    "The attention's result is added to the stream it read (a residual connection): the block only "
                            + "adds what it found, and everything else passes through unchanged.");
            case NONE -> { }
        }
    }

    private void mlp() {
        if (block.mlp() == null) return;
        boolean pre = block.placement() == NormPlacement.PRE;
        MatrixId in = pre ? id(LN2) : id(NORM);
        if (pre) {
            add("ln2", "LayerNorm₂", "h = LN₂(x′)", List.of(id(RESIDUAL)), List.of(id(LN2)),
                    "Before the MLP, the stream goes through a second LayerNorm with its own learned gain and bias.");
        }
        add("mlp", "MLP", "H = h·W₁ + b₁,  GELU(H) = " + block.mlp().gelu().formula().replace('h', 'H'),
                List.of(in, id(W_1)), List.of(id(MLP_HIDDEN), id(MLP_ACT)),
                "Each token's vector, on its own, is widened to " + block.mlp().hidden() + " features and passed through GELU, "
                        + "a smooth gate that lets positive features through and quiets negative ones. No information moves "
                        + "between tokens here: that was attention's job.");
        List<MatrixId> writes = new ArrayList<>(List.of(id(MLP_OUT), id(RESIDUAL2)));
        if (!pre) writes.add(id(NORM2));
        add("mlp_out", "MLP out + Residual", pre ? "M = GELU(H)·W₂ + b₂,  x″ = x′ + M" : "M = GELU(H)·W₂ + b₂,  Y = LayerNorm(h + M)",
                List.of(id(MLP_ACT), id(W_2)), writes,
                "A second projection narrows the features back to d_model = " + t.model().dModel() + ", and the result is added "
                        + "to the stream. This is what block " + (b + 1) + " hands on.");
    }

    /** The blocks after the shown one and the final norm. */
    private void rest() {
        int n = t.blocks();
        if (b + 1 < n) {
            add("later_blocks", b + 2 == n ? "Block " + n : "Blocks " + (b + 2) + "…" + n,
                    b + 2 == n ? "x = block " + n + "(x)" : "x = block " + n + "(… block " + (b + 2) + "(x))",
                    List.of(t.blockOutput(b)), List.of(t.blockOutput(n - 1)),
                    (b + 2 == n ? "Block " + n + " reads" : "Blocks " + (b + 2) + "…" + n + " read") + " what block " + (b + 1)
                            + " handed on and add their own results; pick another block to see theirs.");
        }
        MatrixId hidden = t.blockOutput(n - 1);
        if (t.pass().finalNorm() != null) {
            add("final_norm", "Final LayerNorm", "LN_f(x)", List.of(hidden), List.of(MatrixId.model(LN_F)),
                    "After the last block the stream goes through one more LayerNorm, so the vectors compared with the "
                            + "vocabulary are on a common scale.");
        }
    }

    /** The last hidden state of the sentence. */
    private MatrixId hidden() {
        return t.pass().finalNorm() != null ? MatrixId.model(LN_F) : t.blockOutput(t.blocks() - 1);
    }

    private void logits() {
        int n = t.blocks();
        int last = t.lastRealPosition();
        MatrixId hidden = hidden();
        String y = t.pass().finalNorm() != null ? "LN_f(x)" : "y";
        String formula = "logits_v = " + y + "[" + last + "]·E[v]" + (t.pass().finalNorm() != null ? "   (after " + blocksOf(n) + ")"
                : ",  y = " + hidden.kind().key());
        add("logits", "Logits", formula, List.of(hidden), List.of(MatrixId.model(LOGITS)),
                "The last token's vector is compared with every vocabulary embedding (the weights are tied). "
                        + "A higher dot product means a more likely next token.");
    }

    /** An encoder's head: the sentence embedding, and its similarity to a second sentence. */
    private void pooling() {
        int n = t.tokens().size();
        add("pool", "Mean pooling", "m = (h₀ + … + h" + Num.sub(n - 1) + ") / " + n + ",  u = m / ‖m‖", List.of(hidden()),
                List.of(MatrixId.model(MEAN_POOLED), MatrixId.model(SENTENCE_EMBEDDING)),
                "This model has no next-token head: it was trained so that the average of its last token vectors says "
                        + "what the sentence means. Dividing by the length gives the sentence embedding u, a point on the unit sphere "
                        + "of " + t.model().dModel() + " dimensions.");
        Trace.Comparison other = t.pooling().other();
        if (other != null) {
            add("similarity", "Similarity", "cos(u, v) = u·v = " + Num.fmt(other.cosine()),
                    List.of(MatrixId.model(SENTENCE_EMBEDDING), MatrixId.model(OTHER_EMBEDDING)), List.of(MatrixId.model(SIMILARITY)),
                    "The second sentence, '" + other.text() + "', goes through the same model to give v. Because both have "
                            + "length 1, their dot product is the cosine of the angle between them: near 1 for sentences that mean "
                            + "the same, near 0 for unrelated ones.");
        }
    }

    private void sampling() {
        add("temperature", "÷ T", s.sampling().temperature() == 0
                        ? "T = 0: p = one-hot(argmax logits)" : "p = softmax(logits ÷ " + Num.fmt(s.sampling().temperature()) + ")",
                List.of(MatrixId.model(LOGITS)), List.of(MatrixId.model(LOGITS_T), MatrixId.model(PROBS), MatrixId.model(PROBS_T)),
                "Dividing the logits by a temperature T below 1 sharpens the distribution, above 1 flattens it. "
                        + "T → 0 always picks the most likely token.");
        String k = s.sampling().topK() > 0 ? "top-k = " + s.sampling().topK() : "top-k off";
        String p = s.sampling().topP() < 1 ? "top-p = " + Num.fmt(s.sampling().topP()) : "top-p off";
        add("top_k_top_p", "Top-k / top-p", k + ",  " + p + ",  then renormalise",
                List.of(MatrixId.model(PROBS_T)), List.of(MatrixId.model(PROBS_TOPK), MatrixId.model(PROBS_TOPP)),
                "Top-k keeps only the k most likely tokens; top-p keeps the smallest set whose probabilities add up "
                        + "to p. The survivors are rescaled to sum to 1 and everything else gets probability 0.");
        add("sample", "Sample", s.sampling().temperature() == 0 ? "next = argmax p"
                        : "next ~ Multinomial(p),  torch.manual_seed(" + s.sampling().sampleSeed() + ")", List.of(MatrixId.model(PROBS_TOPP)), List.of(),
                "One token is drawn with these probabilities, exactly as torch.multinomial draws it under the same seed. "
                        + "Here it is '" + t.sampledToken() + "'.");
    }

    private void perHead(String id, String title, String formula, List<MatrixKind> reads, List<MatrixKind> writes, String explanation) {
        List<MatrixId> r = new ArrayList<>();
        List<MatrixId> w = new ArrayList<>();
        for (int i = 0; i < t.heads(); i++) {
            for (MatrixKind m : reads) r.add(t.id(m, i));
            for (MatrixKind m : writes) w.add(t.id(m, i));
        }
        add(id, title, formula, r, w, explanation);
    }
}

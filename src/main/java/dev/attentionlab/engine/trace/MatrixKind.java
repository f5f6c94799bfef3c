package dev.attentionlab.engine.trace;

/**
 * What a trace matrix is, whichever block or head it belongs to: its name in files and on the command
 * line, its symbol on screen, what its rows and columns stand for, and whether there is one per block
 * or one per head.
 */
public enum MatrixKind {
    X("X", "X", Axis.TOKENS, Axis.FEATURES, Scope.MODEL),
    PE("PE", "PE", Axis.TOKENS, Axis.FEATURES, Scope.MODEL),
    X_SRC("X_src", "X_src", Axis.SOURCE_TOKENS, Axis.FEATURES, Scope.MODEL),
    TOKEN_TYPE("token_type", "T₀", Axis.TOKENS, Axis.FEATURES, Scope.MODEL),
    EMBEDDED("embedded", "X + PE + T₀", Axis.TOKENS, Axis.FEATURES, Scope.MODEL),
    EMB_LN("emb_ln", "LN_emb", Axis.TOKENS, Axis.FEATURES, Scope.MODEL),
    BLOCK_IN("block_in", "x", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    X_IN("X_in", "X_in", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    W_Q("W_q", "W_q", Axis.FEATURES, Axis.PLAIN, Scope.BLOCK),
    W_K("W_k", "W_k", Axis.FEATURES, Axis.PLAIN, Scope.BLOCK),
    W_V("W_v", "W_v", Axis.FEATURES, Axis.PLAIN, Scope.BLOCK),
    Q("Q", "Q", Axis.TOKENS, Axis.PLAIN, Scope.HEAD),
    K("K", "K", Axis.SOURCE_TOKENS, Axis.PLAIN, Scope.HEAD),
    V("V", "V", Axis.SOURCE_TOKENS, Axis.PLAIN, Scope.HEAD),
    SCORES_RAW("scores_raw", "S", Axis.TOKENS, Axis.SOURCE_TOKENS, Scope.HEAD),
    SCORES_SCALED("scores_scaled", "S′", Axis.TOKENS, Axis.SOURCE_TOKENS, Scope.HEAD),
    SCORES_MASKED("scores_masked", "S″", Axis.TOKENS, Axis.SOURCE_TOKENS, Scope.HEAD),
    WEIGHTS("weights", "A", Axis.TOKENS, Axis.SOURCE_TOKENS, Scope.HEAD),
    CONTEXT("context", "Z", Axis.TOKENS, Axis.PLAIN, Scope.HEAD),
    WEIGHTS_AVG("weights_avg", "Ā", Axis.TOKENS, Axis.SOURCE_TOKENS, Scope.BLOCK),
    CONCAT("concat", "Z", Axis.TOKENS, Axis.PLAIN, Scope.BLOCK),
    W_O("W_o", "W_o", Axis.PLAIN, Axis.FEATURES, Scope.BLOCK),
    OUTPUT("output", "O", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    RESIDUAL("residual", "x + O", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    NORM("norm", "LN(x + O)", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    LN2("ln2", "LN₂", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    W_1("W_1", "W₁", Axis.FEATURES, Axis.PLAIN, Scope.BLOCK),
    MLP_HIDDEN("mlp_hidden", "H", Axis.TOKENS, Axis.PLAIN, Scope.BLOCK),
    MLP_ACT("mlp_act", "GELU(H)", Axis.TOKENS, Axis.PLAIN, Scope.BLOCK),
    W_2("W_2", "W₂", Axis.PLAIN, Axis.FEATURES, Scope.BLOCK),
    MLP_OUT("mlp_out", "M", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    RESIDUAL2("residual2", "h + M", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    NORM2("norm2", "LN(h + M)", Axis.TOKENS, Axis.FEATURES, Scope.BLOCK),
    LN_F("ln_f", "LN_f", Axis.TOKENS, Axis.FEATURES, Scope.MODEL),
    MEAN_POOLED("mean_pooled", "mean", Axis.SENTENCE, Axis.FEATURES, Scope.MODEL),
    SENTENCE_EMBEDDING("sentence_embedding", "u", Axis.SENTENCE, Axis.FEATURES, Scope.MODEL),
    OTHER_EMBEDDING("other_embedding", "v", Axis.OTHER_SENTENCE, Axis.FEATURES, Scope.MODEL),
    SIMILARITY("similarity", "cos(u, v)", Axis.SENTENCE, Axis.OTHER_SENTENCE, Scope.MODEL),
    LOGITS("logits", "logits", Axis.NEXT, Axis.VOCABULARY, Scope.MODEL),
    LOGITS_T("logits_T", "logits ÷ T", Axis.NEXT, Axis.VOCABULARY, Scope.MODEL),
    PROBS("probs", "p", Axis.NEXT, Axis.VOCABULARY, Scope.MODEL),
    PROBS_T("probs_T", "p_T", Axis.NEXT, Axis.VOCABULARY, Scope.MODEL),
    PROBS_TOPK("probs_topk", "p_top-k", Axis.NEXT, Axis.VOCABULARY, Scope.MODEL),
    PROBS_TOPP("probs_topp", "p_top-p", Axis.NEXT, Axis.VOCABULARY, Scope.MODEL);

    /** What a matrix's rows or columns stand for, and so how they are labelled. */
    public enum Axis { TOKENS, SOURCE_TOKENS, NEXT, VOCABULARY, SENTENCE, OTHER_SENTENCE, FEATURES, PLAIN }

    /** One matrix for the whole model, one per block, or one per head of each block. */
    public enum Scope { MODEL, BLOCK, HEAD }

    private final String key;
    private final String symbol;
    private final Axis rows;
    private final Axis columns;
    private final Scope scope;

    MatrixKind(String key, String symbol, Axis rows, Axis columns, Scope scope) {
        this.key = key;
        this.symbol = symbol;
        this.rows = rows;
        this.columns = columns;
        this.scope = scope;
    }

    /** The name part in files and on the command line, e.g. "scores_raw". */
    public String key() {
        return key;
    }

    public String symbol() {
        return symbol;
    }

    public Axis rows() {
        return rows;
    }

    public Axis columns() {
        return columns;
    }

    public Scope scope() {
        return scope;
    }

    /** A learned weight of the model rather than something computed from the sentence. */
    public boolean parameter() {
        return switch (this) {
            case W_Q, W_K, W_V, W_O, W_1, W_2 -> true;
            default -> false;
        };
    }

    public boolean perHead() {
        return scope == Scope.HEAD;
    }

    /** The kind whose key is {@code key}, or null. */
    static MatrixKind ofKey(String key) {
        for (MatrixKind k : values()) if (k.key.equals(key)) return k;
        return null;
    }
}

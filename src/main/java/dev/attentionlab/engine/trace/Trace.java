package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.SamplingResult;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Tokenizer;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every intermediate of one computation, from text to sampled token, for every block, plus the
 * ordered steps. The UI, the exporters and the tests all read these same numbers, by {@link MatrixId}.
 *
 * <p>The views show one block at a time, {@code settings.modelBlock()}: {@link #attention()},
 * {@link #input()} and {@link #weights()} are that block's.
 */
public final class Trace {
    public static final String PAD = "<pad>";

    private final TraceSettings settings;
    private final ModelSource source;
    private final Tokenizer tokenizer;
    private final List<Token> tokens;
    private final List<Token> sourceTokens;
    private final Transformer model;
    private final Transformer.Pass pass;
    private final List<Integer> renormalised;
    private final List<Vocabulary.Entry> vocabEntries;
    private final SamplingResult sampling;
    private final Pooling pooling;
    private final List<String> notes;
    private final long computeNanos;
    private final Map<MatrixId, Matrix> index;
    private final Map<String, Matrix> byName;
    private final List<Step> steps;

    /**
     * @param tokens       query tokens, padding included (padding tokens have id -1)
     * @param sourceTokens key/value tokens for cross-attention; equal to tokens for self-attention
     * @param renormalised rows whose embedding max_norm rescaled
     * @param vocabEntries the next-token candidates, in the order of the sampling rows
     * @param sampling     the next-token draw; null for a model without a next-token head
     * @param pooling      the sentence embedding of a model without one, else null
     * @param notes        remarks for the user (e.g. "padding mask selected but nothing is padded")
     */
    Trace(TraceSettings settings, ModelSource source, Tokenizer tokenizer, List<Token> tokens, List<Token> sourceTokens,
          Transformer model, Transformer.Pass pass, List<Integer> renormalised, List<Vocabulary.Entry> vocabEntries,
          SamplingResult sampling, Pooling pooling, List<String> notes, long computeNanos) {
        this.settings = settings;
        this.source = source;
        this.tokenizer = tokenizer;
        this.tokens = List.copyOf(tokens);
        this.sourceTokens = List.copyOf(sourceTokens);
        this.model = model;
        this.pass = pass;
        this.renormalised = List.copyOf(renormalised);
        this.vocabEntries = List.copyOf(vocabEntries);
        this.sampling = sampling;
        this.pooling = pooling;
        this.notes = List.copyOf(notes);
        this.computeNanos = computeNanos;
        this.index = Collections.unmodifiableMap(buildIndex());
        Map<String, Matrix> names = new LinkedHashMap<>();
        index.forEach((id, m) -> names.put(id.name(), m));
        this.byName = Collections.unmodifiableMap(names);
        this.steps = List.copyOf(Steps.of(this));
    }

    public TraceSettings settings() { return settings; }
    public ModelSource source() { return source; }
    public Tokenizer tokenizer() { return tokenizer; }
    public List<Token> tokens() { return tokens; }
    public List<Token> sourceTokens() { return sourceTokens; }
    public Transformer model() { return model; }
    public Transformer.Pass pass() { return pass; }
    public List<Integer> renormalised() { return renormalised; }
    public List<Vocabulary.Entry> vocabEntries() { return vocabEntries; }
    /** The next-token draw, or null when the model has no next-token head ({@link #predictsTokens()}). */
    public SamplingResult sampling() { return sampling; }
    /** The sentence embedding of a model without a next-token head, else null. */
    public Pooling pooling() { return pooling; }

    public boolean predictsTokens() {
        return sampling != null;
    }

    /**
     * What an encoder's last hidden state is for: the mean of its token vectors, that mean L2-normalised
     * (the sentence embedding), and the comparison with a second sentence when one is given.
     */
    public record Pooling(Matrix mean, Matrix embedding, Comparison other) {}

    /** A second sentence, its embedding, and the cosine similarity of the two embeddings. */
    public record Comparison(String text, List<Token> tokens, Matrix embedding, float cosine) {
        public Comparison {
            tokens = List.copyOf(tokens);
        }
    }
    public List<Step> steps() { return steps; }
    public List<String> notes() { return notes; }
    public long computeNanos() { return computeNanos; }

    public Embedding embedding() {
        return model.embedding();
    }

    /** The token vectors X [L × d_model]. */
    public Matrix x() {
        return pass.tokens();
    }

    /** The position vectors added to X, or null without positions. */
    public Matrix positional() {
        return pass.positions();
    }

    /** The block the views show, from 0. */
    public int shownBlock() {
        return settings.model().modelBlock();
    }

    /** X_in: what the shown block's queries read. */
    public Matrix input() {
        return blockPass(shownBlock()).attentionInput();
    }

    /** The key/value side's input (the same instance as {@link #input()} for self-attention). */
    public Matrix sourceInput() {
        return isCrossAttention() ? pass.source() : input();
    }

    public AttentionWeights weights() {
        return model.blocks().get(shownBlock()).attention();
    }

    public AttentionResult attention() {
        return blockPass(shownBlock()).attention();
    }

    public boolean isCrossAttention() {
        return pass.source() != pass.embedded();
    }

    public int heads() {
        return attention().heads().size();
    }

    public HeadResult head(int index) {
        return attention().heads().get(index);
    }

    /** How many blocks the sentence went through. */
    public int blocks() {
        return pass.blocks().size();
    }

    public Transformer.BlockPass blockPass(int b) {
        if (b < 0 || b >= blocks()) throw new InvalidInputException("block " + (b + 1) + " does not exist; the model has " + blocks());
        return pass.blocks().get(b);
    }

    /** Block {@code b}'s attention (from 0). */
    public AttentionResult blockAttention(int b) {
        return blockPass(b).attention();
    }

    /** Index of the last query that is not padding: the position whose output predicts the next token. */
    public int lastRealPosition() {
        return lastReal(tokens);
    }

    static int lastReal(List<Token> tokens) {
        for (int i = tokens.size() - 1; i >= 0; i--) if (tokens.get(i).id() >= 0) return i;
        return tokens.size() - 1;
    }

    public String sampledToken() {
        if (sampling == null) throw new InvalidInputException("this model has no next-token head, so nothing is sampled");
        return vocabEntries.get(sampling.sample()).text();
    }

    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new InvalidInputException("no step '" + id + "'; steps are " + stepIds()));
    }

    public List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }

    /** A block-wide matrix of the shown block. */
    public MatrixId id(MatrixKind kind) {
        return switch (kind.scope()) {
            case MODEL -> MatrixId.model(kind);
            case BLOCK -> MatrixId.block(shownBlock(), kind);
            case HEAD -> throw new IllegalArgumentException(kind.key() + " is per head");
        };
    }

    /** Head {@code h}'s matrix of the shown block. */
    public MatrixId id(MatrixKind kind, int h) {
        return MatrixId.head(shownBlock(), h, kind);
    }

    /** Head {@code h}'s attention weights in the shown block, or for −1 their average over heads. */
    public MatrixId attentionMap(int h) {
        return h < 0 ? id(MatrixKind.WEIGHTS_AVG) : id(MatrixKind.WEIGHTS, h);
    }

    /** The residual stream entering block {@code b}: its own matrix in a pre-LN block, else what its attention reads. */
    public MatrixId blockInput(int b) {
        return MatrixId.block(b, blockPass(b).ln1() != null ? MatrixKind.BLOCK_IN : MatrixKind.X_IN);
    }

    /** The matrix that is block {@code b}'s output: what the next block, or the final norm, reads. */
    public MatrixId blockOutput(int b) {
        Transformer.BlockPass p = blockPass(b);
        MatrixKind k = p.norm2() != null ? MatrixKind.NORM2 : p.residual2() != null ? MatrixKind.RESIDUAL2
                : p.norm1() != null ? MatrixKind.NORM : p.residual() != null ? MatrixKind.RESIDUAL : MatrixKind.OUTPUT;
        return MatrixId.block(b, k);
    }

    /** Every matrix by id, in pipeline order, block after block. */
    public Map<MatrixId, Matrix> index() {
        return index;
    }

    /** Every matrix by its name ({@link MatrixId#name()}), in the same order. */
    public Map<String, Matrix> matrices() {
        return byName;
    }

    public boolean has(MatrixId id) {
        return index.containsKey(id);
    }

    public Matrix matrix(MatrixId id) {
        Matrix m = index.get(id);
        if (m == null) throw new InvalidInputException("no matrix '" + id.name() + "' in this trace; matrices are " + String.join(", ", byName.keySet()));
        return m;
    }

    public Matrix matrix(String name) {
        return matrix(MatrixId.parse(name));
    }

    private Map<MatrixId, Matrix> buildIndex() {
        Map<MatrixId, Matrix> m = new LinkedHashMap<>();
        m.put(MatrixId.model(MatrixKind.X), pass.tokens());
        if (pass.positions() != null) m.put(MatrixId.model(MatrixKind.PE), pass.positions());
        if (isCrossAttention()) m.put(MatrixId.model(MatrixKind.X_SRC), pass.source());
        if (pass.tokenTypes() != null) m.put(MatrixId.model(MatrixKind.TOKEN_TYPE), pass.tokenTypes());
        if (pass.embeddingNorm() != null) {
            m.put(MatrixId.model(MatrixKind.EMBEDDED), pass.embeddingSum());
            m.put(MatrixId.model(MatrixKind.EMB_LN), pass.embeddingNorm().out());
        }
        for (int b = 0; b < blocks(); b++) {
            Block w = model.blocks().get(b);
            Transformer.BlockPass p = pass.blocks().get(b);
            if (p.ln1() != null) put(m, b, MatrixKind.BLOCK_IN, p.input());
            put(m, b, MatrixKind.X_IN, p.attentionInput());
            put(m, b, MatrixKind.W_Q, w.attention().wq());
            put(m, b, MatrixKind.W_K, w.attention().wk());
            put(m, b, MatrixKind.W_V, w.attention().wv());
            put(m, b, MatrixKind.W_O, w.attention().wo());
            for (HeadResult h : p.attention().heads()) {
                int i = h.index();
                m.put(MatrixId.head(b, i, MatrixKind.Q), h.q());
                m.put(MatrixId.head(b, i, MatrixKind.K), h.k());
                m.put(MatrixId.head(b, i, MatrixKind.V), h.v());
                m.put(MatrixId.head(b, i, MatrixKind.SCORES_RAW), h.scoresRaw());
                m.put(MatrixId.head(b, i, MatrixKind.SCORES_SCALED), h.scoresScaled());
                m.put(MatrixId.head(b, i, MatrixKind.SCORES_MASKED), h.scoresMasked());
                m.put(MatrixId.head(b, i, MatrixKind.WEIGHTS), h.weights());
                m.put(MatrixId.head(b, i, MatrixKind.CONTEXT), h.context());
            }
            put(m, b, MatrixKind.WEIGHTS_AVG, p.attention().averageWeights());
            put(m, b, MatrixKind.CONCAT, p.attention().concat());
            put(m, b, MatrixKind.OUTPUT, p.attention().output());
            put(m, b, MatrixKind.RESIDUAL, p.residual());
            put(m, b, MatrixKind.NORM, p.norm1() == null ? null : p.norm1().out());
            put(m, b, MatrixKind.LN2, p.ln2() == null ? null : p.ln2().out());
            if (w.mlp() != null) {
                put(m, b, MatrixKind.W_1, w.mlp().w1());
                put(m, b, MatrixKind.MLP_HIDDEN, p.hidden());
                put(m, b, MatrixKind.MLP_ACT, p.activated());
                put(m, b, MatrixKind.W_2, w.mlp().w2());
                put(m, b, MatrixKind.MLP_OUT, p.mlpOut());
                put(m, b, MatrixKind.RESIDUAL2, p.residual2());
                put(m, b, MatrixKind.NORM2, p.norm2() == null ? null : p.norm2().out());
            }
        }
        if (pass.finalNorm() != null) m.put(MatrixId.model(MatrixKind.LN_F), pass.finalNorm().out());
        if (pooling != null) {
            m.put(MatrixId.model(MatrixKind.MEAN_POOLED), pooling.mean());
            m.put(MatrixId.model(MatrixKind.SENTENCE_EMBEDDING), pooling.embedding());
            if (pooling.other() != null) {
                m.put(MatrixId.model(MatrixKind.OTHER_EMBEDDING), pooling.other().embedding());
                m.put(MatrixId.model(MatrixKind.SIMILARITY), Matrix.wrap(1, 1, new float[] {pooling.other().cosine()}));
            }
            return m;
        }
        m.put(MatrixId.model(MatrixKind.LOGITS), sampling.logits());
        m.put(MatrixId.model(MatrixKind.LOGITS_T), sampling.scaledLogits());
        m.put(MatrixId.model(MatrixKind.PROBS), sampling.probs());
        m.put(MatrixId.model(MatrixKind.PROBS_T), sampling.probsT());
        m.put(MatrixId.model(MatrixKind.PROBS_TOPK), sampling.probsTopK());
        m.put(MatrixId.model(MatrixKind.PROBS_TOPP), sampling.probsTopP());
        return m;
    }

    private static void put(Map<MatrixId, Matrix> m, int block, MatrixKind kind, Matrix value) {
        if (value != null) m.put(MatrixId.block(block, kind), value);
    }

    /** Labels for the rows of a matrix (tokens, or "next"), or null when rows are plain indices. */
    public List<String> rowLabels(MatrixId id) {
        return labels(id.kind().rows());
    }

    /** Labels for the columns of a matrix (key tokens, vocabulary), or null for plain indices. */
    public List<String> columnLabels(MatrixId id) {
        return labels(id.kind().columns());
    }

    public List<String> rowLabels(String name) {
        return rowLabels(MatrixId.parse(name));
    }

    public List<String> columnLabels(String name) {
        return columnLabels(MatrixId.parse(name));
    }

    private List<String> labels(MatrixKind.Axis axis) {
        return switch (axis) {
            case TOKENS -> texts(tokens);
            case SOURCE_TOKENS -> texts(sourceTokens);
            case NEXT -> List.of("next");
            case VOCABULARY -> vocabEntries.stream().map(e -> label(e.text())).toList();
            case SENTENCE -> List.of("sentence");
            case OTHER_SENTENCE -> List.of("2nd sentence");
            case FEATURES, PLAIN -> null;
        };
    }

    /** Head {@code h} of the shown block taken to weights without and with ÷ √d_k (the Scaled vs unscaled view). */
    public ScaleComparison compareScales(int h) {
        return ScaleComparison.of(this, h);
    }

    /** The worked arithmetic for one cell. */
    public CellExplanation explain(MatrixId id, int row, int col) {
        return new CellExplainer(this).explain(id, row, col);
    }

    public CellExplanation explain(String matrix, int row, int col) {
        return explain(MatrixId.parse(matrix), row, col);
    }

    private List<String> texts(List<Token> ts) {
        List<String> out = new ArrayList<>(ts.size());
        for (Token t : ts) out.add(label(t.text()));
        return out;
    }

    /** A token as chips and labels show it: GPT-2's byte-spelled pieces ("Ġthe") as the text they stand for ("␣the"). */
    public String label(String tokenText) {
        return tokenizer.kind() == dev.attentionlab.engine.tokenize.TokenizerKind.BYTE_BPE
                ? dev.attentionlab.engine.tokenize.ByteLevelBpeTokenizer.readable(tokenText) : tokenText;
    }
}

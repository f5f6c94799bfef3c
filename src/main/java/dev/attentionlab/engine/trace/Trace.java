package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.SamplingResult;
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
 * Every intermediate of one computation, from text to sampled token, plus the ordered steps. The UI,
 * the exporters and the tests all read these same numbers.
 *
 * @param tokens          query tokens, padding included (padding tokens have id -1)
 * @param sourceTokens    key/value tokens for cross-attention; equal to tokens for self-attention
 * @param x               embeddings X [L × d_model]
 * @param positional      PE [L × d_model], or null when positional encoding is off
 * @param input           X_in = X + PE: what attention reads
 * @param sourceInput     the key/value side's X_in (same instance as input for self-attention)
 * @param renormalised    rows whose embedding max_norm rescaled
 * @param vocabEntries    the next-token candidates, in the order of the sampling rows
 * @param notes           remarks for the user (e.g. "padding mask selected but nothing is padded")
 * @param modelPass       every block's intermediates when a trained model computed this trace, else null;
 *                        the attention fields then hold block {@code settings.modelBlock()}
 */
public record Trace(TraceSettings settings, Tokenizer tokenizer, List<Token> tokens, List<Token> sourceTokens,
                    Embedding embedding, Matrix x, Matrix positional, Matrix input, Matrix sourceInput,
                    List<Integer> renormalised, AttentionWeights weights, AttentionResult attention,
                    List<Vocabulary.Entry> vocabEntries, SamplingResult sampling, List<Step> steps,
                    List<String> notes, long computeNanos, LanguageModel.Pass modelPass) {

    public static final String PAD = "<pad>";

    public Trace {
        tokens = List.copyOf(tokens);
        sourceTokens = List.copyOf(sourceTokens);
        renormalised = List.copyOf(renormalised);
        vocabEntries = List.copyOf(vocabEntries);
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public boolean isCrossAttention() {
        return sourceInput != input;
    }

    public int heads() {
        return attention.heads().size();
    }

    public HeadResult head(int index) {
        return attention.heads().get(index);
    }

    /** How many attention blocks the sentence went through: the trained model's layers, else one. */
    public int blocks() {
        return modelPass == null ? 1 : modelPass.blocks().size();
    }

    /** Block {@code b}'s attention (from 0); the views' own block is {@link #attention()}. */
    public AttentionResult blockAttention(int b) {
        if (b < 0 || b >= blocks()) throw new InvalidInputException("block " + (b + 1) + " does not exist; the model has " + blocks());
        return modelPass == null ? attention : modelPass.blocks().get(b).attention();
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
        return vocabEntries.get(sampling.sample()).text();
    }

    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new InvalidInputException("no step '" + id + "'; steps are " + stepIds()));
    }

    public List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }

    /** The name of head {@code h}'s matrix {@code what} ("h1.weights" for head index 0). */
    public static String headMatrix(int h, String what) {
        return "h" + (h + 1) + "." + what;
    }

    /** Every matrix by name, in pipeline order. */
    public Map<String, Matrix> matrices() {
        Map<String, Matrix> m = new LinkedHashMap<>();
        m.put("X", x);
        if (positional != null) m.put("PE", positional);
        m.put("X_in", input);
        if (isCrossAttention()) m.put("X_src", sourceInput);
        m.put("W_q", weights.wq());
        m.put("W_k", weights.wk());
        m.put("W_v", weights.wv());
        if (weights.wo() != null) m.put("W_o", weights.wo());
        for (HeadResult h : attention.heads()) {
            int i = h.index();
            m.put(headMatrix(i, "Q"), h.q());
            m.put(headMatrix(i, "K"), h.k());
            m.put(headMatrix(i, "V"), h.v());
            m.put(headMatrix(i, "scores_raw"), h.scoresRaw());
            m.put(headMatrix(i, "scores_scaled"), h.scoresScaled());
            m.put(headMatrix(i, "scores_masked"), h.scoresMasked());
            m.put(headMatrix(i, "weights"), h.weights());
            m.put(headMatrix(i, "context"), h.context());
        }
        m.put("weights_avg", attention.averageWeights());
        m.put("concat", attention.concat());
        m.put("output", attention.output());
        if (attention.residual() != null) {
            m.put("residual", attention.residual());
            m.put("norm", attention.normalized());
        }
        m.put("logits", sampling.logits());
        m.put("logits_T", sampling.scaledLogits());
        m.put("probs", sampling.probs());
        m.put("probs_T", sampling.probsT());
        m.put("probs_topk", sampling.probsTopK());
        m.put("probs_topp", sampling.probsTopP());
        return Collections.unmodifiableMap(m);
    }

    public Matrix matrix(String name) {
        Matrix m = matrices().get(name);
        if (m == null) throw new InvalidInputException("no matrix '" + name + "'; matrices are " + String.join(", ", matrices().keySet()));
        return m;
    }

    /** Labels for the rows of a matrix (tokens, or "next"), or null when rows are plain indices. */
    public List<String> rowLabels(String name) {
        String what = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
        return switch (what) {
            case "K", "V", "X_src" -> texts(sourceTokens);
            case "X", "PE", "X_in", "Q", "scores_raw", "scores_scaled", "scores_masked", "weights", "context",
                 "weights_avg", "concat", "output", "residual", "norm" -> texts(tokens);
            case "logits", "logits_T", "probs", "probs_T", "probs_topk", "probs_topp" -> List.of("next");
            default -> null;
        };
    }

    /** Labels for the columns of a matrix (key tokens, vocabulary), or null for plain indices. */
    public List<String> columnLabels(String name) {
        String what = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
        return switch (what) {
            case "scores_raw", "scores_scaled", "scores_masked", "weights", "weights_avg" -> texts(sourceTokens);
            case "logits", "logits_T", "probs", "probs_T", "probs_topk", "probs_topp" ->
                    vocabEntries.stream().map(Vocabulary.Entry::text).toList();
            default -> null;
        };
    }

    /** The worked arithmetic for one cell of a named matrix. */
    public CellExplanation explain(String matrix, int row, int col) {
        return new CellExplainer(this).explain(matrix, row, col);
    }

    private static List<String> texts(List<Token> ts) {
        List<String> out = new ArrayList<>(ts.size());
        for (Token t : ts) out.add(t.text());
        return out;
    }
}

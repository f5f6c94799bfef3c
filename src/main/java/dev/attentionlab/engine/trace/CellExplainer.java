package dev.attentionlab.engine.trace;

import static dev.attentionlab.engine.tensor.Num.factor;
import static dev.attentionlab.engine.tensor.Num.fmt;
import static dev.attentionlab.engine.tensor.Num.sub;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AffineLayerNorm;
import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.Norm;
import dev.attentionlab.engine.model.PositionalEncoding;
import dev.attentionlab.engine.model.Positions;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Softmax;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.trace.CellExplanation.Operand;
import java.util.ArrayList;
import java.util.List;

/** Writes the worked arithmetic of one cell with the trace's actual numbers, for every kind of matrix. */
final class CellExplainer {
    /** Sums longer than this show their first and last terms around an ellipsis. */
    private static final int MAX_TERMS = 6;

    private final Trace t;

    CellExplainer(Trace t) {
        this.t = t;
    }

    CellExplanation explain(MatrixId id, int row, int col) {
        Matrix m = t.matrix(id);
        String name = id.name();
        if (row < 0 || row >= m.rows() || col < 0 || col >= m.cols()) {
            throw new InvalidInputException("cell [" + row + "][" + col + "] is outside " + name + " (" + m.shape() + ")");
        }
        float value = m.get(row, col);
        String cell = name + "[" + row + "][" + col + "]";
        int b = id.block();
        return switch (id.kind()) {
            case X -> embedding(row, col, value, cell);
            case PE -> t.model().positions() instanceof Positions.Learned
                    ? of(id, row, col, value, "learned", cell + " = " + fmt(value) + " (learned position vector " + row + ")")
                    : sinusoid(id, row, col, value, cell);
            case X_SRC -> of(id, row, col, value, "E[id]", cell + " = source token '" + t.sourceTokens().get(row).text()
                    + "' embedded" + (t.positional() != null ? " + PE" : "") + " = " + fmt(value));
            case TOKEN_TYPE -> of(id, row, col, value, "T[0]", cell + " = T[0][" + col + "] = " + fmt(value)
                    + "   (token type 0, 'sentence A': the same vector on every token; " + t.source().origin(id.kind(), -1) + ")");
            case EMBEDDED -> of(id, row, col, value, "X + PE + T₀", cell + " = X + PE + T₀ = " + fmt(t.x().get(row, col)) + " + "
                    + fmt(t.positional().get(row, col)) + " + " + fmt(t.pass().tokenTypes().get(row, col)) + " = " + fmt(value),
                    Operand.cell(MatrixId.model(MatrixKind.X), row, col), Operand.cell(MatrixId.model(MatrixKind.PE), row, col),
                    Operand.cell(MatrixId.model(MatrixKind.TOKEN_TYPE), row, col));
            case EMB_LN -> norm(id, row, col, value, t.pass().embeddingNorm(), t.model().embeddingNorm(),
                    MatrixId.model(MatrixKind.EMBEDDED), "the summed embeddings");
            case BLOCK_IN -> streamIn(id, row, col, value, cell);
            case X_IN -> t.blockPass(b).ln1() != null
                    ? norm(id, row, col, value, t.blockPass(b).ln1(), block(b).norm1(), MatrixId.block(b, MatrixKind.BLOCK_IN),
                            "the stream entering block " + (b + 1))
                    : streamIn(id, row, col, value, cell);
            case W_Q, W_K, W_V, W_O, W_1, W_2 -> of(id, row, col, value, "weight", cell + " = " + fmt(value) + " ("
                    + t.source().origin(id.kind(), b) + ")");
            case Q, K, V, SCORES_RAW, SCORES_SCALED, SCORES_MASKED, WEIGHTS, CONTEXT -> head(id, row, col, value, cell);
            case WEIGHTS_AVG -> average(id, row, col, value, cell);
            case CONCAT -> {
                int dv = t.blockAttention(b).heads().get(0).dv();
                int head = col / dv;
                yield of(id, row, col, value, "Z" + sub(head + 1), cell + " = head " + (head + 1) + " context[" + row + "]["
                        + col % dv + "] = " + fmt(value), Operand.cell(MatrixId.head(b, head, MatrixKind.CONTEXT), row, col % dv));
            }
            case OUTPUT -> projection(id, row, col, value, MatrixId.block(b, MatrixKind.CONCAT), MatrixId.block(b, MatrixKind.W_O),
                    col, block(b).attention().bo(), "z");
            case RESIDUAL -> sum(id, row, col, value, t.blockInput(b), MatrixId.block(b, MatrixKind.OUTPUT), "O");
            case NORM -> norm(id, row, col, value, t.blockPass(b).norm1(), block(b).norm1(), MatrixId.block(b, MatrixKind.RESIDUAL),
                    "the residual sum");
            case LN2 -> norm(id, row, col, value, t.blockPass(b).ln2(), block(b).norm2(), MatrixId.block(b, MatrixKind.RESIDUAL),
                    "the stream after attention");
            case MLP_HIDDEN -> projection(id, row, col, value, mlpInput(b), MatrixId.block(b, MatrixKind.W_1), col, block(b).mlp().b1(), "h");
            case MLP_ACT -> gelu(id, row, col, value, cell);
            case MLP_OUT -> projection(id, row, col, value, MatrixId.block(b, MatrixKind.MLP_ACT), MatrixId.block(b, MatrixKind.W_2),
                    col, block(b).mlp().b2(), "g");
            case RESIDUAL2 -> sum(id, row, col, value, mlpInputStream(b), MatrixId.block(b, MatrixKind.MLP_OUT), "M");
            case NORM2 -> norm(id, row, col, value, t.blockPass(b).norm2(), block(b).norm2(), MatrixId.block(b, MatrixKind.RESIDUAL2),
                    "the residual sum after the MLP");
            case LN_F -> norm(id, row, col, value, t.pass().finalNorm(), t.model().finalNorm(), t.blockOutput(t.blocks() - 1),
                    "the stream after every block");
            case MEAN_POOLED -> meanPooled(id, col, value, cell);
            case SENTENCE_EMBEDDING -> normalised(id, col, value, MatrixId.model(MatrixKind.MEAN_POOLED), "the mean");
            case OTHER_EMBEDDING -> of(id, row, col, value, "v", cell + " = " + fmt(value) + "   (the second sentence, '"
                    + t.pooling().other().text() + "', through the same model, mean-pooled and normalised)");
            case SIMILARITY -> {
                float[] u = t.pooling().embedding().raw();
                float[] v = t.pooling().other().embedding().raw();
                yield of(id, row, col, value, "u·v", cell + " = cos(u, v) = u·v = " + dot(u, v, value)
                        + "   (both have length 1, so their dot product is the cosine of their angle)",
                        Operand.row(MatrixId.model(MatrixKind.SENTENCE_EMBEDDING), 0), Operand.row(MatrixId.model(MatrixKind.OTHER_EMBEDDING), 0));
            }
            case LOGITS -> logit(col, value, cell);
            case LOGITS_T -> of(id, row, col, value, "logit ÷ T", cell + " = " + fmt(t.sampling().logits().get(0, col))
                    + " ÷ " + fmt(t.settings().sampling().temperature()) + " = " + fmt(value), Operand.cell(MatrixId.model(MatrixKind.LOGITS), 0, col));
            case PROBS -> softmaxCell(id, t.sampling().logits().row(0), 1.0, 0, col, value, MatrixId.model(MatrixKind.LOGITS));
            case PROBS_T -> softmaxCell(id, t.sampling().logits().row(0), t.settings().sampling().temperature(), 0, col, value, MatrixId.model(MatrixKind.LOGITS));
            case PROBS_TOPK -> filtered(id, col, value, MatrixId.model(MatrixKind.PROBS_T), "top-" + t.settings().sampling().topK());
            case PROBS_TOPP -> filtered(id, col, value, MatrixId.model(MatrixKind.PROBS_TOPK), "top-p " + fmt(t.settings().sampling().topP()));
        };
    }

    private Block block(int b) {
        return t.model().blocks().get(b);
    }

    /** What block {@code b}'s MLP reads. */
    private MatrixId mlpInput(int b) {
        return MatrixId.block(b, t.blockPass(b).ln2() != null ? MatrixKind.LN2 : MatrixKind.NORM);
    }

    /** The stream the MLP's output is added to. */
    private MatrixId mlpInputStream(int b) {
        return MatrixId.block(b, t.blockPass(b).ln2() != null ? MatrixKind.RESIDUAL : MatrixKind.NORM);
    }

    /** The stream entering block b: block 1's is X (+ PE), every later one's the previous block's output. */
    private CellExplanation streamIn(MatrixId id, int row, int col, float value, String cell) {
        String name = id.name();
        if (id.block() > 0) {
            MatrixId prev = t.blockOutput(id.block() - 1);
            return of(id, row, col, value, "block " + id.block() + "'s output", cell + " = " + prev.name() + "[" + row + "][" + col
                    + "] = " + fmt(value) + " (what block " + id.block() + " handed on)", Operand.cell(prev, row, col));
        }
        if (t.pass().embeddingNorm() != null) {
            MatrixId ln = MatrixId.model(MatrixKind.EMB_LN);
            return of(id, row, col, value, "LN_emb", cell + " = emb_ln[" + row + "][" + col + "] = " + fmt(value)
                    + " (the normalised embeddings)", Operand.cell(ln, row, col));
        }
        if (t.positional() == null) {
            return of(id, row, col, value, "X", cell + " = X[" + row + "][" + col + "] = " + fmt(value), Operand.cell(MatrixId.model(MatrixKind.X), row, col));
        }
        return of(id, row, col, value, "X + PE", cell + " = X + PE = " + fmt(t.x().get(row, col)) + " + "
                + fmt(t.positional().get(row, col)) + " = " + fmt(value), Operand.cell(MatrixId.model(MatrixKind.X), row, col), Operand.cell(MatrixId.model(MatrixKind.PE), row, col));
    }

    /** A cell of a + b, element by element. */
    private CellExplanation sum(MatrixId id, int row, int col, float value, MatrixId a, MatrixId b, String symbol) {
        String f = a.kind().symbol() + " + " + symbol;
        return of(id, row, col, value, f, id.name() + "[" + row + "][" + col + "] = " + f + " = " + fmt(t.matrix(a).get(row, col))
                + " + " + fmt(t.matrix(b).get(row, col)) + " = " + fmt(value), Operand.cell(a, row, col), Operand.cell(b, row, col));
    }

    private CellExplanation head(MatrixId id, int row, int col, float value, String cell) {
        int b = id.block();
        int h = id.head();
        String name = id.name();
        HeadResult r = t.blockAttention(b).heads().get(h);
        var w = block(b).attention();
        MatrixId xIn = MatrixId.block(b, MatrixKind.X_IN);
        MatrixId kvInput = block(b).cross() ? MatrixId.model(MatrixKind.X_SRC) : xIn;
        String kvSymbol = block(b).cross() ? "s" : "x";
        return switch (id.kind()) {
            case Q -> projection(id, row, col, value, xIn, MatrixId.block(b, MatrixKind.W_Q), h * r.dk() + col, w.bq(), "x");
            case K -> projection(id, row, col, value, kvInput, MatrixId.block(b, MatrixKind.W_K), h * r.dk() + col, w.bk(), kvSymbol);
            case V -> projection(id, row, col, value, kvInput, MatrixId.block(b, MatrixKind.W_V), h * r.dv() + col, w.bv(), kvSymbol);
            case SCORES_RAW -> {
                String f = "q" + sub(row) + "·k" + sub(col);
                yield of(id, row, col, value, f, cell + " = " + f + " = " + dot(r.q().row(row), r.k().row(col), value),
                        Operand.row(id.kindAs(MatrixKind.Q), row), Operand.row(id.kindAs(MatrixKind.K), col));
            }
            case SCORES_SCALED -> {
                float d = t.blockAttention(b).divisor();
                String f = d == 1f ? "s (unscaled)" : "s ÷ " + fmt(d);
                yield of(id, row, col, value, f, cell + " = " + fmt(r.scoresRaw().get(row, col)) + " ÷ " + fmt(d) + " = " + fmt(value),
                        Operand.cell(id.kindAs(MatrixKind.SCORES_RAW), row, col));
            }
            case SCORES_MASKED -> t.blockAttention(b).mask().isMasked(row, col)
                    ? of(id, row, col, value, "masked", cell + " = " + fmt(value) + ": query " + row + " ('" + label(t.tokens(), row)
                            + "') may not attend key " + col + " ('" + label(t.sourceTokens(), col) + "')")
                    : of(id, row, col, value, "s′", cell + " = " + fmt(value) + " (not masked: unchanged)",
                            Operand.cell(id.kindAs(MatrixKind.SCORES_SCALED), row, col));
            case WEIGHTS -> softmaxCell(id, r.scoresMasked().row(row), t.settings().attention().attentionTemperature(), row, col, value,
                    id.kindAs(MatrixKind.SCORES_MASKED));
            case CONTEXT -> {
                String f = "Σ_j a" + sub(row) + "ⱼ·v_j[" + col + "]";
                yield of(id, row, col, value, f, cell + " = " + f + " = " + dot(r.weights().row(row), r.v().column(col), value),
                        Operand.row(id.kindAs(MatrixKind.WEIGHTS), row), Operand.column(id.kindAs(MatrixKind.V), col));
            }
            default -> throw new IllegalStateException(id.kind() + " is not a per-head matrix");
        };
    }

    private CellExplanation embedding(int row, int col, float value, String cell) {
        Token tok = t.tokens().get(row);
        if (tok.id() < 0) return of(MatrixId.model(MatrixKind.X), row, col, value, "padding", cell + " = 0 (padding position: a zero vector)");
        if (t.settings().input().inputOverride() != null) {
            return of(MatrixId.model(MatrixKind.X), row, col, value, "x", cell + " = x[" + row + "][" + col + "] = " + fmt(value) + " (imported input, not an embedding)");
        }
        String text = cell + " = E[" + tok.id() + "][" + col + "] = " + fmt(value) + "   ('" + tok.text() + "' has id " + tok.id()
                + "; E " + t.source().origin(MatrixKind.X, -1) + ")";
        if (t.renormalised().contains(row)) text += "; rescaled so the row's norm is max_norm " + fmt(t.settings().model().maxNorm());
        return of(MatrixId.model(MatrixKind.X), row, col, value, "E[id]", text);
    }

    /** A cell of input·W (+ b): the input's row against column {@code weightCol} of the weight. */
    private CellExplanation projection(MatrixId id, int row, int col, float value, MatrixId input, MatrixId weight,
                                       int weightCol, Matrix bias, String v) {
        String f = v + sub(row) + "·" + weight.kind().key() + "[:," + weightCol + "]" + (bias != null ? " + b" : "");
        String sum = dot(t.matrix(input).row(row), t.matrix(weight).column(weightCol),
                bias == null ? Float.NaN : bias.get(0, weightCol), value);
        return of(id, row, col, value, f, id.name() + "[" + row + "][" + col + "] = " + f + " = " + sum,
                Operand.row(input, row), Operand.column(weight, weightCol));
    }

    private CellExplanation average(MatrixId id, int row, int col, float value, String cell) {
        List<Operand> ops = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<HeadResult> heads = t.blockAttention(id.block()).heads();
        for (HeadResult h : heads) {
            ops.add(Operand.cell(MatrixId.head(id.block(), h.index(), MatrixKind.WEIGHTS), row, col));
            parts.add(fmt(h.weights().get(row, col)));
        }
        return new CellExplanation(id, row, col, value, "mean over heads",
                cell + " = (" + String.join(" + ", parts) + ") / " + heads.size() + " = " + fmt(value), ops);
    }

    /**
     * A LayerNorm cell: (r − μ)/√(σ² + ε) for the unit-gain form, γ·x̂ + β for a learned one.
     *
     * @param what the input in words, e.g. "the stream entering block 2"
     */
    private CellExplanation norm(MatrixId id, int row, int col, float value, AffineLayerNorm.Result r, Norm norm, MatrixId input, String what) {
        String cell = id.name() + "[" + row + "][" + col + "]";
        if (!norm.learned()) {
            float[] x = t.matrix(input).row(row);
            float mean = dev.attentionlab.engine.model.LayerNorm.mean(x);
            float var = dev.attentionlab.engine.model.LayerNorm.variance(x, mean);
            return of(id, row, col, value, "(r − μ) / √(σ² + ε)", cell + " = (" + fmt(x[col]) + " − " + fmt(mean) + ") / √("
                    + fmt(var) + " + " + eps(norm.eps()) + ") = " + fmt(value), Operand.row(input, row));
        }
        float xhat = r.xhat().get(row, col);
        float gamma = norm.gamma().get(0, col);
        float beta = norm.beta().get(0, col);
        return of(id, row, col, value, "γ·x̂ + β", cell + " = γ·x̂ + β = " + fmt(gamma) + " × " + fmt(xhat) + " + "
                + fmt(beta) + " = " + fmt(value) + "   (x̂: row " + row + " of " + what + ", normalised to mean 0 and variance 1; γ and β "
                + t.source().origin(id.kind(), id.block()) + ")", Operand.row(input, row));
    }

    private static String eps(float e) {
        return e == 1e-5f ? "1e−5" : e == 1e-12f ? "1e−12" : fmt(e);
    }

    private CellExplanation gelu(MatrixId id, int row, int col, float value, String cell) {
        MatrixId hidden = MatrixId.block(id.block(), MatrixKind.MLP_HIDDEN);
        float h = t.matrix(hidden).get(row, col);
        return of(id, row, col, value, "GELU(h)", cell + " = " + block(id.block()).mlp().gelu().formula() + " with h = " + fmt(h)
                + " = " + fmt(value), Operand.cell(hidden, row, col));
    }

    private CellExplanation meanPooled(MatrixId id, int col, float value, String cell) {
        MatrixId hidden = t.blockOutput(t.blocks() - 1);
        float[] column = t.matrix(hidden).column(col);
        int n = t.tokens().size();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (n > MAX_TERMS && i == MAX_TERMS - 2) {
                parts.add("…");
                i = n - 2;
                continue;
            }
            parts.add(factor(column[i]));
        }
        return of(id, 0, col, value, "Σ_i h_i[" + col + "] / " + n, cell + " = (" + String.join(" + ", parts) + ") / " + n + " = "
                + fmt(value) + "   (feature " + col + " averaged over all " + n + " tokens, [CLS] and [SEP] included)",
                Operand.column(hidden, col));
    }

    private CellExplanation normalised(MatrixId id, int col, float value, MatrixId from, String what) {
        float[] v = t.matrix(from).raw();
        float norm = dev.attentionlab.engine.model.MeanPooling.norm(v);
        return of(id, 0, col, value, "m / ‖m‖", id.name() + "[0][" + col + "] = " + fmt(v[col]) + " ÷ " + fmt(norm) + " = " + fmt(value)
                + "   (" + what + " divided by its length, so the embedding has length 1)", Operand.cell(from, 0, col), Operand.row(from, 0));
    }

    private CellExplanation sinusoid(MatrixId id, int row, int col, float value, String cell) {
        int d = t.model().dModel();
        double angle = PositionalEncoding.angle(row, col, d);
        String fn = col % 2 == 0 ? "sin" : "cos";
        String f = fn + "(" + row + " / 10000^(" + (col - col % 2) + "/" + d + "))";
        return of(id, row, col, value, f, cell + " = " + f + " = " + fn + "(" + fmt(angle) + ") = " + fmt(value));
    }

    private CellExplanation logit(int col, float value, String cell) {
        Vocabulary.Entry e = t.vocabEntries().get(col);
        int last = t.lastRealPosition();
        boolean finalNorm = t.pass().finalNorm() != null;
        MatrixId y = finalNorm ? MatrixId.model(MatrixKind.LN_F) : t.blockOutput(t.blocks() - 1);
        float[] yv = t.matrix(y).row(last);
        float[] ev = t.embedding().weight().row(e.id());
        String f = (finalNorm ? "LN_f(x)" : "y") + "·E[" + e.id() + "]";
        return of(MatrixId.model(MatrixKind.LOGITS), 0, col, value, f, cell + " = " + f + " ('" + e.text() + "') = " + dot(yv, ev, value)
                + (finalNorm ? "   (x: the stream after every block)" : ""), Operand.row(y, last));
    }

    private CellExplanation softmaxCell(MatrixId id, float[] scores, double temperature, int row, int col, float value, MatrixId from) {
        String cell = id.name() + "[" + row + "][" + col + "]";
        float[] s = temperature > 0 && temperature != 1.0 ? Softmax.divide(scores, (float) temperature) : scores;
        float max = Softmax.max(s);
        if (max == Float.NEGATIVE_INFINITY) {
            return of(id, row, col, value, "0/0", cell + " = NaN: every entry of the row is −∞, so e^(s − max) is 0/0",
                    Operand.row(from, row));
        }
        if (temperature == 0 || Float.isInfinite(max)) {
            return of(id, row, col, value, "T → 0: one-hot", cell + " = " + fmt(value) + " (T → 0: all probability on the largest entry)",
                    Operand.row(from, row));
        }
        float sum = Softmax.denominator(s);
        String exponent = temperature == 1.0 ? "e^(" + fmt(scores[col]) + " − " + fmt(max) + ")"
                : "e^(" + fmt(scores[col]) + "/" + fmt(temperature) + " − " + fmt(max) + ")";
        String f = "e^(s − max) / Σ";
        return of(id, row, col, value, f, cell + " = " + exponent + " / " + fmt(sum) + " = " + fmt(value),
                Operand.row(from, row));
    }

    private CellExplanation filtered(MatrixId id, int col, float value, MatrixId from, String filter) {
        float before = t.matrix(from).get(0, col);
        String cell = id.name() + "[0][" + col + "]";
        if (value == 0f && before != 0f) {
            return of(id, 0, col, value, "removed", cell + " = 0: '" + t.vocabEntries().get(col).text() + "' is outside " + filter,
                    Operand.cell(from, 0, col));
        }
        float kept = 0f;
        float[] after = t.matrix(id).row(0);
        float[] prev = t.matrix(from).row(0);
        for (int i = 0; i < after.length; i++) if (after[i] != 0f) kept += prev[i];
        return of(id, 0, col, value, "p ÷ Σ kept", cell + " = " + fmt(before) + " ÷ " + fmt(kept) + " = " + fmt(value)
                + " (kept by " + filter + ", renormalised)", Operand.cell(from, 0, col));
    }

    /** "a×b + c×d + … = result", or with a bias "… + bias = result". */
    static String dot(float[] a, float[] b, float result) {
        return dot(a, b, Float.NaN, result);
    }

    static String dot(float[] a, float[] b, float bias, float result) {
        List<String> terms = new ArrayList<>();
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (n > MAX_TERMS && i == MAX_TERMS - 2) {
                terms.add("…");
                i = n - 2;
                continue;
            }
            terms.add(factor(a[i]) + "×" + factor(b[i]));
        }
        if (!Float.isNaN(bias)) terms.add(factor(bias));
        return String.join(" + ", terms) + " = " + fmt(result) + (n > MAX_TERMS ? "   (" + n + " products)" : "");
    }

    private static String label(List<Token> tokens, int i) {
        return tokens.get(i).text();
    }

    private static CellExplanation of(MatrixId id, int row, int col, float value, String formula, String text, Operand... ops) {
        return new CellExplanation(id, row, col, value, formula, text, List.of(ops));
    }
}

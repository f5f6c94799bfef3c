package dev.attentionlab.engine.trace;

import static dev.attentionlab.engine.tensor.Num.factor;
import static dev.attentionlab.engine.tensor.Num.fmt;
import static dev.attentionlab.engine.tensor.Num.sub;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.LayerNorm;
import dev.attentionlab.engine.model.LmWeights;
import dev.attentionlab.engine.model.PositionalEncoding;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Softmax;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.trace.CellExplanation.Operand;
import java.util.ArrayList;
import java.util.List;

/** Writes the worked arithmetic of one cell with the trace's actual numbers. */
final class CellExplainer {
    /** Sums longer than this show their first and last terms around an ellipsis. */
    private static final int MAX_TERMS = 6;

    private final Trace t;

    CellExplainer(Trace t) {
        this.t = t;
    }

    CellExplanation explain(String name, int row, int col) {
        Matrix m = t.matrix(name);
        if (row < 0 || row >= m.rows() || col < 0 || col >= m.cols()) {
            throw new InvalidInputException("cell [" + row + "][" + col + "] is outside " + name + " (" + m.shape() + ")");
        }
        float value = m.get(row, col);
        String cell = name + "[" + row + "][" + col + "]";
        if (name.startsWith("h") && name.contains(".")) {
            int head = Integer.parseInt(name.substring(1, name.indexOf('.'))) - 1;
            return head(name, name.substring(name.indexOf('.') + 1), head, row, col, value, cell);
        }
        return switch (name) {
            case "X" -> embedding(row, col, value, cell);
            case "PE" -> t.modelPass() != null
                    ? of(name, row, col, value, "learned", cell + " = " + fmt(value) + " (learned position vector " + row + ")")
                    : sinusoid(name, row, col, value, cell);
            case "X_in" -> t.modelPass() != null ? modelInput(row, col, value, cell) : t.positional() == null

                    ? of(name, row, col, value, "X", cell + " = X[" + row + "][" + col + "] = " + fmt(value), Operand.cell("X", row, col))
                    : of(name, row, col, value, "X + PE", cell + " = X + PE = " + fmt(t.x().get(row, col)) + " + "
                            + fmt(t.positional().get(row, col)) + " = " + fmt(value), Operand.cell("X", row, col), Operand.cell("PE", row, col));
            case "X_src" -> of(name, row, col, value, "E[id]", cell + " = source token '" + t.sourceTokens().get(row).text()
                    + "' embedded" + (t.settings().positional() ? " + PE" : "") + " = " + fmt(value));
            case "W_q", "W_k", "W_v", "W_o" -> of(name, row, col, value, "weight", cell + " = " + fmt(value) + " (" + weightOrigin(name) + ")");
            case "weights_avg" -> average(row, col, value, cell);
            case "concat" -> {
                int dv = t.head(0).dv();
                int head = col / dv;
                String src = Trace.headMatrix(head, "context");
                yield of(name, row, col, value, "Z" + sub(head + 1), cell + " = head " + (head + 1) + " context[" + row + "]["
                        + col % dv + "] = " + fmt(value), Operand.cell(src, row, col % dv));
            }
            case "output" -> projection(name, row, col, value, "concat", "W_o", col, t.weights().bo(), "z");
            case "residual" -> of(name, row, col, value, "X_in + O", cell + " = X_in + O = " + fmt(t.input().get(row, col))
                    + " + " + fmt(t.attention().output().get(row, col)) + " = " + fmt(value),
                    Operand.cell("X_in", row, col), Operand.cell("output", row, col));
            case "norm" -> layerNorm(row, col, value, cell);
            case "logits" -> logit(col, value, cell);
            case "logits_T" -> of(name, row, col, value, "logit ÷ T", cell + " = " + fmt(t.sampling().logits().get(0, col))
                    + " ÷ " + fmt(t.settings().temperature()) + " = " + fmt(value), Operand.cell("logits", 0, col));
            case "probs" -> softmaxCell(name, t.sampling().logits().row(0), 1.0, 0, col, value, "logits");
            case "probs_T" -> softmaxCell(name, t.sampling().logits().row(0), t.settings().temperature(), 0, col, value, "logits");
            case "probs_topk" -> filtered(name, col, value, "probs_T", "top-" + t.settings().topK());
            case "probs_topp" -> filtered(name, col, value, "probs_topk", "top-p " + fmt(t.settings().topP()));
            default -> throw new InvalidInputException("no explanation for matrix '" + name + "'");
        };
    }

    private CellExplanation head(String name, String what, int h, int row, int col, float value, String cell) {
        HeadResult r = t.head(h);
        String q = Trace.headMatrix(h, "Q");
        String k = Trace.headMatrix(h, "K");
        String kvInput = t.isCrossAttention() ? "X_src" : "X_in";
        String kvSymbol = t.isCrossAttention() ? "s" : "x";
        return switch (what) {
            case "Q" -> projection(name, row, col, value, "X_in", "W_q", h * r.dk() + col, t.weights().bq(), "x");
            case "K" -> projection(name, row, col, value, kvInput, "W_k", h * r.dk() + col, t.weights().bk(), kvSymbol);
            case "V" -> projection(name, row, col, value, kvInput, "W_v", h * r.dv() + col, t.weights().bv(), kvSymbol);
            case "scores_raw" -> {
                String f = "q" + sub(row) + "·k" + sub(col);
                yield of(name, row, col, value, f, cell + " = " + f + " = " + dot(r.q().row(row), r.k().row(col), value),
                        Operand.row(q, row), Operand.row(k, col));
            }
            case "scores_scaled" -> {
                float d = t.attention().divisor();
                String f = d == 1f ? "s (unscaled)" : "s ÷ " + fmt(d);
                yield of(name, row, col, value, f, cell + " = " + fmt(r.scoresRaw().get(row, col)) + " ÷ " + fmt(d) + " = " + fmt(value),
                        Operand.cell(Trace.headMatrix(h, "scores_raw"), row, col));
            }
            case "scores_masked" -> t.attention().mask().isMasked(row, col)
                    ? of(name, row, col, value, "masked", cell + " = " + fmt(value) + ": query " + row + " ('" + label(t.tokens(), row)
                            + "') may not attend key " + col + " ('" + label(t.sourceTokens(), col) + "')")
                    : of(name, row, col, value, "s′", cell + " = " + fmt(value) + " (not masked: unchanged)",
                            Operand.cell(Trace.headMatrix(h, "scores_scaled"), row, col));
            case "weights" -> softmaxCell(name, r.scoresMasked().row(row), t.settings().attentionTemperature(), row, col, value,
                    Trace.headMatrix(h, "scores_masked"));
            case "context" -> {
                String f = "Σ_j a" + sub(row) + "ⱼ·v_j[" + col + "]";
                yield of(name, row, col, value, f, cell + " = " + f + " = " + dot(r.weights().row(row), r.v().column(col), value),
                        Operand.row(Trace.headMatrix(h, "weights"), row), Operand.column(Trace.headMatrix(h, "V"), col));
            }
            default -> throw new InvalidInputException("no explanation for matrix '" + name + "'");
        };
    }

    /**
     * Where a weight matrix came from: learned, imported, or drawn from the seed. An import without
     * W_o keeps the seeded one, and an import without an embedding keeps the seeded table.
     */
    private String weightOrigin(String matrix) {
        TraceSettings s = t.settings();
        if (s.model() != null) {
            return "learned in training, " + String.format(java.util.Locale.ROOT, "%,d", s.model().step()) + " steps"
                    + (matrix.equals("E") ? "" : ", block " + (s.modelBlock() + 1));
        }
        ImportedWeights w = s.weights();
        boolean imported = w != null && (matrix.equals("E") ? w.embedding() != null
                : w.attention() != null && (!matrix.equals("W_o") || w.attention().wo() != null));
        return imported ? "imported" : "drawn from seed " + s.seed();
    }

    private CellExplanation embedding(int row, int col, float value, String cell) {
        Token tok = t.tokens().get(row);
        if (tok.id() < 0) return of("X", row, col, value, "padding", cell + " = 0 (padding position: a zero vector)");
        if (t.settings().inputOverride() != null) {
            return of("X", row, col, value, "x", cell + " = x[" + row + "][" + col + "] = " + fmt(value) + " (imported input, not an embedding)");
        }
        String text = cell + " = E[" + tok.id() + "][" + col + "] = " + fmt(value) + "   ('" + tok.text() + "' has id " + tok.id()
                + "; E " + weightOrigin("E") + ")";
        if (t.renormalised().contains(row)) text += "; rescaled so the row's norm is max_norm " + fmt(t.settings().maxNorm());
        return of("X", row, col, value, "E[id]", text);
    }

    /** A cell of input·W (+ b): the input's row against column {@code weightCol} of the weight. */
    private CellExplanation projection(String name, int row, int col, float value, String input, String weight,
                                       int weightCol, Matrix bias, String v) {
        String f = v + sub(row) + "·" + weight + "[:," + weightCol + "]" + (bias != null ? " + b" : "");
        String sum = dot(t.matrix(input).row(row), t.matrix(weight).column(weightCol),
                bias == null ? Float.NaN : bias.get(0, weightCol), value);
        return of(name, row, col, value, f, name + "[" + row + "][" + col + "] = " + f + " = " + sum,
                Operand.row(input, row), Operand.column(weight, weightCol));
    }

    private CellExplanation average(int row, int col, float value, String cell) {
        List<Operand> ops = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int h = 0; h < t.heads(); h++) {
            ops.add(Operand.cell(Trace.headMatrix(h, "weights"), row, col));
            parts.add(fmt(t.head(h).weights().get(row, col)));
        }
        return new CellExplanation("weights_avg", row, col, value, "mean over heads",
                cell + " = (" + String.join(" + ", parts) + ") / " + t.heads() + " = " + fmt(value), ops);
    }

    private CellExplanation layerNorm(int row, int col, float value, String cell) {
        float[] r = t.attention().residual().row(row);
        float mean = LayerNorm.mean(r);
        float var = LayerNorm.variance(r, mean);
        return of("norm", row, col, value, "(r − μ) / √(σ² + ε)", cell + " = (" + fmt(r[col]) + " − " + fmt(mean) + ") / √("
                + fmt(var) + " + 1e−5) = " + fmt(value), Operand.row("residual", row));
    }

    private CellExplanation sinusoid(String name, int row, int col, float value, String cell) {
        double angle = PositionalEncoding.angle(row, col, t.settings().dModel());
        String fn = col % 2 == 0 ? "sin" : "cos";
        String f = fn + "(" + row + " / 10000^(" + (col - col % 2) + "/" + t.settings().dModel() + "))";
        return of(name, row, col, value, f, cell + " = " + f + " = " + fn + "(" + fmt(angle) + ") = " + fmt(value));
    }

    /** With a trained model, X_in is one block's LayerNorm of the residual stream: γ·x̂ + β. */
    private CellExplanation modelInput(int row, int col, float value, String cell) {
        int block = t.settings().modelBlock();
        LanguageModel.BlockPass p = t.modelPass().blocks().get(block);
        float xhat = p.ln1().xhat().get(row, col);
        LmWeights.Block w = t.settings().model().weights().blocks().get(block);
        float gamma = w.ln1Weight().get(0, col);
        float beta = w.ln1Bias().get(0, col);
        return of("X_in", row, col, value, "γ·x̂ + β", cell + " = γ·x̂ + β = " + fmt(gamma) + " × " + fmt(xhat) + " + "
                + fmt(beta) + " = " + fmt(value) + "   (x̂: row " + row + " of the stream entering block " + (block + 1)
                + ", normalised to mean 0 and variance 1)");
    }

    private CellExplanation logit(int col, float value, String cell) {
        if (t.modelPass() != null) {
            Vocabulary.Entry e = t.vocabEntries().get(col);
            int last = t.lastRealPosition();
            float[] yv = t.modelPass().lnF().out().row(last);
            float[] ev = t.embedding().weight().row(e.id());
            String f = "LN_f(x)·E[" + e.id() + "]";
            return of("logits", 0, col, value, f, cell + " = " + f + " ('" + e.text() + "') = " + dot(yv, ev, value)
                    + "   (x: the stream after every block)");
        }
        Vocabulary.Entry e = t.vocabEntries().get(col);
        String y = t.attention().normalized() != null ? "norm" : "output";
        int last = t.lastRealPosition();
        float[] yv = t.matrix(y).row(last);
        float[] ev = t.embedding().weight().row(e.id());
        String f = "y·E[" + e.id() + "]";
        return of("logits", 0, col, value, f, cell + " = " + f + " ('" + e.text() + "') = " + dot(yv, ev, value),
                Operand.row(y, last));
    }

    private CellExplanation softmaxCell(String name, float[] scores, double temperature, int row, int col, float value, String from) {
        String cell = name + "[" + row + "][" + col + "]";
        float[] s = temperature > 0 && temperature != 1.0 ? Softmax.divide(scores, (float) temperature) : scores;
        float max = Softmax.max(s);
        if (max == Float.NEGATIVE_INFINITY) {
            return of(name, row, col, value, "0/0", cell + " = NaN: every entry of the row is −∞, so e^(s − max) is 0/0",
                    Operand.row(from, row));
        }
        if (temperature == 0 || Float.isInfinite(max)) {
            return of(name, row, col, value, "T → 0: one-hot", cell + " = " + fmt(value) + " (T → 0: all probability on the largest entry)",
                    Operand.row(from, row));
        }
        float sum = Softmax.denominator(s);
        String exponent = temperature == 1.0 ? "e^(" + fmt(scores[col]) + " − " + fmt(max) + ")"
                : "e^(" + fmt(scores[col]) + "/" + fmt(temperature) + " − " + fmt(max) + ")";
        String f = "e^(s − max) / Σ";
        return of(name, row, col, value, f, cell + " = " + exponent + " / " + fmt(sum) + " = " + fmt(value),
                Operand.row(from, row));
    }

    private CellExplanation filtered(String name, int col, float value, String from, String filter) {
        float before = t.matrix(from).get(0, col);
        String cell = name + "[0][" + col + "]";
        if (value == 0f && before != 0f) {
            return of(name, 0, col, value, "removed", cell + " = 0: '" + t.vocabEntries().get(col).text() + "' is outside " + filter,
                    Operand.cell(from, 0, col));
        }
        float kept = 0f;
        float[] after = t.matrix(name).row(0);
        float[] prev = t.matrix(from).row(0);
        for (int i = 0; i < after.length; i++) if (after[i] != 0f) kept += prev[i];
        return of(name, 0, col, value, "p ÷ Σ kept", cell + " = " + fmt(before) + " ÷ " + fmt(kept) + " = " + fmt(value)
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

    private static CellExplanation of(String name, int row, int col, float value, String formula, String text, Operand... ops) {
        return new CellExplanation(name, row, col, value, formula, text, List.of(ops));
    }
}

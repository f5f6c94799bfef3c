package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.train.AttentionBackward;
import dev.attentionlab.engine.train.CrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tiny decoder-only transformer (see {@link LmConfig}): forward pass, loss and hand-written
 * backward pass. Attention is {@link MultiHeadAttention}, the computation the attention views show.
 */
public final class LanguageModel {
    private LanguageModel() {}

    /** Every intermediate of one sequence, and the logits of every position (the loss needs them all). */
    public record Pass(int[] ids, Transformer.Pass pass, Matrix logits) {

        public Pass {
            ids = ids.clone();
        }
    }

    /** The model's own attention settings: ÷√d_k, −∞ fill, plain softmax. */
    public static AttentionConfig attentionConfig(LmConfig c) {
        return AttentionConfig.torchDefaults(c.heads());
    }

    /** The training-time forward pass: causal mask, the model's own attention settings. */
    public static Pass forward(LmWeights w, int[] ids) {
        return forward(w, ids, attentionConfig(w.config()), MaskMatrix.causal(ids.length, ids.length));
    }

    /**
     * @param cfg  how attention is computed (the views may change its scale, fill or temperature)
     * @param mask which keys each position may not see; the model was trained with the causal mask
     */
    public static Pass forward(LmWeights w, int[] ids, AttentionConfig cfg, MaskMatrix mask) {
        LmConfig c = w.config();
        if (ids.length < 1 || ids.length > c.context()) {
            throw new InvalidInputException("the model reads 1…" + c.context() + " tokens at a time, got " + ids.length);
        }
        for (int id : ids) {
            if (id < 0 || id >= c.vocab()) throw new InvalidInputException("token id " + id + " is outside the model's vocabulary of " + c.vocab());
        }
        Transformer.Pass pass = w.transformer().forward(w.tokEmb().selectRows(ids), null, cfg, mask);
        return new Pass(ids, pass, pass.hidden().times(w.tokEmb().transposeKept()));
    }

    /** The logits for the token after {@code ids[0…end)}, reading at most the last {@code context} of them. */
    public static float[] nextLogits(LmWeights w, int[] ids, int end) {
        int from = Math.max(0, end - w.config().context());
        Pass p = forward(w, java.util.Arrays.copyOfRange(ids, from, end));
        return p.logits().row(p.logits().rows() - 1);
    }

    /** Mean cross-entropy of a batch, forward only. */
    public static double loss(LmWeights w, int[][] inputs, int[][] targets) {
        double[] sums = IntStream.range(0, inputs.length).parallel()
                .mapToDouble(i -> CrossEntropy.sum(forward(w, inputs[i]).logits(), targets[i])).toArray();
        return mean(sums, inputs);
    }

    /** A batch's mean loss and the gradient of that mean with respect to every parameter. */
    public record Gradient(double loss, LmParameters grads) {}

    /**
     * Sequences run in parallel, each into its own gradient buffer; the buffers are summed in batch
     * order, so the result does not depend on how the work was scheduled.
     */
    public static Gradient gradient(LmWeights w, int[][] inputs, int[][] targets) {
        int n = 0;
        for (int[] t : targets) n += t.length;
        float scale = 1f / n;
        record One(double loss, LmParameters grads) {}
        List<One> parts = IntStream.range(0, inputs.length).parallel().mapToObj(i -> {
            Pass p = forward(w, inputs[i]);
            LmParameters g = LmParameters.zeros(w.config());
            backward(w, p, targets[i], scale, g);
            return new One(CrossEntropy.sum(p.logits(), targets[i]), g);
        }).toList();
        LmParameters total = parts.get(0).grads();
        double[] sums = new double[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            sums[i] = parts.get(i).loss();
            if (i > 0) total.add(parts.get(i).grads());
        }
        return new Gradient(mean(sums, inputs), total);
    }

    private static double mean(double[] sums, int[][] inputs) {
        double total = 0;
        long count = 0;
        for (int i = 0; i < sums.length; i++) {
            total += sums[i];
            count += inputs[i].length;
        }
        return total / count;
    }

    /** Adds d(scale · Σ cross-entropy)/dθ of one sequence into {@code g}. */
    static void backward(LmWeights w, Pass p, int[] targets, float scale, LmParameters g) {
        Matrix dLogits = CrossEntropy.gradient(p.logits(), targets, scale);
        // logits = LN_f(x)·Eᵀ with the embedding E reused as the output projection
        Transformer.Pass pass = p.pass();
        Linear.addInto(g.get("tok_emb"), dLogits.transpose().times(pass.finalNorm().out()));
        Matrix dx = AffineLayerNorm.backward(pass.finalNorm(), w.lnFWeight(), dLogits.times(w.tokEmb()),
                g.get("ln_f.weight"), g.get("ln_f.bias"));
        for (int l = pass.blocks().size() - 1; l >= 0; l--) {
            dx = blockBackward(w.blocks().get(l), pass.blocks().get(l), dx, g, LmParameters.block(l),
                    attentionConfig(w.config()));
        }
        float[] dTok = g.get("tok_emb");
        float[] dPos = g.get("pos_emb");
        int d = dx.cols();
        float[] dr = dx.raw();
        for (int t = 0; t < p.ids().length; t++) {
            int row = p.ids()[t];
            for (int j = 0; j < d; j++) {
                dTok[row * d + j] += dr[t * d + j];
                dPos[t * d + j] += dr[t * d + j];
            }
        }
    }

    /** Given dL/d(block output), adds the block's parameter gradients and returns dL/d(block input). */
    static Matrix blockBackward(LmWeights.Block b, Transformer.BlockPass p, Matrix dOut, LmParameters g, String prefix, AttentionConfig cfg) {
        Matrix dAct = Linear.backward(p.activated(), b.w2(), dOut, g.get(prefix + "mlp.w_2"), g.get(prefix + "mlp.b_2"));
        Matrix dHidden = Gelu.backward(p.hidden(), dAct);
        Matrix dLn2 = Linear.backward(p.ln2().out(), b.w1(), dHidden, g.get(prefix + "mlp.w_1"), g.get(prefix + "mlp.b_1"));
        Matrix dMid = dOut.plus(AffineLayerNorm.backward(p.ln2(), b.ln2Weight(), dLn2,
                g.get(prefix + "ln2.weight"), g.get(prefix + "ln2.bias")));
        String a = prefix + "attn.";
        AttentionBackward.Grads ag = new AttentionBackward.Grads(g.get(a + "w_q"), g.get(a + "b_q"), g.get(a + "w_k"),
                g.get(a + "b_k"), g.get(a + "w_v"), g.get(a + "b_v"), g.get(a + "w_o"), g.get(a + "b_o"));
        Matrix dLn1 = AttentionBackward.backward(p.ln1().out(), b.attention(), cfg, p.attention(), dMid, ag);
        return dMid.plus(AffineLayerNorm.backward(p.ln1(), b.ln1Weight(), dLn1,
                g.get(prefix + "ln1.weight"), g.get(prefix + "ln1.bias")));
    }
}

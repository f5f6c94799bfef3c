package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Softmax;
import java.util.ArrayList;
import java.util.List;

/**
 * Scaled dot-product attention with h heads; single-head (the notebook), multi-head
 * ({@code nn.MultiheadAttention}) and cross-attention are all this one computation:
 * <pre>
 *   Q = X_q·W_q + b_q,   K = X_kv·W_k + b_k,   V = X_kv·W_v + b_v
 *   per head:  scores = q·kᵀ ÷ scale,  masked = fill where mask,  weights = softmax(masked / T),
 *              context = weights·v
 *   output = [context₁ | … | context_h]·W_o + b_o
 * </pre>
 */
public final class MultiHeadAttention {
    /** Below this many multiply-adds per head, heads run one after another. */
    private static final long PARALLEL_HEAD_WORK = 1L << 16;

    private MultiHeadAttention() {}

    /** Self-attention: queries, keys and values all come from {@code x}. */
    public static AttentionResult selfAttention(Matrix x, AttentionWeights w, AttentionConfig cfg, MaskMatrix mask) {
        return forward(x, x, w, cfg, mask);
    }

    /**
     * @param xq   [L_q × d_model] the sequence asking (queries)
     * @param xkv  [L_k × d_model] the sequence answering (keys and values)
     * @param mask [L_q × L_k], true = masked; null for none
     */
    public static AttentionResult forward(Matrix xq, Matrix xkv, AttentionWeights w, AttentionConfig cfg, MaskMatrix mask) {
        int h = cfg.heads();
        int dModel = w.dModel();
        if (xq.cols() != dModel || xkv.cols() != dModel) {
            throw new InvalidInputException("inputs have " + xq.cols() + " columns but W_q expects d_model = " + dModel);
        }
        if (w.wq().cols() % h != 0 || w.wv().cols() % h != 0) {
            throw new InvalidInputException(h + " heads do not divide the projection widths "
                    + w.wq().cols() + " (queries/keys) and " + w.wv().cols() + " (values)");
        }
        int dk = w.wq().cols() / h;
        int dv = w.wv().cols() / h;
        int lq = xq.rows();
        int lk = xkv.rows();
        MaskMatrix effectiveMask = mask == null ? MaskMatrix.none(lq, lk) : mask;
        effectiveMask.requireShape(lq, lk);

        Matrix q;
        Matrix k;
        Matrix v;
        if (xq == xkv) {
            // One product X·[W_q | W_k | W_v] instead of three: same sums per element, wider vector loops.
            Matrix qkv = project(xq, w.fusedQkv(), w.fusedQkvBias());
            int hk = w.wq().cols();
            q = qkv.columns(0, hk);
            k = qkv.columns(hk, 2 * hk);
            v = qkv.columns(2 * hk, 2 * hk + w.wv().cols());
        } else {
            q = project(xq, w.wq(), w.bq());
            k = project(xkv, w.wk(), w.bk());
            v = project(xkv, w.wv(), w.bv());
        }
        float divisor = (float) cfg.scale().divisor(dk, dModel);

        boolean anyMasked = effectiveMask.anyMasked();
        java.util.function.IntFunction<HeadResult> oneHead = head -> {
            Matrix qh = q.columns(head * dk, (head + 1) * dk);
            Matrix kh = k.columns(head * dk, (head + 1) * dk);
            Matrix vh = v.columns(head * dv, (head + 1) * dv);
            Matrix raw = qh.timesTransposed(kh);
            Scored s = score(raw, divisor, effectiveMask, anyMasked, cfg);
            return new HeadResult(head, qh, kh, vh, raw, s.scaled(), s.masked(), s.weights(), s.weights().times(vh));
        };
        // Heads are independent: with enough work per head they run on all cores.
        boolean parallel = h > 1 && (long) lq * lk * (dk + dv) >= PARALLEL_HEAD_WORK;
        List<HeadResult> heads = parallel
                ? java.util.stream.IntStream.range(0, h).parallel().mapToObj(oneHead).toList()
                : java.util.stream.IntStream.range(0, h).mapToObj(oneHead).toList();
        List<Matrix> contexts = new ArrayList<>(h);
        List<Matrix> weightsPerHead = new ArrayList<>(h);
        for (HeadResult r : heads) {
            contexts.add(r.context());
            weightsPerHead.add(r.weights());
        }
        Matrix concat = h == 1 ? contexts.get(0) : Matrix.hconcat(contexts);
        Matrix output = w.wo() == null ? concat : project(concat, w.wo(), w.bo());
        Matrix average = h == 1 ? weightsPerHead.get(0) : Matrix.mean(weightsPerHead);

        return new AttentionResult(heads, effectiveMask, divisor, rowNotes(effectiveMask, cfg.fill()),
                concat, output, average);
    }

    /** A head's scores after each step from QKᵀ to the weights. */
    public record Scored(Matrix scaled, Matrix masked, Matrix weights) {}

    /** QKᵀ ÷ divisor, masked with the config's fill, softmax at its temperature: the steps every head takes. */
    public static Scored score(Matrix raw, float divisor, MaskMatrix mask, AttentionConfig cfg) {
        return score(raw, divisor, mask, mask.anyMasked(), cfg);
    }

    private static Scored score(Matrix raw, float divisor, MaskMatrix mask, boolean anyMasked, AttentionConfig cfg) {
        Matrix scaled = divisor == 1f ? raw : raw.divide(divisor);
        Matrix masked = anyMasked ? mask.fill(scaled, cfg.fill().value()) : scaled;
        return new Scored(scaled, masked, Softmax.rows(masked, cfg.temperature()));
    }

    /**
     * {@code nn.MultiheadAttention} over a batch: each sequence with the shared attn_mask and its own
     * key padding mask (true = that key is padding). Either mask may be null.
     */
    public static List<AttentionResult> batch(List<Matrix> xs, AttentionWeights w, AttentionConfig cfg,
                                              MaskMatrix attnMask, boolean[][] keyPadding) {
        List<AttentionResult> out = new ArrayList<>(xs.size());
        for (int b = 0; b < xs.size(); b++) {
            Matrix x = xs.get(b);
            MaskMatrix mask = attnMask;
            if (keyPadding != null) {
                if (keyPadding[b].length != x.rows()) {
                    throw new InvalidInputException("key_padding_mask[" + b + "] has " + keyPadding[b].length
                            + " entries for a sequence of " + x.rows());
                }
                mask = MaskMatrix.withKeyPadding(mask, x.rows(), keyPadding[b]);
            }
            out.add(selfAttention(x, w, cfg, mask));
        }
        return out;
    }

    static Matrix project(Matrix x, Matrix w, Matrix bias) {
        Matrix y = x.times(w);
        return bias == null ? y : y.plusRow(bias.row(0));
    }

    private static List<RowNote> rowNotes(MaskMatrix mask, MaskFill fill) {
        List<RowNote> notes = new ArrayList<>();
        for (int i = 0; i < mask.rows(); i++) {
            if (!mask.rowFullyMasked(i)) continue;
            notes.add(new RowNote(i, fill == MaskFill.NEGATIVE_INFINITY
                    ? "every key is masked for query " + i + ": softmax of all −∞ is 0/0, so the row is NaN (as in PyTorch)"
                    : "every key is masked for query " + i + ": all scores are −1e9, so the softmax is uniform"));
        }
        return notes;
    }
}

package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Softmax;

/**
 * Generation a position at a time with a key/value cache: each block keeps every earlier position's
 * keys and values per head, so a new token costs one position's work (its projections, attention over
 * the cache, its MLP) instead of the whole sentence again. For pre-LN decoders with learned positions
 * and the tied head: GPT-2 and the Train tab's model.
 *
 * <p>Each number is the same sum, in the same order, as in {@link Transformer#forward} under the causal
 * mask (a masked key adds a weight of 0), so a token generated here has the logits a full trace of the
 * longer text gives it.
 */
public final class KvCacheDecoder {
    private final Transformer model;
    private final AttentionConfig cfg;
    private final int heads;
    private final int capacity;
    private final Matrix vocabularyT;
    /** keys[b][h] and values[b][h]: capacity × d_head each, filled up to {@link #length}. */
    private final float[][][] keys;
    private final float[][][] values;
    private int length;

    /** @param capacity the most positions it will hold (the model's context) */
    public KvCacheDecoder(Transformer model, AttentionConfig cfg, int capacity) {
        if (!model.predictsTokens() || model.tokenType() != null || model.embeddingNorm() != null
                || !(model.positions() instanceof Positions.Learned)) {
            throw new InvalidInputException("generation with a cache needs a decoder with learned positions and a tied head");
        }
        for (Block b : model.blocks()) {
            if (b.placement() != NormPlacement.PRE || b.cross() || b.mlp() == null) {
                throw new InvalidInputException("generation with a cache needs pre-LN self-attention blocks with an MLP");
            }
        }
        this.model = model;
        this.cfg = cfg;
        this.heads = cfg.heads();
        this.capacity = capacity;
        this.vocabularyT = model.embedding().weight().transpose();
        keys = new float[model.blocks().size()][heads][];
        values = new float[model.blocks().size()][heads][];
        for (int b = 0; b < keys.length; b++) {
            AttentionWeights w = model.blocks().get(b).attention();
            for (int h = 0; h < heads; h++) {
                keys[b][h] = new float[capacity * (w.wk().cols() / heads)];
                values[b][h] = new float[capacity * (w.wv().cols() / heads)];
            }
        }
    }

    /** How many positions the cache holds. */
    public int length() {
        return length;
    }

    /** Feeds {@code ids} at the next positions, all at once; returns the logits after the last. */
    public float[] prefill(int[] ids) {
        if (ids.length == 0) throw new InvalidInputException("there is nothing to continue: the text has no tokens");
        return feed(ids);
    }

    /** Feeds one token at the next position; returns the logits for the token after it, over the whole vocabulary. */
    public float[] next(int id) {
        return feed(new int[] {id});
    }

    /** Runs {@code ids} (n of them) at positions length … length + n − 1; the logits are the last one's. */
    private float[] feed(int[] ids) {
        int n = ids.length;
        if (length + n > capacity) {
            throw new InvalidInputException("the model knows " + capacity + " positions; " + (length + n) + " do not fit");
        }
        int d = model.dModel();
        // The lookup refuses an id outside the vocabulary.
        Matrix x = model.embedding().lookup(ids).rows().plus(model.positions().table(length + n, d).rowRange(length, length + n));
        for (int b = 0; b < model.blocks().size(); b++) x = block(b, model.blocks().get(b), x);
        Matrix last = x.rowRange(n - 1, n);
        Matrix h = model.finalNorm() == null ? last : model.finalNorm().apply(last).out();
        length += n;
        return h.times(vocabularyT).row(0);
    }

    /** One block for n new rows: their keys and values join the cache, and each row attends to the cache up to itself. */
    private Matrix block(int index, Block b, Matrix x) {
        int n = x.rows();
        Matrix a = b.norm1().apply(x).out();
        AttentionWeights w = b.attention();
        Matrix q = Linear.forward(a, w.wq(), w.bq());
        Matrix k = Linear.forward(a, w.wk(), w.bk());
        Matrix v = Linear.forward(a, w.wv(), w.bv());
        int dk = q.cols() / heads;
        int dv = v.cols() / heads;
        float divisor = (float) cfg.scale().divisor(dk, model.dModel());
        float[] concat = new float[n * heads * dv];
        for (int h = 0; h < heads; h++) {
            float[] kh = keys[index][h];
            float[] vh = values[index][h];
            for (int r = 0; r < n; r++) {
                System.arraycopy(k.raw(), r * k.cols() + h * dk, kh, (length + r) * dk, dk);
                System.arraycopy(v.raw(), r * v.cols() + h * dv, vh, (length + r) * dv, dv);
            }
            for (int r = 0; r < n; r++) {
                int t = length + r + 1;
                float[] scores = new float[t];
                for (int j = 0; j < t; j++) {
                    float s = 0f;
                    for (int i = 0; i < dk; i++) s += q.raw()[r * q.cols() + h * dk + i] * kh[j * dk + i];
                    scores[j] = divisor == 1f ? s : s / divisor;
                }
                float[] weights = Softmax.of(scores, cfg.temperature());
                for (int c = 0; c < dv; c++) {
                    float z = 0f;
                    for (int j = 0; j < t; j++) z += weights[j] * vh[j * dv + c];
                    concat[r * heads * dv + h * dv + c] = z;
                }
            }
        }
        Matrix attended = Linear.forward(Matrix.of(n, heads * dv, concat), w.wo(), w.bo());
        Matrix residual = x.plus(attended);
        Mlp mlp = b.mlp();
        Matrix hidden = Gelu.forward(Linear.forward(b.norm2().apply(residual).out(), mlp.w1(), mlp.b1()), mlp.gelu());
        return residual.plus(Linear.forward(hidden, mlp.w2(), mlp.b2()));
    }

    /**
     * Forgets every position (the cache is read only up to {@link #length}, so nothing needs zeroing);
     * the weights and the transposed vocabulary, made once at construction, stay.
     */
    public void clear() {
        length = 0;
    }
}

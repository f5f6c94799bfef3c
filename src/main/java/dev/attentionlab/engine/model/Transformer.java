package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The one model type every source builds: token embedding, positions, a stack of blocks, an optional
 * final LayerNorm, and a head. {@link #forward} keeps every intermediate of every block, because
 * showing them is the point.
 *
 * @param tokenType     BERT's token-type (segment) vector for sentence A, added to every position; null for none
 * @param embeddingNorm the LayerNorm BERT applies to the summed embeddings before block 1; null for none
 * @param finalNorm     null when the last block's output is used as it is
 */
public record Transformer(Embedding embedding, Positions positions, Matrix tokenType, Norm embeddingNorm,
                          List<Block> blocks, Norm finalNorm, Head head) {

    /** What the last hidden state is for. */
    public enum Head {
        /** Next-token logits against the embedding table itself (tied weights). */
        TIED_EMBEDDING,
        /** No next-token head: the mean of the token vectors, L2-normalised, is the sentence's embedding. */
        MEAN_POOLING
    }

    public Transformer {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) throw new IllegalArgumentException("a transformer needs at least one block");
        if (tokenType != null && (tokenType.rows() != 1 || tokenType.cols() != embedding.dim())) {
            throw new IllegalArgumentException("the token-type vector is " + tokenType.shape() + ", not 1×" + embedding.dim());
        }
    }

    /** A decoder with tied logits and no embedding extras: the seeded presets, imported weights, the trained model. */
    public Transformer(Embedding embedding, Positions positions, List<Block> blocks, Norm finalNorm) {
        this(embedding, positions, null, null, blocks, finalNorm, Head.TIED_EMBEDDING);
    }

    public boolean predictsTokens() {
        return head == Head.TIED_EMBEDDING;
    }

    public int dModel() {
        return embedding.dim();
    }

    /**
     * One block's intermediates. Pre-LN: ln1 → attention → residual → ln2 → MLP → residual2.
     * Post-LN: attention → residual → norm1 → MLP → residual2 → norm2. None: attention alone.
     * Fields that a block's placement or its lack of an MLP leaves out are null.
     *
     * @param input    the residual stream entering the block
     * @param residual input + attention output
     * @param output   what the next block (or the final norm) reads
     */
    public record BlockPass(Matrix input, AffineLayerNorm.Result ln1, AttentionResult attention, Matrix residual,
                            AffineLayerNorm.Result norm1, AffineLayerNorm.Result ln2, Matrix hidden, Matrix activated,
                            Matrix mlpOut, Matrix residual2, AffineLayerNorm.Result norm2, Matrix output) {

        /** What the block's queries read: LN₁ of the stream when pre-LN, else the stream itself. */
        public Matrix attentionInput() {
            return ln1 != null ? ln1.out() : input;
        }

        /** What the MLP reads; null without one. */
        public Matrix mlpInput() {
            if (hidden == null) return null;
            return ln2 != null ? ln2.out() : norm1.out();
        }
    }

    /**
     * Every intermediate of one sequence.
     *
     * @param tokens        the looked-up token vectors (padding rows zero)
     * @param positions     the position vectors added to them, or null
     * @param tokenTypes    the token-type vector on every row, or null
     * @param embeddingSum  tokens + positions + token types when a LayerNorm follows (else null: then it is {@code embedded})
     * @param embeddingNorm that LayerNorm, or null
     * @param embedded      block 1's input: the sum, or its LayerNorm
     * @param source        the keys' and values' sentence, embedded the same way, for cross-attention blocks
     *                      (the same instance as {@code embedded} for self-attention)
     */
    public record Pass(Matrix tokens, Matrix positions, Matrix tokenTypes, Matrix embeddingSum, AffineLayerNorm.Result embeddingNorm,
                       Matrix embedded, Matrix source, List<BlockPass> blocks, AffineLayerNorm.Result finalNorm) {

        public Pass {
            blocks = List.copyOf(blocks);
        }

        /** The last hidden state: after the final norm when there is one. */
        public Matrix hidden() {
            return finalNorm != null ? finalNorm.out() : blocks.get(blocks.size() - 1).output();
        }
    }

    /**
     * @param tokens       [L × d] token vectors (from the embedding, or given directly)
     * @param sourceTokens [L_s × d] the other sentence's token vectors for cross-attention, else null
     * @param cfg          how attention is computed in every block
     * @param mask         [L × L_s] keys each query may not see, shared by the blocks; null for none
     */
    public Pass forward(Matrix tokens, Matrix sourceTokens, AttentionConfig cfg, MaskMatrix mask) {
        Matrix pe = positions.table(tokens.rows(), dModel());
        Matrix x = pe == null ? tokens : tokens.plus(pe);
        Matrix types = null;
        if (tokenType != null) {
            types = Matrix.wrap(tokens.rows(), dModel(), repeat(tokenType.raw(), tokens.rows()));
            x = x.plus(types);
        }
        Matrix sum = null;
        AffineLayerNorm.Result embNorm = null;
        if (embeddingNorm != null) {
            sum = x;
            embNorm = embeddingNorm.apply(x);
            x = embNorm.out();
        }
        Matrix embedded = x;
        Matrix source = embedded;
        if (sourceTokens != null) {
            if (tokenType != null || embeddingNorm != null) throw new InvalidInputException("this model has no cross-attention");
            Matrix spe = positions.table(sourceTokens.rows(), dModel());
            source = spe == null ? sourceTokens : sourceTokens.plus(spe);
        }
        List<BlockPass> passes = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            BlockPass p = run(b, x, source, cfg, mask);
            passes.add(p);
            x = p.output();
        }
        AffineLayerNorm.Result lnF = finalNorm == null ? null : finalNorm.apply(x);
        return new Pass(tokens, pe, types, sum, embNorm, embedded, source, passes, lnF);
    }

    private static float[] repeat(float[] row, int times) {
        float[] out = new float[row.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(row, 0, out, i * row.length, row.length);
        return out;
    }

    private static BlockPass run(Block b, Matrix x, Matrix source, AttentionConfig cfg, MaskMatrix mask) {
        AffineLayerNorm.Result ln1 = b.placement() == NormPlacement.PRE ? b.norm1().apply(x) : null;
        Matrix queries = ln1 != null ? ln1.out() : x;
        AttentionResult a = MultiHeadAttention.forward(queries, b.cross() ? source : queries, b.attention(), cfg, mask);
        if (b.placement() == NormPlacement.NONE) {
            return new BlockPass(x, null, a, null, null, null, null, null, null, null, null, a.output());
        }
        if (a.output().cols() != x.cols()) {
            throw new InvalidInputException("a residual sum needs the attention output's width (" + a.output().cols()
                    + ") to equal d_model (" + x.cols() + ")");
        }
        Matrix residual = x.plus(a.output());
        AffineLayerNorm.Result norm1 = b.placement() == NormPlacement.POST ? b.norm1().apply(residual) : null;
        Matrix stream = norm1 != null ? norm1.out() : residual;
        Mlp mlp = b.mlp();
        if (mlp == null) return new BlockPass(x, ln1, a, residual, norm1, null, null, null, null, null, null, stream);
        AffineLayerNorm.Result ln2 = b.placement() == NormPlacement.PRE ? b.norm2().apply(stream) : null;
        Matrix hidden = Linear.forward(ln2 != null ? ln2.out() : stream, mlp.w1(), mlp.b1());
        Matrix activated = Gelu.forward(hidden, mlp.gelu());
        Matrix mlpOut = Linear.forward(activated, mlp.w2(), mlp.b2());
        Matrix residual2 = stream.plus(mlpOut);
        AffineLayerNorm.Result norm2 = b.placement() == NormPlacement.POST ? b.norm2().apply(residual2) : null;
        return new BlockPass(x, ln1, a, residual, norm1, ln2, hidden, activated, mlpOut, residual2, norm2,
                norm2 != null ? norm2.out() : residual2);
    }

    /** The tied head on one position: logits[v] = hidden[position] · E[ids[v]]. */
    public float[] logits(Pass p, int position, int[] ids) {
        if (!predictsTokens()) throw new IllegalStateException("this model has no next-token head");
        float[] y = p.hidden().row(position);
        Matrix e = embedding.weight();
        float[] out = new float[ids.length];
        for (int v = 0; v < ids.length; v++) {
            float s = 0f;
            for (int j = 0; j < y.length; j++) s += y[j] * e.get(ids[v], j);
            out[v] = s;
        }
        return out;
    }
}

package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;

/**
 * Projection weights in the "X·W" convention the notebook uses: {@code Q = X·W_q + b_q} with W_q of
 * shape [d_model × heads·d_k]; head h owns columns h·d_k … (h+1)·d_k − 1. The output projection is
 * optional ({@code wo == null}: the output is the concatenated heads). Biases may be null (zero).
 */
public record AttentionWeights(Matrix wq, Matrix wk, Matrix wv, Matrix bq, Matrix bk, Matrix bv,
                               Matrix wo, Matrix bo) {

    public AttentionWeights {
        requireBias("b_q", bq, wq);
        requireBias("b_k", bk, wk);
        requireBias("b_v", bv, wv);
        if (wk.rows() != wq.rows() || wv.rows() != wq.rows()) {
            throw new InvalidInputException("W_q, W_k and W_v must have the same number of rows (d_model): "
                    + wq.shape() + ", " + wk.shape() + ", " + wv.shape());
        }
        if (wk.cols() != wq.cols()) {
            throw new InvalidInputException("W_q is " + wq.shape() + " but W_k is " + wk.shape() + ": queries and keys need the same width");
        }
        if (wo != null) {
            if (wo.rows() != wv.cols()) {
                throw new InvalidInputException("W_o has " + wo.rows() + " rows but the heads concatenate to " + wv.cols() + " columns");
            }
            requireBias("b_o", bo, wo);
        } else if (bo != null) {
            throw new InvalidInputException("b_o given without W_o");
        }
    }

    /** Weights without biases or output projection: the notebook's W_q, W_k, W_v. */
    public static AttentionWeights notebook(Matrix wq, Matrix wk, Matrix wv, Matrix wo) {
        return new AttentionWeights(wq, wk, wv, null, null, null, wo, null);
    }

    /**
     * From an {@code nn.MultiheadAttention} state_dict: in_proj_weight [3E × E] (rows W_q, W_k, W_v in
     * torch's y = x·Wᵀ convention), in_proj_bias [3E], out_proj.weight [E × E], out_proj.bias [E].
     */
    public static AttentionWeights fromTorchMha(Matrix inProjWeight, float[] inProjBias, Matrix outProjWeight, float[] outProjBias) {
        int e = inProjWeight.cols();
        if (inProjWeight.rows() != 3 * e) {
            throw new InvalidInputException("in_proj_weight must be [3·E × E], got " + inProjWeight.shape());
        }
        if (inProjBias != null && inProjBias.length != 3 * e) {
            throw new InvalidInputException("in_proj_bias must have 3·E = " + 3 * e + " values, got " + inProjBias.length);
        }
        if (outProjWeight.rows() != e || outProjWeight.cols() != e) {
            throw new InvalidInputException("out_proj.weight must be [" + e + " × " + e + "], got " + outProjWeight.shape());
        }
        if (outProjBias != null && outProjBias.length != e) {
            throw new InvalidInputException("out_proj.bias must have " + e + " values, got " + outProjBias.length);
        }
        return new AttentionWeights(
                inProjWeight.rowRange(0, e).transpose(),
                inProjWeight.rowRange(e, 2 * e).transpose(),
                inProjWeight.rowRange(2 * e, 3 * e).transpose(),
                slice(inProjBias, 0, e), slice(inProjBias, e, 2 * e), slice(inProjBias, 2 * e, 3 * e),
                outProjWeight.transpose(),
                outProjBias == null ? null : Matrix.rowVector(outProjBias));
    }

    /** [W_q | W_k | W_v] and the matching bias row, made once per weights object. */
    Matrix fusedQkv() {
        return Fused.of(this).weight();
    }

    /** [b_q | b_k | b_v], or null when there are no biases. */
    Matrix fusedQkvBias() {
        return Fused.of(this).bias();
    }

    /**
     * A record cannot hold a derived field, and its equals compares every weight, so the fused
     * matrices live in a small cache keyed by identity.
     */
    private record Fused(AttentionWeights owner, Matrix weight, Matrix bias) {
        private static final int KEPT = 8;
        private static final java.util.ArrayDeque<Fused> RECENT = new java.util.ArrayDeque<>();

        static Fused of(AttentionWeights w) {
            synchronized (RECENT) {
                for (Fused f : RECENT) if (f.owner == w) return f;
            }
            Matrix weight = Matrix.hconcat(java.util.List.of(w.wq, w.wk, w.wv));
            Matrix bias = w.bq == null && w.bk == null && w.bv == null ? null : Matrix.hconcat(java.util.List.of(
                    orZero(w.bq, w.wq.cols()), orZero(w.bk, w.wk.cols()), orZero(w.bv, w.wv.cols())));
            Fused f = new Fused(w, weight, bias);
            synchronized (RECENT) {
                RECENT.addFirst(f);
                if (RECENT.size() > KEPT) RECENT.removeLast();
            }
            return f;
        }

        private static Matrix orZero(Matrix b, int n) {
            return b != null ? b : Matrix.zeros(1, n);
        }
    }

    public int dModel() {
        return wq.rows();
    }

    /** Width of the attention output: d_out of W_o, or heads·d_v without it. */
    public int outputWidth() {
        return wo == null ? wv.cols() : wo.cols();
    }

    private static Matrix slice(float[] v, int from, int to) {
        return v == null ? null : Matrix.rowVector(java.util.Arrays.copyOfRange(v, from, to));
    }

    private static void requireBias(String name, Matrix bias, Matrix weight) {
        if (bias != null && (bias.rows() != 1 || bias.cols() != weight.cols())) {
            throw new InvalidInputException(name + " must have " + weight.cols() + " values, got " + bias.rows() * bias.cols());
        }
    }
}

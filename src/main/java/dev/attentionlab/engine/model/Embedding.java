package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.Limits;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nn.Embedding(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type)}: a weight
 * table whose padding row is zero, looked up by id; with max_norm, each looked-up row whose p-norm
 * exceeds it is rescaled to max_norm / (norm + 1e-7), as torch's embedding_renorm_ does.
 *
 * @param paddingIdx -1 for none
 * @param maxNorm    NaN for none
 */
public record Embedding(Matrix weight, int paddingIdx, double maxNorm, double normType) {

    public Embedding {
        if (paddingIdx < -1) throw new InvalidInputException("padding_idx must be -1 (none) or an embedding row, got " + paddingIdx);
        if (paddingIdx >= weight.rows()) {
            throw new InvalidInputException("padding_idx " + paddingIdx + " is outside the " + weight.rows() + " embedding rows");
        }
        if (!Double.isNaN(maxNorm) && !(maxNorm > 0)) throw new InvalidInputException("max_norm must be > 0, got " + maxNorm);
        if (!(normType > 0)) throw new InvalidInputException("norm_type must be > 0, got " + normType);
    }

    /** Seeded like torch: {@code normal_(0, 1)} over [num × dim], then the padding row zeroed. */
    public static Embedding init(TorchGenerator g, int num, int dim, int paddingIdx, double maxNorm, double normType) {
        Limits.checkVocab(num);
        Limits.checkDim("embedding dim", dim);
        float[] w = g.normal(num * dim, 0.0, 1.0);
        if (paddingIdx >= 0 && paddingIdx < num) java.util.Arrays.fill(w, paddingIdx * dim, (paddingIdx + 1) * dim, 0f);
        return new Embedding(Matrix.wrap(num, dim, w), paddingIdx, maxNorm, normType);
    }

    public static Embedding plain(Matrix weight) {
        return new Embedding(weight, -1, Double.NaN, 2.0);
    }

    public int dim() {
        return weight.cols();
    }

    /** The rows for {@code ids}, renormalised when max_norm is set. */
    public Lookup lookup(int[] ids) {
        for (int id : ids) {
            if (id < 0 || id >= weight.rows()) {
                throw new InvalidInputException("token id " + id + " is outside the " + weight.rows() + " embedding rows");
            }
        }
        Matrix rows = weight.selectRows(ids);
        if (Double.isNaN(maxNorm)) return new Lookup(rows, List.of());
        float[] out = rows.toArray();
        int d = dim();
        List<Integer> renormalised = new ArrayList<>();
        for (int r = 0; r < ids.length; r++) {
            double norm = pNorm(out, r * d, d, normType);
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-7));
                for (int j = 0; j < d; j++) out[r * d + j] *= scale;
                renormalised.add(r);
            }
        }
        return new Lookup(Matrix.wrap(ids.length, d, out), List.copyOf(renormalised));
    }

    /** Looked-up rows, and which of them max_norm rescaled. */
    public record Lookup(Matrix rows, List<Integer> renormalisedRows) {}

    public static double pNorm(float[] v, int from, int len, double p) {
        double s = 0;
        for (int j = from; j < from + len; j++) s += Math.pow(Math.abs(v[j]), p);
        return (float) Math.pow(s, 1 / p);
    }
}

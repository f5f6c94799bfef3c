package dev.attentionlab.engine.train;

import dev.attentionlab.engine.model.AttentionConfig;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.Linear;
import dev.attentionlab.engine.model.MultiHeadAttention;
import dev.attentionlab.engine.tensor.Matrix;

/**
 * The gradient of {@link MultiHeadAttention#selfAttention} from what its forward pass kept. Per head,
 * with P the weights and dC the gradient of its context:
 * <pre>
 *   dV = Pᵀ·dC,   dP = dC·Vᵀ,   dS = P ⊙ (dP − rowsum(P ⊙ dP)) ÷ (scale · T)   (0 where masked)
 *   dQ = dS·K,    dK = dSᵀ·Q
 * </pre>
 * then back through the projections: dX = dQ·W_qᵀ + dK·W_kᵀ + dV·W_vᵀ.
 */
public final class AttentionBackward {
    private AttentionBackward() {}

    /** Where the parameter gradients accumulate (same shapes as the weights). */
    public record Grads(float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv, float[] wo, float[] bo) {}

    public static Matrix backward(Matrix x, AttentionWeights w, AttentionConfig cfg, AttentionResult r, Matrix dOut, Grads g) {
        Matrix dConcat = Linear.backward(r.concat(), w.wo(), dOut, g.wo(), g.bo());
        int len = x.rows();
        int h = r.heads().size();
        int dk = w.wq().cols() / h;
        int dv = w.wv().cols() / h;
        float[] dq = new float[len * h * dk];
        float[] dkAll = new float[len * h * dk];
        float[] dvAll = new float[len * h * dv];
        float divide = (float) (r.divisor() * cfg.temperature());
        for (HeadResult head : r.heads()) {
            int hi = head.index();
            Matrix dC = dConcat.columns(hi * dv, (hi + 1) * dv);
            Matrix p = head.weights();
            Matrix dP = dC.timesTransposed(head.v());
            place(dvAll, h * dv, hi * dv, p.transpose().times(dC));
            float[] pr = p.raw();
            float[] dpr = dP.raw();
            int lk = p.cols();
            float[] ds = new float[pr.length];
            for (int i = 0; i < p.rows(); i++) {
                double dot = 0;
                for (int j = 0; j < lk; j++) {
                    float pij = pr[i * lk + j];
                    if (!Float.isNaN(pij)) dot += pij * dpr[i * lk + j];
                }
                for (int j = 0; j < lk; j++) {
                    float pij = pr[i * lk + j];
                    boolean constant = Float.isNaN(pij) || r.mask().isMasked(i, j);
                    ds[i * lk + j] = constant ? 0f : pij * (float) (dpr[i * lk + j] - dot) / divide;
                }
            }
            Matrix dS = Matrix.wrap(p.rows(), lk, ds);
            place(dq, h * dk, hi * dk, dS.times(head.k()));
            place(dkAll, h * dk, hi * dk, dS.transpose().times(head.q()));
        }
        Matrix dx = Linear.backward(x, w.wq(), Matrix.wrap(len, h * dk, dq), g.wq(), g.bq());
        dx = dx.plus(Linear.backward(x, w.wk(), Matrix.wrap(len, h * dk, dkAll), g.wk(), g.bk()));
        return dx.plus(Linear.backward(x, w.wv(), Matrix.wrap(len, h * dv, dvAll), g.wv(), g.bv()));
    }

    /** Writes {@code part} into columns [from, from + part.cols) of a row-major array {@code width} wide. */
    private static void place(float[] target, int width, int from, Matrix part) {
        for (int i = 0; i < part.rows(); i++) {
            System.arraycopy(part.raw(), i * part.cols(), target, i * width + from, part.cols());
        }
    }
}

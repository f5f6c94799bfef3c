package dev.attentionlab.engine.train;

import dev.attentionlab.engine.model.LmParameters;

/** {@code torch.nn.utils.clip_grad_norm_}: scale all gradients together so their global L2 norm is at most maxNorm. */
public final class GradientClipping {
    private GradientClipping() {}

    /** @return the global norm before clipping */
    public static double clip(LmParameters grads, double maxNorm) {
        double sq = 0;
        for (float[] a : grads.arrays()) {
            for (float x : a) sq += (double) x * x;
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (float[] a : grads.arrays()) {
                for (int i = 0; i < a.length; i++) a[i] *= c;
            }
        }
        return norm;
    }
}

package dev.attentionlab.engine.train;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.LmParameters;

/**
 * {@code torch.optim.Adam} (no weight decay), in its arithmetic order:
 * m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final double lr;
    private final LmParameters m;
    private final LmParameters v;
    private int t;

    public Adam(LmConfig config, double lr) {
        if (!(lr > 0 && lr < 1)) throw new InvalidInputException("the learning rate must be between 0 and 1, got " + lr);
        this.lr = lr;
        this.m = LmParameters.zeros(config);
        this.v = LmParameters.zeros(config);
    }

    public void step(LmParameters params, LmParameters grads) {
        t++;
        double stepSize = lr / (1 - Math.pow(BETA1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
        for (String name : params.names()) {
            float[] p = params.get(name);
            float[] g = grads.get(name);
            float[] mm = m.get(name);
            float[] vv = v.get(name);
            for (int i = 0; i < p.length; i++) {
                mm[i] = mm[i] * (float) BETA1 + g[i] * (float) (1 - BETA1);
                vv[i] = vv[i] * (float) BETA2 + g[i] * g[i] * (float) (1 - BETA2);
                float denom = (float) (Math.sqrt(vv[i]) / bc2Sqrt + EPS);
                p[i] -= (float) stepSize * (mm[i] / denom);
            }
        }
    }
}

package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * One LayerNorm's parameters: a learned gain γ and bias β (1 × d each), or neither for the unit-gain
 * form, and its ε.
 */
public record Norm(Matrix gamma, Matrix beta, float eps) {

    /** PyTorch's {@code nn.LayerNorm} default ε. */
    public static final float TORCH_EPS = LayerNorm.EPS;

    public Norm {
        if ((gamma == null) != (beta == null)) throw new IllegalArgumentException("a LayerNorm has both γ and β or neither");
    }

    /** (x − μ)/√(σ² + ε) with no learned parameters, ε = 1e-5. */
    public static Norm unit() {
        return new Norm(null, null, TORCH_EPS);
    }

    public static Norm affine(Matrix gamma, Matrix beta) {
        return new Norm(gamma, beta, TORCH_EPS);
    }

    public boolean learned() {
        return gamma != null;
    }

    public AffineLayerNorm.Result apply(Matrix x) {
        return AffineLayerNorm.forward(x, this);
    }
}

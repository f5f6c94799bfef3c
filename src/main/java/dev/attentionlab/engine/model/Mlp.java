package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/** A block's position-wise feed-forward layer: W₂·GELU(W₁·x + b₁) + b₂, W₁ [d × hidden], W₂ [hidden × d]. */
public record Mlp(Matrix w1, Matrix b1, Matrix w2, Matrix b2) {

    public int hidden() {
        return w1.cols();
    }
}

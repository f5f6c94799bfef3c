package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * A block's position-wise feed-forward layer: W₂·GELU(W₁·x + b₁) + b₂, W₁ [d × hidden], W₂ [hidden × d].
 *
 * @param gelu which GELU formula the model was trained with
 */
public record Mlp(Matrix w1, Matrix b1, Matrix w2, Matrix b2, Gelu.Form gelu) {

    /** The tanh form, as GPT-2 and the Train tab's model use. */
    public Mlp(Matrix w1, Matrix b1, Matrix w2, Matrix b2) {
        this(w1, b1, w2, b2, Gelu.Form.TANH);
    }

    public int hidden() {
        return w1.cols();
    }
}

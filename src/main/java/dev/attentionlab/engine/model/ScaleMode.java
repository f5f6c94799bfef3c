package dev.attentionlab.engine.model;

/** What the raw scores QKᵀ are divided by. */
public enum ScaleMode {
    /** ÷√d_k, as in "Attention Is All You Need". */
    INV_SQRT_DK("1/√d_k"),
    /** No scaling: shows why the softmax saturates for large d_k. */
    NONE("none"),
    /** ÷√d_model, a common mistake, kept for comparison. */
    INV_SQRT_DMODEL("1/√d_model");

    private final String label;

    ScaleMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The divisor for the given sizes (1 for {@link #NONE}). */
    public double divisor(int dk, int dModel) {
        return switch (this) {
            case INV_SQRT_DK -> Math.sqrt(dk);
            case NONE -> 1.0;
            case INV_SQRT_DMODEL -> Math.sqrt(dModel);
        };
    }
}

package dev.attentionlab.engine.model;

/** The value written into masked score cells before the softmax. */
public enum MaskFill {
    /** PyTorch's choice: a query with every key masked gets a NaN row. */
    NEGATIVE_INFINITY("−∞", Float.NEGATIVE_INFINITY),
    /** A large negative number: a fully masked row becomes uniform instead of NaN. */
    MINUS_1E9("−1e9", -1e9f);

    private final String label;
    private final float value;

    MaskFill(String label, float value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public float value() {
        return value;
    }
}

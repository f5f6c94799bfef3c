package dev.attentionlab.engine.model;

/** Which mask the trace applies to the attention scores. */
public enum MaskKind {
    NONE("none"),
    CAUSAL("causal"),
    /** Masks the padding keys added to reach the "pad to" length. */
    PADDING("padding"),
    /** A user-drawn mask (the mask editor or a lesson file). */
    CUSTOM("custom");

    private final String label;

    MaskKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

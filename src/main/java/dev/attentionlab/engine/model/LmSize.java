package dev.attentionlab.engine.model;

/** The model sizes offered for training, from a quick demo to the most a classroom laptop trains in minutes. */
public enum LmSize {
    TINY("Tiny — 1 block, d 32, 2 heads, context 32", 32, 2, 1, 32),
    SMALL("Small — 2 blocks, d 48, 4 heads, context 48", 48, 4, 2, 48),
    MEDIUM("Medium — 2 blocks, d 64, 4 heads, context 64", 64, 4, 2, 64);

    private final String label;
    private final int dModel;
    private final int heads;
    private final int layers;
    private final int context;

    LmSize(String label, int dModel, int heads, int layers, int context) {
        this.label = label;
        this.dModel = dModel;
        this.heads = heads;
        this.layers = layers;
        this.context = context;
    }

    public static final LmSize DEFAULT = SMALL;

    public LmConfig config(int vocab) {
        return new LmConfig(vocab, dModel, heads, layers, context);
    }

    public String label() {
        return label;
    }
}

package dev.attentionlab.engine.model;

/**
 * Where a block normalises its residual stream: before each sub-layer reads it (pre-LN: GPT-2 and the
 * trained model), after each residual sum (post-LN: the paper, BERT, the seeded "Residual + LN"
 * switch), or not at all (the seeded layer without that switch: no residual sum either).
 */
public enum NormPlacement {
    PRE, POST, NONE
}

package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.Limits;

/**
 * The shape of the tiny decoder-only language model: a token + learned position embedding,
 * {@code layers} pre-LayerNorm blocks (causal multi-head attention, then a GELU MLP of width
 * 4·d_model, each added back to the residual stream), a final LayerNorm, and the token embedding
 * reused as the output projection.
 *
 * @param vocab   number of tokens (the corpus's distinct characters)
 * @param context the longest sequence the position embedding covers
 */
public record LmConfig(int vocab, int dModel, int heads, int layers, int context) {
    public static final int MAX_VOCAB = 4096;

    public LmConfig {
        if (vocab < 2 || vocab > MAX_VOCAB) throw new InvalidInputException("the vocabulary must have 2…" + MAX_VOCAB + " tokens, got " + vocab);
        if (dModel < 2 || dModel > 512) throw new InvalidInputException("d_model must be 2…512, got " + dModel);
        if (heads < 1 || dModel % heads != 0) throw new InvalidInputException(heads + " heads do not divide d_model " + dModel);
        if (layers < 1 || layers > 8) throw new InvalidInputException("layers must be 1…8, got " + layers);
        if (context < 2 || context > Limits.MAX_TOKENS) throw new InvalidInputException("context must be 2…" + Limits.MAX_TOKENS + ", got " + context);
    }

    public int dk() {
        return dModel / heads;
    }

    public int hidden() {
        return 4 * dModel;
    }
}

package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * Weights a user brought (e.g. a PyTorch state_dict). Either part may be null: the missing part is
 * drawn from the seed as usual.
 */
public record ImportedWeights(Matrix embedding, AttentionWeights attention) {}

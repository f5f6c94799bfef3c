package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/**
 * Every stage of the next-token distribution, each a 1×V row over the vocabulary entries, and the
 * drawn entry.
 *
 * @param probs       softmax(logits) at T = 1
 * @param probsT      softmax(logits / T)
 * @param probsTopK   after top-k, renormalised (same as probsT when top-k is off)
 * @param probsTopP   after top-p on probsTopK, renormalised: what the draw uses
 * @param sample      index of the drawn entry
 * @param greedy      true when T = 0: the argmax was taken and nothing was drawn
 */
public record SamplingResult(Matrix logits, Matrix scaledLogits, Matrix probs, Matrix probsT, Matrix probsTopK,
                             Matrix probsTopP, int sample, boolean greedy) {}

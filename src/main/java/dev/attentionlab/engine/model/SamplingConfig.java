package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Softmax;

/**
 * Next-token sampling settings.
 *
 * @param temperature ≥ 0; 0 means greedy (argmax, no random draw)
 * @param topK        keep the k most likely tokens; 0 = off
 * @param topP        keep the smallest most-likely set whose probability reaches p; 1 = off
 * @param seed        seeds the torch generator for the draw
 */
public record SamplingConfig(double temperature, int topK, double topP, long seed) {

    public SamplingConfig {
        Softmax.checkTemperature(temperature);
        if (topK < 0) throw new InvalidInputException("top-k must be ≥ 0 (0 = off), got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new InvalidInputException("top-p must be in (0, 1], got " + topP);
    }

    public static SamplingConfig defaults() {
        return new SamplingConfig(1.0, 0, 1.0, 0);
    }
}

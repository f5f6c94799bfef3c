package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Softmax;

/**
 * How attention is computed, independent of the weights' values.
 *
 * @param heads        number of heads h; W_q's width must be h·d_k and W_v's h·d_v
 * @param scale        what the raw scores are divided by
 * @param fill         what masked scores become
 * @param temperature  softmax temperature on the (scaled, masked) scores; 1 = plain softmax
 */
public record AttentionConfig(int heads, ScaleMode scale, MaskFill fill, double temperature) {

    public AttentionConfig {
        if (heads < 1) throw new InvalidInputException("heads must be at least 1, got " + heads);
        Softmax.checkTemperature(temperature);
    }

    /** PyTorch's defaults: ÷√d_k, −∞ fill, T = 1. */
    public static AttentionConfig torchDefaults(int heads) {
        return new AttentionConfig(heads, ScaleMode.INV_SQRT_DK, MaskFill.NEGATIVE_INFINITY, 1.0);
    }
}

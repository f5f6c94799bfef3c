package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.model.AttentionConfig;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.MultiHeadAttention;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.tensor.Matrix;

/**
 * One head's raw scores QKᵀ taken to weights twice, without and with the division by √d_k, every
 * other step as the trace's (mask, fill, attention temperature). Both sides read the same Q and K,
 * so in any block the difference is the scaling alone.
 *
 * @param spreadRaw      standard deviation of QKᵀ
 * @param spreadScaled   standard deviation of QKᵀ ÷ √d_k
 * @param peakUnscaled   the largest weight of each row, averaged over rows, without scaling
 * @param peakScaled     the same with scaling
 */
public record ScaleComparison(MatrixId weights, int dk, Matrix unscaled, Matrix scaled, float spreadRaw, float spreadScaled,
                              float peakUnscaled, float peakScaled) {

    /** Head {@code h} of the block the trace shows. */
    static ScaleComparison of(Trace t, int h) {
        AttentionResult a = t.attention();
        HeadResult head = a.heads().get(h);
        AttentionConfig cfg = t.settings().attentionConfig();
        float root = (float) ScaleMode.INV_SQRT_DK.divisor(head.dk(), t.input().cols());
        Matrix raw = head.scoresRaw();
        MultiHeadAttention.Scored plain = MultiHeadAttention.score(raw, 1f, a.mask(), cfg);
        MultiHeadAttention.Scored divided = MultiHeadAttention.score(raw, root, a.mask(), cfg);
        return new ScaleComparison(t.attentionMap(h), head.dk(), plain.weights(), divided.weights(), raw.std(), divided.scaled().std(),
                plain.weights().meanRowMax(), divided.weights().meanRowMax());
    }
}

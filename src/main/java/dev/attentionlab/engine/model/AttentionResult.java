package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.List;

/**
 * One attention layer's results for one sequence.
 *
 * @param divisor    the float the raw scores were divided by (1 when unscaled)
 * @param rowNotes   rows of the weights that need explaining (fully masked → NaN or uniform)
 * @param output     concat·W_o + b_o (the concatenation itself when there is no W_o)
 */
public record AttentionResult(List<HeadResult> heads, MaskMatrix mask, float divisor, List<RowNote> rowNotes,
                              Matrix concat, Matrix output, Matrix averageWeights) {

    public AttentionResult {
        heads = List.copyOf(heads);
        rowNotes = List.copyOf(rowNotes);
    }
}

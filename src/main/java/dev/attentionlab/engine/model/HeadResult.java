package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/** Every intermediate of one attention head, in the order they are computed. */
public record HeadResult(int index, Matrix q, Matrix k, Matrix v, Matrix scoresRaw, Matrix scoresScaled,
                         Matrix scoresMasked, Matrix weights, Matrix context) {

    public int dk() {
        return q.cols();
    }

    public int dv() {
        return v.cols();
    }
}

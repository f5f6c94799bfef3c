package dev.attentionlab.engine.train;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Softmax;

/** The language-model loss: −log softmax(logits)[target] per row, and its gradient. */
public final class CrossEntropy {
    private CrossEntropy() {}

    /** The sum over rows (callers divide by the number of predictions to get the mean). */
    public static double sum(Matrix logits, int[] targets) {
        double total = 0;
        for (int i = 0; i < logits.rows(); i++) {
            float[] row = logits.row(i);
            float max = Softmax.max(row);
            double z = 0;
            for (float v : row) z += Math.exp(v - max);
            total += Math.log(z) - (row[targets[i]] - max);
        }
        return total;
    }

    /** d(scale · sum)/d logits = scale · (softmax(row) − one-hot(target)). */
    public static Matrix gradient(Matrix logits, int[] targets, float scale) {
        int v = logits.cols();
        float[] out = new float[logits.rows() * v];
        for (int i = 0; i < logits.rows(); i++) {
            float[] p = Softmax.of(logits.row(i));
            p[targets[i]] -= 1f;
            for (int j = 0; j < v; j++) out[i * v + j] = p[j] * scale;
        }
        return Matrix.wrap(logits.rows(), v, out);
    }
}

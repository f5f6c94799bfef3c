package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/** y = x·W + b, and its gradients. */
public final class Linear {
    private Linear() {}

    public static Matrix forward(Matrix x, Matrix w, Matrix b) {
        return MultiHeadAttention.project(x, w, b);
    }

    /** dL/dx = dy·Wᵀ; adds dL/dW = xᵀ·dy and dL/db = Σ_rows dy into the arrays. */
    public static Matrix backward(Matrix x, Matrix w, Matrix dy, float[] dW, float[] dB) {
        addInto(dW, x.transposeKept().times(dy));
        if (dB != null) {
            float[] d = dy.raw();
            int n = dy.cols();
            for (int i = 0; i < dy.rows(); i++) {
                for (int j = 0; j < n; j++) dB[j] += d[i * n + j];
            }
        }
        return dy.times(w.transposeKept());
    }

    static void addInto(float[] acc, Matrix m) {
        float[] d = m.raw();
        for (int i = 0; i < d.length; i++) acc[i] += d[i];
    }
}

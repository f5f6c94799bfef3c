package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;

/** LayerNorm with a learned gain γ and bias β per feature: y = γ·(x − mean)/√(var + ε) + β. */
public final class AffineLayerNorm {
    private AffineLayerNorm() {}

    /** The output and what the backward pass needs: the normalised x̂ and each row's 1/√(var + ε). */
    public record Result(Matrix out, Matrix xhat, float[] rstd) {}

    public static Result forward(Matrix x, Matrix gamma, Matrix beta) {
        return forward(x, Norm.affine(gamma, beta));
    }

    /** With a unit-gain {@code norm} the output is x̂ itself. */
    public static Result forward(Matrix x, Norm norm) {
        LayerNorm.Normalized normalized = LayerNorm.normalize(x, norm.eps());
        if (!norm.learned()) return new Result(normalized.xhat(), normalized.xhat(), normalized.rstd());
        int n = x.cols();
        float[] g = norm.gamma().raw();
        float[] b = norm.beta().raw();
        float[] h = normalized.xhat().raw();
        float[] out = new float[h.length];
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < n; j++) out[r * n + j] = h[r * n + j] * g[j] + b[j];
        }
        return new Result(Matrix.wrap(x.rows(), n, out), normalized.xhat(), normalized.rstd());
    }

    /**
     * dL/dx given dL/dy; adds dL/dγ and dL/dβ into the arrays. Per row, with ĝ = dy·γ:
     * dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ·x̂)).
     */
    public static Matrix backward(Result r, Matrix gamma, Matrix dy, float[] dGamma, float[] dBeta) {
        int n = dy.cols();
        float[] g = gamma.raw();
        float[] h = r.xhat().raw();
        float[] d = dy.raw();
        float[] dx = new float[d.length];
        for (int i = 0; i < dy.rows(); i++) {
            int o = i * n;
            double sumG = 0;
            double sumGh = 0;
            for (int j = 0; j < n; j++) {
                float gh = d[o + j] * g[j];
                sumG += gh;
                sumGh += gh * h[o + j];
                dGamma[j] += d[o + j] * h[o + j];
                dBeta[j] += d[o + j];
            }
            float meanG = (float) (sumG / n);
            float meanGh = (float) (sumGh / n);
            for (int j = 0; j < n; j++) {
                dx[o + j] = r.rstd()[i] * (d[o + j] * g[j] - meanG - h[o + j] * meanGh);
            }
        }
        return Matrix.wrap(dy.rows(), n, dx);
    }
}

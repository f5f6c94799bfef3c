package dev.attentionlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.AffineLayerNorm;
import dev.attentionlab.engine.model.AttentionConfig;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Gelu;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.Linear;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.LmParameters;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MultiHeadAttention;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every backward pass against finite differences (the five-point central stencil, error O(h⁴), so
 * the step can be large enough to rise above float32 rounding). The layers compute in float32, so
 * the check is on each tensor as a whole: ‖numeric − analytic‖ / max(‖numeric‖, ‖analytic‖) < 1e-3,
 * the loss summed in double. (Per-element relative error is meaningless in float for
 * gradients near zero; the norm-wise figure is what the double-precision 1e-3 rule measures.)
 */
class GradientCheckTest {
    private static final float STEP = 1e-2f;
    private static final double TOLERANCE = 1e-3;

    private final TorchGenerator g = new TorchGenerator(2024);

    private float[] random(int n, double std) {
        return g.normal(n, 0.0, std);
    }

    /** Σ r ⊙ y in double: a loss whose gradient with respect to y is r. */
    private static double project(Matrix y, float[] r) {
        double s = 0;
        float[] d = y.raw();
        for (int i = 0; i < d.length; i++) s += (double) d[i] * r[i];
        return s;
    }

    /** Checks {@code analytic} against finite differences of {@code loss} in each value of {@code param}. */
    private static void check(String what, float[] param, float[] analytic, DoubleSupplier loss) {
        check(what, param, analytic, loss, STEP);
    }

    private static void check(String what, float[] param, float[] analytic, DoubleSupplier loss, float step) {
        double diff = 0;
        double num = 0;
        double ana = 0;
        for (int i = 0; i < param.length; i++) {
            float saved = param[i];
            double numeric = (8 * (at(param, i, saved + step, loss) - at(param, i, saved - step, loss))
                    - (at(param, i, saved + 2 * step, loss) - at(param, i, saved - 2 * step, loss))) / (12 * step);
            param[i] = saved;
            diff += (numeric - analytic[i]) * (numeric - analytic[i]);
            num += numeric * numeric;
            ana += (double) analytic[i] * analytic[i];
        }
        double rel = Math.sqrt(diff) / Math.max(Math.sqrt(num), Math.sqrt(ana));
        assertThat(Math.sqrt(num)).as(what + " gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(rel).as(what + " relative error").isLessThan(TOLERANCE);
    }

    private static double at(float[] param, int i, float value, DoubleSupplier loss) {
        param[i] = value;
        return loss.getAsDouble();
    }

    @Test
    void linear() {
        float[] x = random(5 * 4, 1);
        float[] w = random(4 * 3, 1);
        float[] b = random(3, 1);
        float[] r = random(5 * 3, 1);
        DoubleSupplier loss = () -> project(Linear.forward(Matrix.of(5, 4, x), Matrix.of(4, 3, w), Matrix.rowVector(b)), r);
        float[] dW = new float[w.length];
        float[] dB = new float[b.length];
        Matrix dx = Linear.backward(Matrix.of(5, 4, x), Matrix.of(4, 3, w), Matrix.of(5, 3, r), dW, dB);
        check("linear dx", x, dx.toArray(), loss);
        check("linear dW", w, dW, loss);
        check("linear db", b, dB, loss);
    }

    @Test
    void layerNorm() {
        float[] x = random(4 * 6, 2);
        float[] gamma = random(6, 1);
        float[] beta = random(6, 1);
        float[] r = random(4 * 6, 1);
        DoubleSupplier loss = () -> project(AffineLayerNorm.forward(Matrix.of(4, 6, x), Matrix.rowVector(gamma), Matrix.rowVector(beta)).out(), r);
        AffineLayerNorm.Result fwd = AffineLayerNorm.forward(Matrix.of(4, 6, x), Matrix.rowVector(gamma), Matrix.rowVector(beta));
        float[] dG = new float[6];
        float[] dB = new float[6];
        Matrix dx = AffineLayerNorm.backward(fwd, Matrix.rowVector(gamma), Matrix.of(4, 6, r), dG, dB);
        check("layer norm dx", x, dx.toArray(), loss);
        check("layer norm dγ", gamma, dG, loss);
        check("layer norm dβ", beta, dB, loss);
    }

    @Test
    void gelu() {
        float[] x = random(3 * 5, 1.5);
        float[] r = random(3 * 5, 1);
        DoubleSupplier loss = () -> project(Gelu.forward(Matrix.of(3, 5, x)), r);
        check("gelu dx", x, Gelu.backward(Matrix.of(3, 5, x), Matrix.of(3, 5, r)).toArray(), loss);
    }

    @Test
    void crossEntropy() {
        float[] logits = random(4 * 7, 2);
        int[] targets = {3, 0, 6, 3};
        DoubleSupplier loss = () -> 0.25 * CrossEntropy.sum(Matrix.of(4, 7, logits), targets);
        check("cross-entropy dlogits", logits, CrossEntropy.gradient(Matrix.of(4, 7, logits), targets, 0.25f).toArray(), loss);
    }

    @Test
    void causalMultiHeadAttentionWithEveryWeightAndTemperature() {
        int len = 5;
        int d = 6;
        float[][] p = {random(len * d, 1), random(d * d, 0.5), random(d, 0.5), random(d * d, 0.5), random(d, 0.5),
                random(d * d, 0.5), random(d, 0.5), random(d * d, 0.5), random(d, 0.5)};
        float[] r = random(len * d, 1);
        AttentionConfig cfg = new AttentionConfig(2, ScaleMode.INV_SQRT_DK, MaskFill.NEGATIVE_INFINITY, 0.8);
        MaskMatrix mask = MaskMatrix.causal(len, len);
        java.util.function.Supplier<AttentionWeights> weights = () -> new AttentionWeights(
                Matrix.of(d, d, p[1]), Matrix.of(d, d, p[3]), Matrix.of(d, d, p[5]),
                Matrix.rowVector(p[2]), Matrix.rowVector(p[4]), Matrix.rowVector(p[6]),
                Matrix.of(d, d, p[7]), Matrix.rowVector(p[8]));
        DoubleSupplier loss = () -> project(MultiHeadAttention.selfAttention(Matrix.of(len, d, p[0]), weights.get(), cfg, mask).output(), r);

        Matrix x = Matrix.of(len, d, p[0]);
        AttentionResult fwd = MultiHeadAttention.selfAttention(x, weights.get(), cfg, mask);
        float[][] grads = new float[9][];
        for (int i = 1; i < 9; i++) grads[i] = new float[p[i].length];
        Matrix dx = AttentionBackward.backward(x, weights.get(), cfg, fwd, Matrix.of(len, d, r),
                new AttentionBackward.Grads(grads[1], grads[2], grads[3], grads[4], grads[5], grads[6], grads[7], grads[8]));
        grads[0] = dx.toArray();
        String[] names = {"dx", "dW_q", "db_q", "dW_k", "db_k", "dW_v", "db_v", "dW_o", "db_o"};
        for (int i = 0; i < 9; i++) {
            if (i == 4) continue; // b_k adds the same amount to every score in a row: softmax ignores it, its gradient is 0
            check("attention " + names[i], p[i], grads[i], loss);
        }
        assertThat(maxAbs(grads[4])).as("db_k is zero").isLessThan(1e-5);
    }

    @Test
    void wholeModelIncludingEmbeddingsAndTiedOutput() {
        LmConfig c = new LmConfig(7, 8, 2, 2, 6);
        LmParameters params = LmParameters.init(c, 5);
        // Larger weights than the 0.02 initialisation, so every layer is well inside its non-linear range.
        for (String name : params.names()) {
            float[] a = params.get(name);
            float[] noise = random(a.length, 0.3);
            for (int i = 0; i < a.length; i++) a[i] += noise[i];
        }
        int[][] inputs = {{0, 3, 1, 4, 1, 5}, {6, 2, 2, 0, 5}};
        int[][] targets = {{3, 1, 4, 1, 5, 2}, {2, 2, 0, 5, 1}};
        LanguageModel.Gradient grad = LanguageModel.gradient(params.weights(), inputs, targets);
        DoubleSupplier loss = () -> LanguageModel.loss(params.weights(), inputs, targets);
        for (String name : params.names()) {
            if (name.endsWith("attn.b_k")) continue; // see above: softmax is blind to it
            // A larger step: the mean loss over two blocks is small, and its float32 rounding would
            // otherwise dominate the difference.
            check(name, params.get(name), grad.grads().get(name), loss, 3e-2f);
        }
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}

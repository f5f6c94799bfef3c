package dev.attentionlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** Masks, fills, scales, temperature and residual + LayerNorm on small hand-checkable inputs. */
class AttentionTest {
    // Three tokens, d_model 2, identity projections: scores are plain dot products of the rows.
    static final Matrix X = Matrix.fromRows(new float[][] {{1, 0}, {0, 2}, {1, 1}});
    static final Matrix I2 = Matrix.fromRows(new float[][] {{1, 0}, {0, 1}});
    static final AttentionWeights IDENTITY = AttentionWeights.notebook(I2, I2, I2, null);

    static AttentionResult run(AttentionConfig cfg, MaskMatrix mask) {
        return MultiHeadAttention.selfAttention(X, IDENTITY, cfg, mask);
    }

    static AttentionConfig cfg(ScaleMode scale, MaskFill fill, double t) {
        return new AttentionConfig(1, scale, fill, t);
    }

    @Test
    void rawScoresAreDotProductsAndScaleDividesBySqrtDk() {
        HeadResult h = run(AttentionConfig.torchDefaults(1), null).heads().get(0);
        assertThat(h.scoresRaw().toRows()).isDeepEqualTo(new float[][] {{1, 0, 1}, {0, 4, 2}, {1, 2, 2}});
        assertThat(h.scoresScaled().get(1, 1)).isEqualTo(4f / (float) Math.sqrt(2));
        float[] w = h.weights().row(1);
        double denom = Math.exp(0 - 4 / Math.sqrt(2)) + 1 + Math.exp(2 / Math.sqrt(2) - 4 / Math.sqrt(2));
        assertThat((double) w[1]).isCloseTo(1 / denom, within(1e-6));
        assertThat(h.context().get(1, 1)).isCloseTo(w[1] * 2 + w[2] * 1, within(1e-6f));
    }

    @Test
    void scaleModesDivideByTheirOwnDivisor() {
        assertThat(run(cfg(ScaleMode.NONE, MaskFill.NEGATIVE_INFINITY, 1), null).heads().get(0).scoresScaled().get(1, 1)).isEqualTo(4f);
        AttentionWeights wide = AttentionWeights.notebook(I2, I2, I2, null);
        AttentionResult r = MultiHeadAttention.selfAttention(X, wide, cfg(ScaleMode.INV_SQRT_DMODEL, MaskFill.NEGATIVE_INFINITY, 1), null);
        assertThat(r.divisor()).isEqualTo((float) Math.sqrt(2));
        assertThat(ScaleMode.INV_SQRT_DMODEL.divisor(4, 64)).isEqualTo(8.0);
        assertThat(ScaleMode.INV_SQRT_DK.divisor(4, 64)).isEqualTo(2.0);
        assertThat(ScaleMode.NONE.divisor(4, 64)).isEqualTo(1.0);
    }

    @Test
    void causalMaskZeroesTheUpperTriangle() {
        AttentionResult r = run(AttentionConfig.torchDefaults(1), MaskMatrix.causal(3, 3));
        Matrix w = r.heads().get(0).weights();
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) assertThat(w.get(i, j)).isZero();
            float sum = 0;
            for (int j = 0; j < 3; j++) sum += w.get(i, j);
            assertThat(sum).isCloseTo(1f, within(1e-6f));
        }
        assertThat(w.get(0, 0)).isEqualTo(1f);
        assertThat(r.heads().get(0).scoresMasked().get(0, 2)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(r.rowNotes()).isEmpty();
    }

    @Test
    void keyPaddingHidesPaddedKeysFromEveryQuery() {
        MaskMatrix pad = MaskMatrix.keyPadding(3, new boolean[] {false, false, true});
        Matrix w = run(AttentionConfig.torchDefaults(1), pad).heads().get(0).weights();
        for (int i = 0; i < 3; i++) assertThat(w.get(i, 2)).isZero();
    }

    @Test
    void fullyMaskedRowIsNaNWithInfinityFillAndSaysWhy() {
        MaskMatrix m = MaskMatrix.none(3, 3).toggled(1, 0).toggled(1, 1).toggled(1, 2);
        AttentionResult r = run(AttentionConfig.torchDefaults(1), m);
        assertThat(r.heads().get(0).weights().row(1)).containsOnly(Float.NaN);
        assertThat(r.heads().get(0).context().row(1)).containsOnly(Float.NaN);
        assertThat(r.heads().get(0).weights().get(0, 0)).isNotNaN();
        assertThat(r.rowNotes()).singleElement().satisfies(n -> {
            assertThat(n.row()).isEqualTo(1);
            assertThat(n.reason()).contains("NaN").contains("query 1");
        });
    }

    @Test
    void fullyMaskedRowIsUniformWithMinus1e9Fill() {
        MaskMatrix m = MaskMatrix.none(3, 3).toggled(1, 0).toggled(1, 1).toggled(1, 2);
        AttentionResult r = run(cfg(ScaleMode.INV_SQRT_DK, MaskFill.MINUS_1E9, 1), m);
        assertThat(r.heads().get(0).weights().row(1)).containsOnly(1f / 3);
        assertThat(r.heads().get(0).scoresMasked().get(1, 1)).isEqualTo(-1e9f);
        assertThat(r.rowNotes().get(0).reason()).contains("uniform");
    }

    @Test
    void attentionTemperatureFlattensAndSharpens() {
        float hot = run(cfg(ScaleMode.NONE, MaskFill.NEGATIVE_INFINITY, 10), null).heads().get(0).weights().get(1, 1);
        float plain = run(cfg(ScaleMode.NONE, MaskFill.NEGATIVE_INFINITY, 1), null).heads().get(0).weights().get(1, 1);
        float cold = run(cfg(ScaleMode.NONE, MaskFill.NEGATIVE_INFINITY, 0.1), null).heads().get(0).weights().get(1, 1);
        assertThat(hot).isLessThan(plain);
        assertThat(cold).isGreaterThan(plain).isCloseTo(1f, within(1e-6f));
        double expected = 1 / (Math.exp(-0.4) + 1 + Math.exp(-0.2));
        assertThat((double) hot).isCloseTo(expected, within(1e-6));
    }

    @Test
    void multiHeadSplitsColumnsAndAveragesWeights() {
        Matrix x = Matrix.fromRows(new float[][] {{1, 0, 0, 1}, {0, 1, 1, 0}});
        Matrix eye = Matrix.fromRows(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        AttentionResult r = MultiHeadAttention.selfAttention(x, AttentionWeights.notebook(eye, eye, eye, eye),
                AttentionConfig.torchDefaults(2), null);
        assertThat(r.heads()).hasSize(2);
        assertThat(r.heads().get(1).q().toRows()).isDeepEqualTo(new float[][] {{0, 1}, {1, 0}});
        assertThat(r.concat().cols()).isEqualTo(4);
        float avg = (r.heads().get(0).weights().get(0, 1) + r.heads().get(1).weights().get(0, 1)) / 2;
        assertThat(r.averageWeights().get(0, 1)).isEqualTo(avg);
        assertThat(r.output()).isEqualTo(r.concat());
    }

    @Test
    void crossAttentionTakesKeysAndValuesFromTheOtherSequence() {
        Matrix src = Matrix.fromRows(new float[][] {{3, 0}, {0, 3}, {1, 1}, {2, 2}});
        AttentionResult r = MultiHeadAttention.forward(X, src, IDENTITY, AttentionConfig.torchDefaults(1), MaskMatrix.causal(3, 4));
        HeadResult h = r.heads().get(0);
        assertThat(h.weights().rows()).isEqualTo(3);
        assertThat(h.weights().cols()).isEqualTo(4);
        assertThat(h.scoresRaw().get(0, 0)).isEqualTo(3f);
        assertThat(h.weights().get(0, 1)).isZero();
        assertThat(h.context().row(0)).containsExactly(3f, 0f);
    }

    @Test
    void maskNeedsMatchingShape() {
        assertThatThrownBy(() -> run(AttentionConfig.torchDefaults(1), MaskMatrix.causal(2, 2)))
                .hasMessage("the mask is 2×2 but the scores are 3×3");
    }

    @Test
    void torchStateDictIsTransposedIntoXW() {
        Matrix in = Matrix.fromRows(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}});
        AttentionWeights w = AttentionWeights.fromTorchMha(in, new float[] {1, 2, 3, 4, 5, 6}, I2, new float[] {0, 1});
        assertThat(w.wq().toRows()).isDeepEqualTo(new float[][] {{1, 3}, {2, 4}});
        assertThat(w.bv().row(0)).containsExactly(5f, 6f);
        assertThatThrownBy(() -> AttentionWeights.fromTorchMha(in.rowRange(0, 5), null, I2, null))
                .hasMessageContaining("in_proj_weight must be [3·E × E], got 5×2");
    }
}

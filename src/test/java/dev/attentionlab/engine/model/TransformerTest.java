package dev.attentionlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The block placements on inputs small enough to check by hand. */
class TransformerTest {
    private static final Matrix EYE = Matrix.fromRows(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    private static final Matrix X = Matrix.fromRows(new float[][] {{1, 2, 3}, {0, -1, 4}});

    private static Transformer oneBlock(Block b) {
        return new Transformer(Embedding.plain(EYE), new Positions.None(), List.of(b), null);
    }

    @Test
    void postLayerNormAddsTheInputBackAndNormalisesEachRow() {
        Block b = Block.attentionOnly(AttentionWeights.notebook(EYE, EYE, EYE, EYE), false, true);
        Transformer.Pass p = oneBlock(b).forward(X, null, AttentionConfig.torchDefaults(1), null);
        Transformer.BlockPass bp = p.blocks().get(0);
        assertThat(bp.residual()).isEqualTo(X.plus(bp.attention().output()));
        for (int i = 0; i < 2; i++) {
            float[] row = bp.output().row(i);
            assertThat(LayerNorm.mean(row)).isCloseTo(0f, within(1e-6f));
            assertThat(LayerNorm.variance(row, 0)).isCloseTo(1f, within(1e-4f));
        }
        assertThat(bp.output()).isSameAs(bp.norm1().out());
        assertThat(p.hidden()).isSameAs(bp.output());
    }

    @Test
    void withoutPlacementTheBlockHandsOnTheAttentionOutput() {
        Block b = Block.attentionOnly(AttentionWeights.notebook(EYE, EYE, EYE, EYE), false, false);
        Transformer.BlockPass bp = oneBlock(b).forward(X, null, AttentionConfig.torchDefaults(1), null).blocks().get(0);
        assertThat(bp.residual()).isNull();
        assertThat(bp.output()).isSameAs(bp.attention().output());
    }

    @Test
    void preLayerNormWithAnMlpIsTwoResidualSums() {
        Matrix zero = Matrix.wrap(1, 3, new float[3]);
        Matrix one = Matrix.wrap(1, 3, new float[] {1, 1, 1});
        Mlp mlp = new Mlp(EYE, zero, EYE, zero);
        Block b = new Block(NormPlacement.PRE, Norm.affine(one, zero), AttentionWeights.notebook(EYE, EYE, EYE, EYE), false,
                Norm.affine(one, zero), mlp);
        Transformer.BlockPass bp = oneBlock(b).forward(X, null, AttentionConfig.torchDefaults(1), null).blocks().get(0);
        assertThat(bp.attentionInput()).isEqualTo(LayerNorm.apply(X));
        assertThat(bp.residual()).isEqualTo(X.plus(bp.attention().output()));
        assertThat(bp.mlpInput()).isEqualTo(LayerNorm.apply(bp.residual()));
        assertThat(bp.activated()).isEqualTo(Gelu.forward(bp.hidden()));
        assertThat(bp.output()).isEqualTo(bp.residual().plus(bp.mlpOut()));
    }

    @Test
    void aResidualNeedsTheOutputToBeAsWideAsTheInput() {
        Matrix i2 = Matrix.fromRows(new float[][] {{1, 0}, {0, 1}});
        Matrix wv = Matrix.fromRows(new float[][] {{1, 0, 1}, {0, 1, 1}});
        Block b = Block.attentionOnly(AttentionWeights.notebook(i2, i2, wv, null), false, true);
        Transformer t = new Transformer(Embedding.plain(i2), new Positions.None(), List.of(b), null);
        assertThatThrownBy(() -> t.forward(Matrix.fromRows(new float[][] {{1, 2}, {3, 4}}), null, AttentionConfig.torchDefaults(1), null))
                .hasMessage("a residual sum needs the attention output's width (3) to equal d_model (2)");
        assertThatThrownBy(() -> new Block(NormPlacement.NONE, null, AttentionWeights.notebook(i2, i2, i2, i2), false, null,
                new Mlp(i2, null, i2, null))).hasMessage("an MLP needs the block's residual sums");
    }
}

package dev.attentionlab.engine.rng;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Properties of the generator beyond the fixtures (which check the values themselves). */
class TorchGeneratorTest {

    @Test
    void onlyTheLow32BitsOfTheSeedMatter() {
        TorchGenerator a = new TorchGenerator(123);
        TorchGenerator b = new TorchGenerator((1L << 32) + 123);
        for (int i = 0; i < 1000; i++) assertThat(b.random()).isEqualTo(a.random());
        assertThat(new TorchGenerator(-1).stateHead(1)[0]).isEqualTo(0xFFFFFFFFL);
        assertThat(new TorchGenerator(Long.MAX_VALUE).stateHead(1)[0]).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void firstDrawsOfSeed123AreTorchs() {
        TorchGenerator g = new TorchGenerator(123);
        assertThat(g.random()).isEqualTo(2991312382L);
        assertThat(g.random()).isEqualTo(3062119789L);
        assertThat(new TorchGenerator(123).random64()).isEqualTo(Long.parseUnsignedLong("12847588855871978861"));
    }

    @Test
    void notebookEmbeddingConsumesExactly150000Draws() {
        TorchGenerator g = new TorchGenerator(123);
        float[] w = g.normal(50_000 * 3, 0, 1);
        assertThat(g.draws()).isEqualTo(150_000);
        assertThat(w[0]).isEqualTo(Float.intBitsToFloat(0x3eacbbc9));
        float[] wq = g.rand(72);
        assertThat(wq[0]).isEqualTo(0.24824804067611694f);
    }

    @Test
    void vectorNormalTailRedrawsSixteenUniforms() {
        TorchGenerator g = new TorchGenerator(1);
        g.randn(17);
        assertThat(g.draws()).isEqualTo(17 + 16);
        g.manualSeed(1);
        g.randn(32);
        assertThat(g.draws()).isEqualTo(32);
    }

    @Test
    void scalarNormalCachesTheSecondSampleAcrossCalls() {
        TorchGenerator g = new TorchGenerator(123);
        g.randn(3);
        long afterThree = g.draws();
        assertThat(afterThree).isEqualTo(8);
        g.randn(1);
        assertThat(g.draws()).as("randn(1) uses the cached sine sample").isEqualTo(afterThree);
        g.manualSeed(123);
        float[] fresh = g.randn(1);
        assertThat(fresh[0]).isEqualTo(new TorchGenerator(123).randn(5)[0]);
    }

    @Test
    void multinomialNeverPicksZeroProbabilityAndRejectsBadInput() {
        TorchGenerator g = new TorchGenerator(5);
        float[] p = {0f, 0.3f, 0f, 0.7f};
        for (int i = 0; i < 200; i++) assertThat(g.multinomial(p, 1, false)[0]).isIn(1, 3);
        for (int i = 0; i < 200; i++) assertThat(g.multinomial(p, 1, true)[0]).isIn(1, 3);
        assertThatThrownBy(() -> g.multinomial(new float[] {0f, 0f}, 1, false)).hasMessageContaining("sum to 0");
        assertThatThrownBy(() -> g.multinomial(new float[] {-1f, 2f}, 1, false)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> g.multinomial(p, 3, false)).hasMessageContaining("without replacement from 2");
    }

    @Test
    void linearBoundIsOneOverSqrtFanIn() {
        TorchGenerator.LinearInit l = new TorchGenerator(0).linear(16, 200, true);
        float bound = (float) (1 / Math.sqrt(16));
        for (float v : l.weight().toArray()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        for (float v : l.bias()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        assertThat(l.weight().rows()).isEqualTo(200);
        assertThat(l.weight().cols()).isEqualTo(16);
    }
}

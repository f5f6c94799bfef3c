package dev.attentionlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.rng.TorchGenerator;
import org.junit.jupiter.api.Test;

class SamplerTest {
    static final float[] LOGITS = {2.0f, 1.0f, 0.5f, 3.0f, -1.0f, 0.0f, 2.5f, -0.5f, 1.5f, 0.25f};

    @Test
    void topKKeepsTheKLargestAndRenormalises() {
        SamplingResult r = Sampler.sample(LOGITS, new SamplingConfig(1.0, 3, 1.0, 123), new TorchGenerator(123));
        float[] p = r.probsTopK().row(0);
        assertThat(p[3]).isCloseTo(0.5064803957939148f, within(1e-6f));
        assertThat(p[6]).isCloseTo(0.30719590187072754f, within(1e-6f));
        assertThat(p[0]).isCloseTo(0.18632373213768005f, within(1e-6f));
        assertThat(p[1]).isZero();
        assertThat(Sampler.topKIndices(LOGITS, 3)).containsExactly(3, 6, 0);
    }

    @Test
    void seededDrawsAreTorchMultinomialDraws() {
        // rng_seed123_multinomial_topk3: manual_seed(123), then 30 × multinomial(top-3 probs, 1).
        int[] torch = {3, 3, 3, 3, 6, 6, 6, 0};
        TorchGenerator g = new TorchGenerator(123);
        SamplingConfig cfg = new SamplingConfig(1.0, 3, 1.0, 123);
        for (int expected : torch) assertThat(Sampler.sample(LOGITS, cfg, g).sample()).isEqualTo(expected);
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        float[] probs = {0.5f, 0.3f, 0.15f, 0.05f};
        assertThat(Sampler.topP(probs, 0.7)).containsExactly(0.5f / 0.8f, 0.3f / 0.8f, 0f, 0f);
        assertThat(Sampler.topP(probs, 0.5)).containsExactly(1f, 0f, 0f, 0f);
        assertThat(Sampler.topP(probs, 0.01)).containsExactly(1f, 0f, 0f, 0f);
        float[] all = Sampler.topP(probs, 1.0);
        assertThat(all[3]).isCloseTo(0.05f, within(1e-7f));
    }

    @Test
    void zeroTemperatureIsGreedyAndDrawsNothing() {
        TorchGenerator g = new TorchGenerator(1);
        SamplingResult r = Sampler.sample(LOGITS, new SamplingConfig(0, 0, 1, 1), g);
        assertThat(r.greedy()).isTrue();
        assertThat(r.sample()).isEqualTo(3);
        assertThat(r.probsT().row(0)[3]).isEqualTo(1f);
        assertThat(g.draws()).isZero();
    }

    @Test
    void higherTemperatureFlattensTheDistribution() {
        float cold = Sampler.sample(LOGITS, new SamplingConfig(0.5, 0, 1, 0), new TorchGenerator(0)).probsT().get(0, 3);
        float hot = Sampler.sample(LOGITS, new SamplingConfig(2.0, 0, 1, 0), new TorchGenerator(0)).probsT().get(0, 3);
        assertThat(cold).isGreaterThan(hot);
        assertThat((double) hot).isCloseTo(Math.exp(1.5) / sumExp(LOGITS, 2.0), within(1e-6));
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new SamplingConfig(-1, 0, 1, 0)).hasMessageContaining("temperature must be a number ≥ 0");
        assertThatThrownBy(() -> new SamplingConfig(Double.NaN, 0, 1, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new SamplingConfig(1, -2, 1, 0)).hasMessage("top-k must be ≥ 0 (0 = off), got -2");
        assertThatThrownBy(() -> new SamplingConfig(1, 0, 0, 0)).hasMessage("top-p must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> Sampler.sample(new float[] {Float.NaN}, SamplingConfig.defaults(), new TorchGenerator(0)))
                .hasMessageContaining("NaN");
    }

    private static double sumExp(float[] x, double t) {
        double s = 0;
        for (float v : x) s += Math.exp(v / t);
        return s;
    }
}

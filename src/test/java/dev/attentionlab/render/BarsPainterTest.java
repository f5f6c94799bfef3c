package dev.attentionlab.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bar charts' axes: round ticks, labelled with just the decimals they need. */
class BarsPainterTest {
    @Test
    void ticksFallOnRoundValues() {
        // The logits 1.74 … −2.45 of the sampling screenshot: a quarter of the range is 1.05, so the step is 2.
        assertThat(BarsPainter.niceStep((1.738 + 2.450) / 4)).isEqualTo(2.0);
        assertThat(BarsPainter.niceStep(0.7)).isEqualTo(1.0);
        assertThat(BarsPainter.niceStep(0.23)).isEqualTo(0.25);
        assertThat(BarsPainter.niceStep(0.031)).isEqualTo(0.05);
        assertThat(BarsPainter.niceStep(12)).isEqualTo(20.0);
        assertThat(BarsPainter.niceStep(0)).isEqualTo(1.0);
    }

    @Test
    void tickLabelsCarryOnlyTheDecimalsTheirStepNeeds() {
        assertThat(BarsPainter.tick(-2.0, 2)).isEqualTo("−2");
        assertThat(BarsPainter.tick(-2.5, 2.5)).isEqualTo("−2.5");
        assertThat(BarsPainter.tick(0.75, 0.25)).isEqualTo("0.75");
        assertThat(BarsPainter.tick(1e-17, 0.5)).isEqualTo("0.0");
        assertThat(BarsPainter.tick(40, 20)).isEqualTo("40");
    }
}

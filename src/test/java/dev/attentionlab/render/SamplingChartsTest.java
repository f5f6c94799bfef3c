package dev.attentionlab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import org.junit.jupiter.api.Test;

class SamplingChartsTest {
    static final Trace T = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults().toBuilder()
            .text("the cat sat on the mat and the dog sat on the log").temperature(0.7).topK(5).topP(0.9).sampleSeed(42).build());

    @Test
    void theBarsAreTheEnginesProbabilitiesInOrderOfTheLogits() {
        SamplingCharts c = SamplingCharts.of(T);
        float[] logits = T.sampling().logits().row(0);
        int[] order = Sampler.topKIndices(logits, logits.length);
        assertThat(c.shown()).isEqualTo(8); // 8 distinct words, fewer than SHOWN
        BarsSpec softmax = c.softmax(Palette.VIRIDIS, 20, 100);
        BarsSpec topP = c.topP(Palette.VIRIDIS, 20, 100);
        for (int k = 0; k < order.length; k++) {
            assertThat(c.logits(Palette.VIRIDIS, 20, 100).values()[k]).isEqualTo(logits[order[k]]);
            assertThat(softmax.values()[k]).isEqualTo(T.sampling().probsT().get(0, order[k]));
            assertThat(topP.values()[k]).isEqualTo(T.sampling().probsTopP().get(0, order[k]));
            assertThat(softmax.labels().get(k)).isEqualTo(T.label(T.vocabEntries().get(order[k]).text()));
        }
        assertThat(topP.labels().get(topP.marked())).isEqualTo(T.label(T.sampledToken()));
        assertThat(c.topK(Palette.VIRIDIS, 20, 100).title()).isEqualTo("after top-k = 5");
        assertThat(topP.title()).isEqualTo("after top-p = 0.90: sampled");
        // top-k = 5 leaves three tokens at zero; top-p can only take more away
        assertThat(c.topK(Palette.VIRIDIS, 20, 100).values()).containsSubsequence(0f, 0f, 0f);
    }

    @Test
    void theTableRowsAreTheSameTokensRankedWithEveryStagesProbability() {
        var rows = SamplingCharts.of(T).rows();
        assertThat(rows).hasSize(8);
        var first = rows.get(0);
        int best = Sampler.topKIndices(T.sampling().logits().row(0), 1)[0];
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.id()).isEqualTo(T.vocabEntries().get(best).id());
        assertThat(first.logit()).isEqualTo(T.sampling().logits().get(0, best));
        assertThat(first.pFinal()).isEqualTo(T.sampling().probsTopP().get(0, best));
        assertThat(rows).extracting(SamplingCharts.Row::pT).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }
}

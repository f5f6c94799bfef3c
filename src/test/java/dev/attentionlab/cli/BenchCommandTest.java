package dev.attentionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's output contract (not its speed: timings are measured, never asserted). */
class BenchCommandTest {
    @Test
    void jsonHasEveryCaseWithOrderedStatistics() {
        CliTest.Run r = CliTest.run("bench", "--json", "--reps", "3", "--warmup", "0", "--cases", "notebook,classroom,render");
        assertThat(r.code()).isZero();
        JsonNode a = Json.parse(r.out(), "bench");
        List<String> cases = new ArrayList<>();
        for (JsonNode c : a) {
            cases.add(c.get("case").asText());
            assertThat(c.get("p10_ms").asDouble()).isLessThanOrEqualTo(c.get("median_ms").asDouble());
            assertThat(c.get("median_ms").asDouble()).isLessThanOrEqualTo(c.get("p90_ms").asDouble()).isPositive();
            assertThat(c.get("samples").asInt()).isEqualTo(3);
        }
        assertThat(cases).containsExactly("notebook_trace", "notebook_forward", "classroom_trace", "classroom_forward",
                "render_medium_heads", "render_medium_recompute_and_paint");
        JsonNode forward = a.get(3);
        double flops = BenchCommand.forwardFlops(BenchCommand.CLASSROOM, TraceEngine.compute(BenchCommand.CLASSROOM));
        assertThat(flops).isEqualTo(2.0 * 32 * 64 * (2 * 64 + 64) + 2.0 * 32 * 64 * 64 + 2.0 * 32 * 32 * 128);
        assertThat(forward.get("gflops").asDouble()).isCloseTo(flops / (forward.get("median_ms").asDouble() * 1e6),
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void caseSizesAreTheIssues() {
        var gpt2 = TraceEngine.compute(BenchCommand.GPT2);
        assertThat(gpt2.tokens()).hasSize(128);
        assertThat(gpt2.heads()).isEqualTo(12);
        assertThat(gpt2.x().cols()).isEqualTo(768);
        var medium = TraceEngine.compute(BenchCommand.MEDIUM);
        assertThat(medium.tokens()).hasSize(64);
        assertThat(medium.heads()).isEqualTo(8);
        assertThat(TraceEngine.compute(BenchCommand.CLASSROOM).tokens()).hasSize(32);
    }
}

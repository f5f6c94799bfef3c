package dev.attentionlab.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every number of every bundled lesson's and preset's trace is what it was before the engine was
 * rebuilt, to the bit. Fields may be added (a new format may say more); none may go or change.
 * The step texts are the exception (prose that a rebuild is meant to improve), and the settings as
 * JSON, whose own round-trip tests guard them.
 */
class GoldenTraceTest {
    /** Where the comparison starts; the settings (their own round-trip tests guard them) and step prose are not compared. */
    static final String GOLDEN_ROOT = "trace";

    static Stream<Arguments> cases() {
        return GoldenTraces.cases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyNumberIsUnchanged(String name, TraceSettings settings) throws IOException {
        JsonNode golden;
        try (InputStream in = new GZIPInputStream(GoldenTraceTest.class.getResourceAsStream("/golden/" + name + ".json.gz"))) {
            golden = Json.MAPPER.readTree(in);
        }
        JsonNode now = GoldenTraces.trace(settings);
        List<String> differences = new ArrayList<>();
        compare(golden, now, GOLDEN_ROOT, differences);
        assertThat(differences).as("fields that differ from the golden trace").isEmpty();
    }

    /** Records where {@code now} lacks or differs from {@code golden}; numbers compare as exact doubles. */
    static void compare(JsonNode golden, JsonNode now, String at, List<String> out) {
        if (out.size() > 20) return;
        if (now == null) {
            out.add(at + " is missing");
        } else if (golden.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = golden.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (at.equals(GOLDEN_ROOT) && (e.getKey().equals("steps") || e.getKey().equals("settings"))) continue;
                compare(e.getValue(), now.get(e.getKey()), at + "." + e.getKey(), out);
            }
        } else if (golden.isArray()) {
            if (!now.isArray() || now.size() != golden.size()) {
                out.add(at + " has " + (now.isArray() ? now.size() : "no") + " items, was " + golden.size());
                return;
            }
            for (int i = 0; i < golden.size(); i++) compare(golden.get(i), now.get(i), at + "[" + i + "]", out);
        } else if (golden.isNumber()) {
            if (!now.isNumber() || Double.doubleToRawLongBits(golden.doubleValue()) != Double.doubleToRawLongBits(now.doubleValue())) {
                out.add(at + " is " + now + ", was " + golden);
            }
        } else if (!golden.equals(now)) {
            out.add(at + " is " + Json.MAPPER.valueToTree(now) + ", was " + golden);
        }
    }

    @org.junit.jupiter.api.Test
    void theComparisonSeesOneBitAndAMissingField() throws IOException {
        JsonNode golden = Json.MAPPER.readTree("{\"heads\": [{\"weights\": [[0.5, 0.25]]}], \"steps\": [1], \"X\": [1]}");
        JsonNode oneBit = Json.MAPPER.readTree("{\"heads\": [{\"weights\": [[0.5, " + Math.nextUp(0.25) + "]]}], \"steps\": [], \"X\": [1], \"new\": 2}");
        JsonNode missing = Json.MAPPER.readTree("{\"heads\": [{}], \"X\": [1]}");
        List<String> out = new ArrayList<>();
        compare(golden, oneBit, GOLDEN_ROOT, out);
        assertThat(out).containsExactly("trace.heads[0].weights[0][1] is 0.25000000000000006, was 0.25");
        out.clear();
        compare(golden, missing, GOLDEN_ROOT, out);
        assertThat(out).containsExactly("trace.heads[0].weights is missing");
    }
}

package dev.attentionlab.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.io.BundledLessons;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TraceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The traces whose numbers a rebuild of the engine must keep bit for bit: every bundled lesson and
 * every preset. {@code main(dir)} writes them (gzipped JSON, without the timing); it was run once,
 * before the engine was rebuilt, and its output is committed under {@code src/test/resources/golden}.
 */
public final class GoldenTraces {
    private GoldenTraces() {}

    /** Name → settings, in a fixed order. */
    public static Map<String, TraceSettings> cases() {
        Map<String, TraceSettings> out = new LinkedHashMap<>();
        for (String lesson : BundledLessons.FILES) {
            // A pretrained model's numbers are checked against PyTorch and ONNX Runtime instead (the pretrained tests).
            TraceSettings s = BundledLessons.load(lesson).settings();
            if (s.model().pretrained() == null) out.put("lesson-" + lesson.replace(".json", ""), s);
        }
        for (Preset p : Preset.values()) if (p.pretrainedKey() == null) out.put("preset-" + p.name().toLowerCase(Locale.ROOT).replace('_', '-'), p.defaults());
        return out;
    }

    /** The trace as the golden files hold it: everything but how long it took. */
    public static JsonNode trace(TraceSettings s) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        Json.write(TraceJson.of(TraceEngine.compute(s)), w, false);
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(w.toString());
        o.remove("compute_ms");
        return o;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (var e : cases().entrySet()) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(e.getKey() + ".json.gz")))) {
                out.write(Json.MAPPER.writeValueAsBytes(trace(e.getValue())));
            }
        }
    }
}

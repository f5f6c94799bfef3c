package dev.attentionlab.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lesson files: JSON with {@code "format": "attentionlab-lesson"} and a {@code version}. Reading checks
 * the format, the version, the size, every field and that the settings compute (so shapes fit) before
 * anything is handed back; saving is atomic.
 */
public final class LessonFile {
    public static final String FORMAT = "attentionlab-lesson";
    public static final int VERSION = 2;

    private LessonFile() {}

    public static ObjectNode toJson(Lesson l) {
        ObjectNode o = Json.F.objectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("title", l.title());
        o.put("notes", l.notes());
        o.put("step", l.step());
        o.put("view", l.view());
        l.sentences().forEach(o.putArray("sentences")::add);
        o.set("settings", SettingsJson.of(l.settings()));
        return o;
    }

    /** Saves atomically, and only what {@link #read} will open again: a file it would refuse is not written. */
    public static void save(Lesson l, Path file) {
        byte[] bytes = bytes(l, file);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The file's UTF-8 bytes, encoded once, checked to be within the reader's cap and to read back as a lesson. */
    static byte[] bytes(Lesson l, Path file) {
        String text;
        try {
            text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(l)) + "\n";
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("could not write the lesson: " + e.getOriginalMessage());
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > TextFiles.MAX_BYTES) {
            throw new InvalidInputException("could not save " + file + ": the lesson would be over " + TextFiles.MAX_BYTES / (1024 * 1024)
                    + " MiB, which AttentionLab does not open; use smaller imported weights or inputs");
        }
        try {
            parse(text, file.getFileName().toString());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("could not save " + file + ": it would not open again (" + e.getMessage() + ")");
        }
        return bytes;
    }

    public static Lesson read(Path file) {
        return parse(TextFiles.read(file), file.getFileName().toString());
    }

    public static Lesson parse(String text, String where) {
        return parse(Json.parse(text, where), where);
    }

    /** A lesson from JSON already parsed (an autosave reads its own fields from the same tree). */
    public static Lesson parse(JsonNode o, String where) {
        if (!o.isObject()) throw new InvalidInputException(where + " is not an AttentionLab lesson (expected a JSON object)");
        String format = o.path("format").asText("");
        if (!format.equals(FORMAT)) {
            throw new InvalidInputException(where + " is not an AttentionLab lesson (its format is '" + format + "', expected '" + FORMAT + "')");
        }
        int version = Json.integer(Json.require(o, "version", where), where + ".version");
        if (version > VERSION) {
            throw new InvalidInputException(where + " was written by a newer AttentionLab (lesson version " + version
                    + "; this version reads up to " + VERSION + ")");
        }
        if (version < 1) throw new InvalidInputException(where + ": lesson version " + version + " does not exist");
        TraceSettings settings = SettingsJson.read(Json.require(o, "settings", where), where + ".settings");
        Trace trace;
        try {
            trace = TraceEngine.compute(settings);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
        String step = o.hasNonNull("step") ? o.get("step").asText() : "tokenize";
        if (!trace.stepIds().contains(step)) {
            throw new InvalidInputException(where + ".step: '" + step + "' is not a step of this lesson (" + String.join(", ", trace.stepIds()) + ")");
        }
        List<String> sentences = new ArrayList<>();
        if (o.has("sentences")) {
            JsonNode s = o.get("sentences");
            if (!s.isArray()) throw new InvalidInputException(where + ".sentences: expected a list of sentences");
            for (JsonNode n : s) sentences.add(n.asText());
        }
        String view = o.hasNonNull("view") ? o.get("view").asText() : "pipeline";
        if (!Lesson.VIEWS.contains(view)) {
            throw new InvalidInputException(where + ".view: '" + view + "' is not a view (" + String.join(", ", Lesson.VIEWS) + ")");
        }
        return new Lesson(o.path("title").asText(""), o.path("notes").asText(""), settings, step, sentences, view);
    }
}

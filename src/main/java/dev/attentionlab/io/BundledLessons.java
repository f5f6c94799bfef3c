package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The example lessons in {@code assets/lessons/}, shipped inside the jar for the Lessons menu. */
public final class BundledLessons {
    /** File names in menu order. */
    public static final List<String> FILES = List.of(
            "01-the-notebook.json", "02-causal-masking.json", "03-multi-head.json", "04-scaled-vs-unscaled.json",
            "05-a-trained-model.json", "06-a-pretrained-bert.json");

    private BundledLessons() {}

    public static Lesson load(String file) {
        try (InputStream in = BundledLessons.class.getResourceAsStream("/assets/lessons/" + file)) {
            if (in == null) throw new InvalidInputException("the bundled lesson " + file + " is missing from this build");
            return LessonFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the bundled lesson " + file + ": " + e.getMessage());
        }
    }
}

package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Texts shipped with the app, both written for this project: a short English primer for learning BPE
 * merges, and ~300 KB of generated stories (tools/make_corpus.py) to train the language model on.
 */
public final class BundledCorpus {
    public static final String NAME = "bundled";
    public static final String STORIES_NAME = "bundled stories";
    private static volatile String text;
    private static volatile String stories;

    private BundledCorpus() {}

    public static String text() {
        String t = text;
        if (t == null) {
            t = resource("attention-primer.txt");
            text = t;
        }
        return t;
    }

    /** The training corpus. */
    public static String stories() {
        String t = stories;
        if (t == null) {
            t = resource("stories.txt");
            stories = t;
        }
        return t;
    }

    private static String resource(String name) {
        try (InputStream in = BundledCorpus.class.getResourceAsStream("/dev/attentionlab/corpus/" + name)) {
            if (in == null) throw new InvalidInputException("the bundled corpus " + name + " is missing from this build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the bundled corpus " + name + ": " + e.getMessage());
        }
    }
}

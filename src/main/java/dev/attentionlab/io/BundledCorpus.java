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
    private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private BundledCorpus() {}

    /** The BPE primer. */
    public static String text() {
        return CACHE.computeIfAbsent("attention-primer.txt", BundledCorpus::resource);
    }

    /** The training corpus. */
    public static String stories() {
        return CACHE.computeIfAbsent("stories.txt", BundledCorpus::resource);
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

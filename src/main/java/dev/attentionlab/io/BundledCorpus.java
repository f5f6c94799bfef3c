package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The English text shipped with the app for learning BPE merges (written for this project). */
public final class BundledCorpus {
    public static final String NAME = "bundled";
    private static volatile String text;

    private BundledCorpus() {}

    public static String text() {
        String t = text;
        if (t == null) {
            try (InputStream in = BundledCorpus.class.getResourceAsStream("/dev/attentionlab/corpus/attention-primer.txt")) {
                if (in == null) throw new InvalidInputException("the bundled corpus is missing from this build");
                t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the bundled corpus: " + e.getMessage());
            }
            text = t;
        }
        return t;
    }
}

package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tokenize.ByteLevelBpeTokenizer;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GPT-2's tokenizer files as a {@link ByteLevelBpeTokenizer}: {@code encoder.json} (piece → id, the
 * Hugging Face folder's {@code vocab.json}) and {@code vocab.bpe} ({@code merges.txt}: a version line,
 * then one merge a line, lowest rank first). The bundled copy is read once, on first use.
 */
public final class Gpt2Vocabulary {
    private static volatile ByteLevelBpeTokenizer bundled;

    private Gpt2Vocabulary() {}

    /** GPT-2's own 50,257 pieces and 50,000 merges, shipped in the jar. */
    public static ByteLevelBpeTokenizer bundled() {
        ByteLevelBpeTokenizer t = bundled;
        if (t == null) {
            synchronized (Gpt2Vocabulary.class) {
                if (bundled == null) bundled = read(resource("encoder.json"), resource("vocab.bpe"), "the bundled GPT-2 vocabulary");
                t = bundled;
            }
        }
        return t;
    }

    public static ByteLevelBpeTokenizer read(String encoderJson, String merges, String where) {
        JsonNode root = Json.parse(encoderJson, where);
        if (!root.isObject()) throw new InvalidInputException(where + ": the vocabulary must be a JSON object of piece → id");
        Map<String, Integer> ids = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                throw new InvalidInputException(where + ": the id of '" + e.getKey() + "' is not a number ≥ 0");
            }
            ids.put(e.getKey(), e.getValue().asInt());
        }
        List<String[]> pairs = new ArrayList<>();
        String[] lines = merges.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || i == 0 && line.startsWith("#version")) continue;
            String[] parts = line.split(" ");
            if (parts.length != 2) throw new InvalidInputException(where + ": merge line " + (i + 1) + " is not two pieces: '" + clip(line) + "'");
            pairs.add(parts);
        }
        try {
            return new ByteLevelBpeTokenizer(Vocabulary.of(ids), pairs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    private static String resource(String name) {
        try (InputStream in = Gpt2Vocabulary.class.getResourceAsStream("/dev/attentionlab/gpt2/" + name)) {
            if (in == null) throw new InvalidInputException("the bundled GPT-2 " + name + " is missing from this build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the bundled GPT-2 " + name + ": " + e.getMessage());
        }
    }
}

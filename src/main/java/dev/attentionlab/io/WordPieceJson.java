package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.tokenize.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face tokenizer.json of BERT's kind (BertNormalizer, WordPiece model) as a
 * {@link WordPieceTokenizer}: its vocabulary, its special tokens, and the normaliser's switches.
 */
final class WordPieceJson {
    private WordPieceJson() {}

    static WordPieceTokenizer read(String json, String where) {
        JsonNode root = Json.parse(json, where);
        JsonNode model = Json.require(root, "model", where);
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new InvalidInputException(where + ": the tokenizer is " + model.path("type").asText("of no type") + ", not WordPiece");
        }
        JsonNode normalizer = root.path("normalizer");
        if (!"BertNormalizer".equals(normalizer.path("type").asText())) {
            throw new InvalidInputException(where + ": the normalizer is " + normalizer.path("type").asText("missing") + ", not BertNormalizer");
        }
        Map<String, Integer> ids = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = Json.require(model, "vocab", where).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) throw new InvalidInputException(where + ": the id of '" + e.getKey() + "' is not a number");
            ids.put(e.getKey(), e.getValue().asInt());
        }
        List<String> specials = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) if (t.path("special").asBoolean()) specials.add(t.path("content").asText());
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        JsonNode strip = normalizer.path("strip_accents");
        var spec = new WordPieceTokenizer.Spec(specials, model.path("unk_token").asText("[UNK]"), "[CLS]", "[SEP]",
                model.path("continuing_subword_prefix").asText("##"), model.path("max_input_chars_per_word").asInt(100),
                lowercase, strip.isNull() || strip.isMissingNode() ? lowercase : strip.asBoolean());
        try {
            return new WordPieceTokenizer(Vocabulary.of(ids), spec);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
    }
}

package dev.attentionlab.gpt2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.tokenize.ByteLevelBpeTokenizer;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.io.Gpt2Vocabulary;
import dev.attentionlab.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled GPT-2 BPE against tools/make_gpt2_fixtures.py, which follows OpenAI's encoder.py with python3-regex. */
class Gpt2TokenizerTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures-gpt2");

    static Stream<JsonNode> cases() throws Exception {
        JsonNode all = Json.parse(Files.readString(FIXTURES.resolve("tokenizer.json")), "tokenizer.json");
        List<JsonNode> out = new ArrayList<>();
        all.forEach(out::add);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void idsEqualTheReferenceEncoder(JsonNode c) {
        String text = c.get("text").asText();
        List<Token> tokens = Gpt2Vocabulary.bundled().encode(text);
        List<Integer> expected = new ArrayList<>();
        c.get("ids").forEach(n -> expected.add(n.asInt()));
        assertThat(tokens).extracting(Token::id).as("'%s'", text.length() > 60 ? text.substring(0, 60) + "…" : text).isEqualTo(expected);
        if (c.has("pieces")) {
            List<String> pieces = new ArrayList<>();
            c.get("pieces").forEach(n -> pieces.add(n.asText()));
            assertThat(tokens).extracting(Token::text).isEqualTo(pieces);
        }
        // The pieces' bytes are the text's bytes, and every span lies inside the text in order.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (Token t : tokens) bytes.writeBytes(ByteLevelBpeTokenizer.bytes(t.text()));
        assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(text);
        int last = 0;
        for (Token t : tokens) {
            assertThat(t.start()).isBetween(0, text.length()).isGreaterThanOrEqualTo(Math.min(last, t.start()));
            assertThat(t.end()).isBetween(t.start() + 1, text.length());
            last = t.start();
        }
    }

    @Test
    void piecesReadAsText() {
        ByteLevelBpeTokenizer t = Gpt2Vocabulary.bundled();
        List<Token> tokens = t.encode("Hi there\n👍");
        assertThat(tokens).extracting(x -> ByteLevelBpeTokenizer.readable(x.text()))
                .containsExactly("Hi", "␣there", "↵", "‹F0\u20099F\u200991›", "‹8D›");
        // A leading space stays a space mark; only the unfinished character is bytes.
        assertThat(ByteLevelBpeTokenizer.readable("ĠðŁĳ")).isEqualTo("␣‹F0\u20099F\u200991›");
        // Both halves of the split emoji point at it.
        assertThat(tokens.get(3).start()).isEqualTo(9);
        assertThat(tokens.get(4).start()).isEqualTo(9);
        assertThat(tokens.get(4).end()).isEqualTo(11);
        assertThat(t.vocabulary().size()).isEqualTo(50_257);
        assertThat(t.merges()).isEqualTo(50_000);
        assertThat(t.append("The cat", "Ġsat")).isEqualTo("The cat sat");
    }
}

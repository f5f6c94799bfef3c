package dev.attentionlab.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.MatrixKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.PretrainedModels;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled MiniLM against an independent PyTorch forward and WordPiece written in Python from the
 * tokenizers rules (tools/make_minilm_fixtures.py): ids, every layer's and head's attention weights,
 * the last hidden state and the sentence embedding.
 */
class MiniLmReferenceTest {
    static PretrainedModel model;

    @BeforeAll
    static void load() {
        model = PretrainedModels.load("all-minilm-l6-v2");
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = MiniLmReferenceTest.class.getResourceAsStream("/fixtures-minilm/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<JsonNode> tokenizerCases() throws IOException {
        return Stream.of(fixture("tokenizer.json").get("cases").elements()).flatMap(it -> {
            List<JsonNode> l = new java.util.ArrayList<>();
            it.forEachRemaining(l::add);
            return l.stream();
        });
    }

    static Stream<JsonNode> sentences() throws IOException {
        List<JsonNode> l = new java.util.ArrayList<>();
        fixture("attention.json").get("sentences").elements().forEachRemaining(l::add);
        return l.stream();
    }

    @ParameterizedTest
    @MethodSource("tokenizerCases")
    void wordPieceGivesTheReferenceIdsAndPieces(JsonNode c) {
        List<Token> tokens = model.tokenizer().encode(c.get("text").asText());
        List<Integer> expected = new java.util.ArrayList<>();
        c.get("ids").forEach(n -> expected.add(n.asInt()));
        List<String> pieces = new java.util.ArrayList<>();
        c.get("tokens").forEach(n -> pieces.add(n.asText()));
        assertThat(tokens).extracting(Token::id).containsExactlyElementsOf(expected);
        assertThat(tokens).extracting(Token::text).containsExactlyElementsOf(pieces);
    }

    @Test
    void piecesPointAtTheTextTheyCameFrom() {
        String text = "Héllo, unaffable 東京";
        List<Token> tokens = model.tokenizer().encode(text);
        assertThat(tokens).extracting(Token::text).containsExactly("[CLS]", "hello", ",", "una", "##ffa", "##ble", "東", "京", "[SEP]");
        assertThat(text.substring(tokens.get(1).start(), tokens.get(1).end())).isEqualTo("Héllo");
        assertThat(text.substring(tokens.get(4).start(), tokens.get(4).end())).isEqualTo("ffa");
        assertThat(text.substring(tokens.get(7).start(), tokens.get(7).end())).isEqualTo("京");
    }

    @ParameterizedTest
    @MethodSource("sentences")
    void everyLayersAttentionAndTheEmbeddingEqualPyTorch(JsonNode ref) {
        Trace t = TraceEngine.compute(Preset.MINILM.defaults().toBuilder().adoptPretrained(model).text(ref.get("text").asText()).build());
        assertThat(t.tokens()).extracting(Token::id).containsExactlyElementsOf(ints(ref.get("ids")));
        for (int l = 0; l < 6; l++) {
            for (int h = 0; h < 12; h++) {
                assertClose(t.matrix(MatrixId.head(l, h, MatrixKind.WEIGHTS)), ref.get("attention").get(l).get(h), 1e-4);
            }
        }
        assertClose(t.matrix(t.blockOutput(5)), ref.get("last_hidden_state"), 1e-4);
        float[] e = t.pooling().embedding().raw();
        for (int j = 0; j < e.length; j++) assertThat((double) e[j]).isCloseTo(ref.get("sentence_embedding").get(j).asDouble(), within(1e-5));
    }

    static void assertClose(Matrix m, JsonNode rows, double tol) {
        assertThat(m.rows()).isEqualTo(rows.size());
        for (int i = 0; i < m.rows(); i++) {
            assertThat(m.cols()).isEqualTo(rows.get(i).size());
            for (int j = 0; j < m.cols(); j++) {
                assertThat((double) m.get(i, j)).as("[%d][%d]", i, j).isCloseTo(rows.get(i).get(j).asDouble(), within(tol));
            }
        }
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }
}

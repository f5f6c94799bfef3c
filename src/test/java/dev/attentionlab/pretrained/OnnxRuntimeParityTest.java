package dev.attentionlab.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.PretrainedModels;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole encoder against ONNX Runtime running the very same ONNX file. */
class OnnxRuntimeParityTest {
    static PretrainedModel model;
    static OrtEnvironment env;
    static OrtSession session;

    @BeforeAll
    static void open() throws IOException, OrtException {
        model = PretrainedModels.load("all-minilm-l6-v2");
        env = OrtEnvironment.getEnvironment();
        try (InputStream in = OnnxRuntimeParityTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(1);
            session = env.createSession(in.readAllBytes(), o);
        }
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    static Stream<String> sentences() {
        return Stream.of(
                "The animal didn't cross the street because it was too tired.",
                "Crème brûlée à la française, naïve Ångström.",
                "東京と大阪は日本の都市です。",
                "I ❤️ pizza 🍕 and 👍🏽 emoji 👨‍👩‍👧!",
                "pneumonoultramicroscopicsilicovolcanoconiosis-hyperparathyroidism-antidisestablishmentarianism",
                "a",
                "Hello world!",
                "The bank raised rates; the river bank flooded.",
                "Don't stop believin' — hold on to that feelin'.",
                "[MASK] is the capital of France.",
                "Numbers: 3.14159, 2,718 and 1e-9.",
                String.join(" ", java.util.Collections.nCopies(253, "word")) + " the");
    }

    @Test
    void theLongSentenceIs256Tokens() {
        assertThat(model.tokenizer().encode(sentences().reduce((a, b) -> b).orElseThrow())).hasSize(256);
    }

    @ParameterizedTest
    @MethodSource("sentences")
    void lastHiddenStateAndSentenceEmbeddingEqualOnnxRuntime(String text) throws OrtException {
        Trace t = TraceEngine.compute(Preset.MINILM.defaults().toBuilder().adoptPretrained(model).text(text).build());
        long[] ids = t.tokens().stream().mapToLong(Token::id).toArray();
        int n = ids.length;
        float[][] expected;
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, new long[][] {ids});
             OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {filled(n, 1)});
             OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {filled(n, 0)});
             OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
            expected = ((float[][][]) r.get(0).getValue())[0];
        }
        float[] hidden = t.pass().hidden().raw();
        double[] mean = new double[384];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 384; j++) {
                assertThat((double) hidden[i * 384 + j]).as("h[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-4));
                mean[j] += expected[i][j] / n;
            }
        }
        double norm = Math.sqrt(java.util.Arrays.stream(mean).map(v -> v * v).sum());
        float[] e = t.pooling().embedding().raw();
        for (int j = 0; j < 384; j++) assertThat((double) e[j]).isCloseTo(mean[j] / norm, within(1e-5));
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

}

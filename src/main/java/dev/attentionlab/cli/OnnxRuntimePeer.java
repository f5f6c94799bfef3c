package dev.attentionlab.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * ONNX Runtime running the bundled MiniLM file, for {@code bench} to time AttentionLab against. ONNX
 * Runtime is not inside the jar: the build copies it to {@code target/lib/}, which the jar's manifest
 * names, so this class only loads where that copy is.
 */
final class OnnxRuntimePeer implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;

    private OnnxRuntimePeer(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    /** Whether ONNX Runtime's classes can be loaded here. */
    static boolean available() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, OnnxRuntimePeer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A session over the bundled ONNX file, on {@code threads} intra-op threads (as AttentionLab's one). */
    static OnnxRuntimePeer open(String resource, int threads) {
        try (InputStream in = OnnxRuntimePeer.class.getResourceAsStream(resource)) {
            if (in == null) throw new InvalidInputException(resource.substring(1) + " is not on the classpath");
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            return new OnnxRuntimePeer(env, env.createSession(in.readAllBytes(), o));
        } catch (IOException | OrtException e) {
            throw new InvalidInputException("ONNX Runtime could not open " + resource + ": " + e.getMessage());
        }
    }

    /** The last hidden state [tokens × d] for one sentence of token ids. */
    float[][] forward(long[] ids) {
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, new long[][] {ids});
             OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
             OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {new long[ids.length]});
             OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
            return ((float[][][]) r.get(0).getValue())[0];
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed to close: " + e.getMessage());
        }
    }
}

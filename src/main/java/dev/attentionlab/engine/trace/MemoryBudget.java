package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;

/**
 * What a trace will hold, estimated from its shapes before anything is allocated, against the memory
 * this JVM may use. The size limits alone cannot promise a result: a 50,000-row embedding at d_model
 * 1024 is 200 MB, which a small heap cannot hold twice. Refusing with the figure beats running out.
 */
public final class MemoryBudget {
    /** The share of the heap one trace may take; the window, the previous trace and the exporters need the rest. */
    static final double SHARE = 0.4;

    private MemoryBudget() {}

    /** Bytes the trace's matrices take: the embedding table, the weights, every head's grids, the logits. */
    static long traceBytes(long vocabRows, long vocabEntries, long d, long heads, long dk, long dv, long lq, long lk) {
        long floats = vocabRows * d                                  // the seeded table (drawn even when imported)
                + 2 * (2 * d * heads * dk + 2 * d * heads * dv)     // W_q, W_k, W_v, W_o, and their torch-layout originals
                + heads * (lq * dk + lk * dk + lk * dv + lq * dv)   // Q, K, V, context per head
                + 4 * heads * lq * lk + lq * lk                      // raw, scaled, masked scores, weights; the average
                + 8 * lq * d + 2 * lq * heads * dv                   // X, PE, input, outputs, norms; concat
                + 4 * vocabEntries;                                  // logits, probabilities at each sampling stage
        return 4 * floats;
    }

    /**
     * Bytes a pass through a model's {@code blocks} blocks holds for {@code tokens} tokens (its weights
     * are already loaded): per head Q, K, V, context and four T×T grids, per block about a dozen
     * T×d_model matrices and three T×hidden ones (the MLP's hidden layer, its activation, the torch
     * layout). MiniLM at 512 tokens comes to about 330 MiB, as bench measures.
     */
    static long passBytes(long blocks, long heads, long dk, long d, long hidden, long tokens) {
        long perBlock = heads * (4 * tokens * dk + 4 * tokens * tokens) + tokens * tokens
                + 12 * tokens * d + 3 * tokens * hidden;
        return 4 * (blocks * perBlock + 4 * tokens * d);
    }

    /** Throws when {@code bytes} is over this JVM's share. */
    static void check(String what, long bytes) {
        long allowed = allowed();
        if (bytes > allowed) {
            throw new InvalidInputException(what + " would need about " + mib(bytes) + " MiB of memory; this AttentionLab may use "
                    + mib(allowed) + " MiB for one trace (of a " + mib(Runtime.getRuntime().maxMemory()) + " MiB heap): "
                    + "use a smaller d_model, vocabulary or sentence, or start Java with a larger -Xmx");
        }
    }

    static long allowed() {
        return (long) (Runtime.getRuntime().maxMemory() * SHARE);
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}

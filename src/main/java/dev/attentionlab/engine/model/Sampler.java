package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tensor.Softmax;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * logits → ÷T → softmax → top-k → top-p → a draw with {@code torch.multinomial(p, 1)} on the given
 * generator (so a seeded app draws what PyTorch draws).
 */
public final class Sampler {
    private Sampler() {}

    public static SamplingResult sample(float[] logits, SamplingConfig cfg, TorchGenerator generator) {
        if (logits.length == 0) throw new InvalidInputException("there are no logits to sample from");
        for (float l : logits) {
            if (Float.isNaN(l)) throw new InvalidInputException("the logits contain NaN: nothing can be sampled");
        }
        double t = cfg.temperature();
        float[] scaled = t > 0 ? Softmax.divide(logits, (float) t) : logits.clone();
        float[] probs = Softmax.of(logits);
        float[] probsT = Softmax.of(logits, t);
        float[] topK = cfg.topK() > 0 && cfg.topK() < logits.length
                ? Softmax.of(keepTopK(logits, cfg.topK()), t) : probsT;
        float[] topP = cfg.topP() < 1 ? topP(topK, cfg.topP()) : topK;
        boolean greedy = t == 0;
        int sample = greedy ? Softmax.argmax(topP) : generator.multinomial(topP, 1, false)[0];
        return new SamplingResult(Matrix.rowVector(logits), Matrix.rowVector(scaled), Matrix.rowVector(probs),
                Matrix.rowVector(probsT), Matrix.rowVector(topK), Matrix.rowVector(topP), sample, greedy);
    }

    /** Indices of the k largest values, largest first (ties: lower index first), as torch.topk. */
    public static int[] topKIndices(float[] x, int k) {
        return IntStream.range(0, x.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -x[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** {@code x} with everything outside its top k set to −∞. */
    public static float[] keepTopK(float[] x, int k) {
        float[] masked = new float[x.length];
        Arrays.fill(masked, Float.NEGATIVE_INFINITY);
        for (int i : topKIndices(x, k)) masked[i] = x[i];
        return masked;
    }

    /** Keeps the most likely entries until their mass reaches p (at least one), renormalised. */
    public static float[] topP(float[] probs, double p) {
        int[] order = topKIndices(probs, probs.length);
        float[] out = new float[probs.length];
        double mass = 0;
        for (int i : order) {
            if (mass >= p || probs[i] == 0f) break;
            out[i] = probs[i];
            mass += probs[i];
        }
        float kept = 0f;
        for (float v : out) kept += v;
        for (int i = 0; i < out.length; i++) out[i] = out[i] / kept;
        return out;
    }
}

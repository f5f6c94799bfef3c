package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.Linear;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.List;

/**
 * The weights a seed gives, drawn in the order a PyTorch script would create them, so the numbers are
 * torch's:
 * <ul>
 * <li>notebook: {@code manual_seed(s); Embedding(V, d); W_q = rand(d, h·d_k); W_k = rand(d, h·d_k);
 *     W_v = rand(d, h·d_v)}, then W_o = {@code Linear(h·d_v, d, bias=False)} (the notebook stops at the
 *     context vectors; W_o is drawn after everything it uses, so its numbers are unchanged);</li>
 * <li>otherwise: {@code manual_seed(s); Embedding(V, d); MultiheadAttention(d, h)} when
 *     d_k = d_v = d / h, else four bias-free {@code nn.Linear} layers (q, k, v, o).</li>
 * </ul>
 */
record SeededWeights(Embedding embedding, AttentionWeights attention) {

    /**
     * Drawing the same weights again gives the same numbers; the last few are kept (they are immutable),
     * as long as together they take a small share of the heap: four 200 MB tables would fill a small one.
     */
    private static final int CACHED = 4;
    private static final java.util.Map<List<Object>, SeededWeights> CACHE = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<List<Object>, SeededWeights> e) {
            return size() > CACHED;
        }
    };

    static long cacheBudget() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    long bytes() {
        AttentionWeights a = attention;
        long floats = (long) embedding.weight().rows() * embedding.weight().cols() + size(a.wq()) + size(a.wk()) + size(a.wv()) + size(a.wo())
                + size(a.bq()) + size(a.bk()) + size(a.bv()) + size(a.bo());
        return 4 * floats;
    }

    private static long size(Matrix m) {
        return m == null ? 0 : (long) m.rows() * m.cols();
    }

    static SeededWeights draw(TraceSettings s, int vocabRows) {
        List<Object> key = List.of(s.model().preset() == Preset.NOTEBOOK, s.model().seed(), vocabRows, s.model().dModel(), s.model().heads(), s.model().dk(), s.model().dv(),
                s.model().paddingIdx(), s.model().maxNorm(), s.model().normType());
        synchronized (CACHE) {
            SeededWeights hit = CACHE.get(key);
            if (hit != null) return hit;
        }
        SeededWeights w = drawFresh(s, vocabRows);
        synchronized (CACHE) {
            if (w.bytes() > cacheBudget()) return w;
            CACHE.put(key, w);
            long total = CACHE.values().stream().mapToLong(SeededWeights::bytes).sum();
            // Entries iterate eldest first; reading an entry's value does not reorder an access-ordered map.
            var eldest = CACHE.entrySet().iterator();
            while (total > cacheBudget() && eldest.hasNext()) {
                var e = eldest.next();
                if (e.getKey().equals(key)) continue;
                total -= e.getValue().bytes();
                eldest.remove();
            }
        }
        return w;
    }

    private static SeededWeights drawFresh(TraceSettings s, int vocabRows) {
        TorchGenerator g = new TorchGenerator(s.model().seed());
        Embedding e = Embedding.init(g, vocabRows, s.model().dModel(), s.model().paddingIdx(), s.model().maxNorm(), s.model().normType());
        int d = s.model().dModel();
        int hk = s.model().heads() * s.model().dk();
        int hv = s.model().heads() * s.model().dv();
        AttentionWeights w;
        if (s.model().preset() == Preset.NOTEBOOK) {
            Matrix wq = Matrix.wrap(d, hk, g.rand(d * hk));
            Matrix wk = Matrix.wrap(d, hk, g.rand(d * hk));
            Matrix wv = Matrix.wrap(d, hv, g.rand(d * hv));
            w = AttentionWeights.notebook(wq, wk, wv, g.linear(hv, d, false).weight().transpose());
        } else if (s.model().dk() == s.model().dv() && hk == d) {
            TorchGenerator.MhaInit m = g.multiheadAttention(d);
            w = AttentionWeights.fromTorchMha(m.inProjWeight(), m.inProjBias(), m.outProjWeight(), m.outProjBias());
        } else {
            Matrix wq = g.linear(d, hk, false).weight().transpose();
            Matrix wk = g.linear(d, hk, false).weight().transpose();
            Matrix wv = g.linear(d, hv, false).weight().transpose();
            Matrix wo = g.linear(hv, d, false).weight().transpose();
            w = AttentionWeights.notebook(wq, wk, wv, wo);
        }
        return new SeededWeights(e, w);
    }
}

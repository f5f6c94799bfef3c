package dev.attentionlab.render;

import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.model.SamplingResult;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The next-token distribution as the Sampling tab shows it and a step's export draws it: the
 * {@value #SHOWN} highest logits, their bars at each stage (logits, softmax at T, after top-k, after
 * top-p with the drawn token marked) and the table of those tokens.
 */
public final class SamplingCharts {
    /** Enough to read the head of the distribution; a 50,257-token vocabulary would be a grey wall. */
    public static final int SHOWN = 20;

    /** One row of the top-tokens table. */
    public record Row(int rank, String token, int id, float logit, float pT, float pTopK, float pFinal) {}

    private final Trace trace;
    private final SamplingResult s;
    private final int[] order;
    private final List<String> labels = new ArrayList<>();
    private final int marked;

    private SamplingCharts(Trace t) {
        this.trace = t;
        this.s = t.sampling();
        float[] logits = s.logits().row(0);
        this.order = Sampler.topKIndices(logits, Math.min(SHOWN, logits.length));
        int m = -1;
        for (int k = 0; k < order.length; k++) {
            labels.add(t.label(t.vocabEntries().get(order[k]).text()));
            if (order[k] == s.sample()) m = k;
        }
        this.marked = m;
    }

    /** The charts of a trace that predicts a next token. */
    public static SamplingCharts of(Trace t) {
        if (t.sampling() == null) throw new IllegalArgumentException("this trace predicts no next token");
        return new SamplingCharts(t);
    }

    /** How many of the vocabulary's tokens are shown. */
    public int shown() {
        return order.length;
    }

    public BarsSpec logits(Palette palette, double barWidth, double plotHeight) {
        return new BarsSpec("logits", labels, pick(s.logits().row(0)), false, -1, palette, barWidth, plotHeight);
    }

    public BarsSpec softmax(Palette palette, double barWidth, double plotHeight) {
        return new BarsSpec("softmax(logits ÷ T)", labels, pick(s.probsT().row(0)), true, -1, palette, barWidth, plotHeight);
    }

    public BarsSpec topK(Palette palette, double barWidth, double plotHeight) {
        int k = trace.settings().sampling().topK();
        return new BarsSpec("after top-k" + (k > 0 ? " = " + k : " (off)"), labels, pick(s.probsTopK().row(0)), true, -1, palette,
                barWidth, plotHeight);
    }

    /** The distribution the token is drawn from, the drawn one marked. */
    public BarsSpec topP(Palette palette, double barWidth, double plotHeight) {
        double p = trace.settings().sampling().topP();
        return new BarsSpec("after top-p" + (p < 1 ? String.format(Locale.ROOT, " = %.2f", p) : " (off)") + ": sampled", labels,
                pick(s.probsTopP().row(0)), true, marked, palette, barWidth, plotHeight);
    }

    public List<Row> rows() {
        float[] l = s.logits().row(0);
        List<Row> rows = new ArrayList<>(order.length);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            Vocabulary.Entry e = trace.vocabEntries().get(i);
            rows.add(new Row(k + 1, trace.label(e.text()), e.id(), l[i], s.probsT().get(0, i), s.probsTopK().get(0, i), s.probsTopP().get(0, i)));
        }
        return rows;
    }

    private float[] pick(float[] values) {
        float[] out = new float[order.length];
        for (int k = 0; k < order.length; k++) out[k] = values[order[k]];
        return out;
    }
}

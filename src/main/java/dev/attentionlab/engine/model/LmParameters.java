package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.train.Adam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's parameters (or their gradients, or Adam's moments) as named flat float arrays, in one
 * fixed order. Training updates these in place; {@link #weights()} takes an immutable copy.
 */
public final class LmParameters {
    /** One parameter: its name, shape ([n] or [rows, cols]) and initial value. */
    public record Spec(String name, int[] shape, Init init) {
        public int size() {
            int n = 1;
            for (int s : shape) n *= s;
            return n;
        }
    }

    /** How a parameter starts: a normal draw with this std, or all ones, or all zeros. */
    public record Init(double std, float constant) {
        static Init normal(double std) { return new Init(std, Float.NaN); }
        static final Init ONES = new Init(0, 1f);
        static final Init ZEROS = new Init(0, 0f);
    }

    private final LmConfig config;
    private final Map<String, float[]> values;

    private LmParameters(LmConfig config, Map<String, float[]> values) {
        this.config = config;
        this.values = values;
    }

    /**
     * Every parameter in order. Normal draws use std 0.02, and 0.02/√(2·layers) for the two projections
     * that write into the residual stream (W_o and the MLP's W_2), as GPT-2 does, so the stream's
     * variance does not grow with depth at initialisation.
     */
    public static List<Spec> specs(LmConfig c) {
        int d = c.dModel();
        Init w = Init.normal(0.02);
        Init proj = Init.normal(0.02 / Math.sqrt(2.0 * c.layers()));
        List<Spec> out = new ArrayList<>();
        out.add(new Spec("tok_emb", new int[] {c.vocab(), d}, w));
        out.add(new Spec("pos_emb", new int[] {c.context(), d}, w));
        for (int l = 0; l < c.layers(); l++) {
            String p = block(l);
            out.add(new Spec(p + "ln1.weight", new int[] {d}, Init.ONES));
            out.add(new Spec(p + "ln1.bias", new int[] {d}, Init.ZEROS));
            for (String x : new String[] {"q", "k", "v"}) {
                out.add(new Spec(p + "attn.w_" + x, new int[] {d, d}, w));
                out.add(new Spec(p + "attn.b_" + x, new int[] {d}, Init.ZEROS));
            }
            out.add(new Spec(p + "attn.w_o", new int[] {d, d}, proj));
            out.add(new Spec(p + "attn.b_o", new int[] {d}, Init.ZEROS));
            out.add(new Spec(p + "ln2.weight", new int[] {d}, Init.ONES));
            out.add(new Spec(p + "ln2.bias", new int[] {d}, Init.ZEROS));
            out.add(new Spec(p + "mlp.w_1", new int[] {d, c.hidden()}, w));
            out.add(new Spec(p + "mlp.b_1", new int[] {c.hidden()}, Init.ZEROS));
            out.add(new Spec(p + "mlp.w_2", new int[] {c.hidden(), d}, proj));
            out.add(new Spec(p + "mlp.b_2", new int[] {d}, Init.ZEROS));
        }
        out.add(new Spec("ln_f.weight", new int[] {d}, Init.ONES));
        out.add(new Spec("ln_f.bias", new int[] {d}, Init.ZEROS));
        return out;
    }

    static String block(int layer) {
        return "blocks." + layer + ".";
    }

    /** Draws the normal parameters in order from one generator seeded like {@code torch.manual_seed(seed)}. */
    public static LmParameters init(LmConfig c, long seed) {
        TorchGenerator g = new TorchGenerator(seed);
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Spec s : specs(c)) {
            float[] a;
            if (Float.isNaN(s.init().constant())) {
                a = g.normal(s.size(), 0.0, s.init().std());
            } else {
                a = new float[s.size()];
                java.util.Arrays.fill(a, s.init().constant());
            }
            v.put(s.name(), a);
        }
        return new LmParameters(c, v);
    }

    public static LmParameters zeros(LmConfig c) {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Spec s : specs(c)) v.put(s.name(), new float[s.size()]);
        return new LmParameters(c, v);
    }

    /** From named values (e.g. a weights file), checking that every parameter is there with its size. */
    public static LmParameters of(LmConfig c, Map<String, float[]> named) {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Spec s : specs(c)) {
            float[] a = named.get(s.name());
            if (a == null) throw new InvalidInputException("the model has no tensor '" + s.name() + "'");
            if (a.length != s.size()) {
                throw new InvalidInputException("'" + s.name() + "' has " + a.length + " values but needs " + s.size()
                        + " (" + java.util.Arrays.toString(s.shape()) + ")");
            }
            v.put(s.name(), a.clone());
        }
        for (String name : named.keySet()) {
            if (!v.containsKey(name)) throw new InvalidInputException("unexpected tensor '" + name + "' for this model shape");
        }
        return new LmParameters(c, v);
    }

    public LmConfig config() {
        return config;
    }

    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** The live array of one parameter; training code writes into it. */
    public float[] get(String name) {
        float[] a = values.get(name);
        if (a == null) throw new IllegalArgumentException("no parameter " + name);
        return a;
    }

    public Iterable<float[]> arrays() {
        return values.values();
    }

    public int count() {
        int n = 0;
        for (float[] a : values.values()) n += a.length;
        return n;
    }

    /** this += other, parameter by parameter. */
    void add(LmParameters other) {
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            float[] a = e.getValue();
            float[] b = other.values.get(e.getKey());
            for (int i = 0; i < a.length; i++) a[i] += b[i];
        }
    }

    /** An immutable copy to compute with or to keep as a snapshot. */
    public LmWeights weights() {
        return LmWeights.of(this);
    }
}

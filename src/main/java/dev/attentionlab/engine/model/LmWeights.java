package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tensor.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable copy of the language model's parameters, arranged for computing: the attention of each
 * block as the same {@link AttentionWeights} the attention views use.
 */
public record LmWeights(LmConfig config, Matrix tokEmb, Matrix posEmb, List<Block> blocks, Matrix lnFWeight, Matrix lnFBias) {

    /** One pre-LayerNorm block: x += attention(LN₁(x)); x += W₂·GELU(W₁·LN₂(x)). */
    public record Block(Matrix ln1Weight, Matrix ln1Bias, AttentionWeights attention,
                        Matrix ln2Weight, Matrix ln2Bias, Matrix w1, Matrix b1, Matrix w2, Matrix b2) {}

    public LmWeights {
        blocks = List.copyOf(blocks);
    }

    static LmWeights of(LmParameters p) {
        LmConfig c = p.config();
        int d = c.dModel();
        List<Block> blocks = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            String b = LmParameters.block(l);
            AttentionWeights attn = new AttentionWeights(
                    m(p, b + "attn.w_q", d, d), m(p, b + "attn.w_k", d, d), m(p, b + "attn.w_v", d, d),
                    v(p, b + "attn.b_q"), v(p, b + "attn.b_k"), v(p, b + "attn.b_v"),
                    m(p, b + "attn.w_o", d, d), v(p, b + "attn.b_o"));
            blocks.add(new Block(v(p, b + "ln1.weight"), v(p, b + "ln1.bias"), attn,
                    v(p, b + "ln2.weight"), v(p, b + "ln2.bias"),
                    m(p, b + "mlp.w_1", d, c.hidden()), v(p, b + "mlp.b_1"),
                    m(p, b + "mlp.w_2", c.hidden(), d), v(p, b + "mlp.b_2")));
        }
        return new LmWeights(c, m(p, "tok_emb", c.vocab(), d), m(p, "pos_emb", c.context(), d), blocks,
                v(p, "ln_f.weight"), v(p, "ln_f.bias"));
    }

    /** The same weights as the one model type: pre-LN blocks with MLPs, learned positions, a final norm. */
    public Transformer transformer() {
        List<dev.attentionlab.engine.model.Block> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            out.add(new dev.attentionlab.engine.model.Block(NormPlacement.PRE, Norm.affine(b.ln1Weight(), b.ln1Bias()),
                    b.attention(), false, Norm.affine(b.ln2Weight(), b.ln2Bias()), new Mlp(b.w1(), b.b1(), b.w2(), b.b2())));
        }
        return new Transformer(Embedding.plain(tokEmb), new Positions.Learned(posEmb), out, Norm.affine(lnFWeight, lnFBias));
    }

    private static Matrix m(LmParameters p, String name, int rows, int cols) {
        return Matrix.of(rows, cols, p.get(name));
    }

    private static Matrix v(LmParameters p, String name) {
        return Matrix.rowVector(p.get(name));
    }

    /** Every tensor by its parameter name, 1-D ones as 1×n rows (for files). */
    public Map<String, Matrix> tensors() {
        Map<String, Matrix> out = new LinkedHashMap<>();
        out.put("tok_emb", tokEmb);
        out.put("pos_emb", posEmb);
        for (int l = 0; l < blocks.size(); l++) {
            Block k = blocks.get(l);
            String b = LmParameters.block(l);
            AttentionWeights a = k.attention();
            out.put(b + "ln1.weight", k.ln1Weight());
            out.put(b + "ln1.bias", k.ln1Bias());
            out.put(b + "attn.w_q", a.wq());
            out.put(b + "attn.b_q", a.bq());
            out.put(b + "attn.w_k", a.wk());
            out.put(b + "attn.b_k", a.bk());
            out.put(b + "attn.w_v", a.wv());
            out.put(b + "attn.b_v", a.bv());
            out.put(b + "attn.w_o", a.wo());
            out.put(b + "attn.b_o", a.bo());
            out.put(b + "ln2.weight", k.ln2Weight());
            out.put(b + "ln2.bias", k.ln2Bias());
            out.put(b + "mlp.w_1", k.w1());
            out.put(b + "mlp.b_1", k.b1());
            out.put(b + "mlp.w_2", k.w2());
            out.put(b + "mlp.b_2", k.b2());
        }
        out.put("ln_f.weight", lnFWeight);
        out.put("ln_f.bias", lnFBias);
        return out;
    }
}

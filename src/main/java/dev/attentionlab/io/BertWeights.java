package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.Gelu;
import dev.attentionlab.engine.model.Mlp;
import dev.attentionlab.engine.model.Norm;
import dev.attentionlab.engine.model.NormPlacement;
import dev.attentionlab.engine.model.Positions;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder from weights under Hugging Face's names ({@code embeddings.*}, {@code encoder.layer.N.*}):
 * word + position + token-type embeddings and their LayerNorm, then post-LN blocks of self-attention and a
 * GELU (erf) MLP. Linear weights are [in × out], as ONNX's MatMul stores them. Every shape is checked
 * against the word embedding's width, and a wrong or missing tensor is named.
 */
final class BertWeights {
    private final Map<String, OnnxInitializers.Tensor> tensors;
    private final String where;
    private final float eps;
    private int d;

    private BertWeights(Map<String, OnnxInitializers.Tensor> tensors, String where, float eps) {
        this.tensors = tensors;
        this.where = where;
        this.eps = eps;
    }

    static Transformer build(Map<String, OnnxInitializers.Tensor> tensors, String where, float eps) {
        return new BertWeights(tensors, where, eps).build();
    }

    private Transformer build() {
        Matrix words = any("embeddings.word_embeddings.weight");
        d = words.cols();
        Matrix positions = matrix("embeddings.position_embeddings.weight", -1, d);
        Matrix types = matrix("embeddings.token_type_embeddings.weight", -1, d);
        List<Block> blocks = new ArrayList<>();
        for (int l = 0; tensors.containsKey(layer(l) + "attention.self.query.bias"); l++) blocks.add(block(l));
        if (blocks.isEmpty()) throw new InvalidInputException(where + " has no encoder.layer.0: not a BERT encoder");
        return new Transformer(Embedding.plain(words), new Positions.Learned(positions), types.rowRange(0, 1),
                norm("embeddings.LayerNorm"), blocks, null, Transformer.Head.MEAN_POOLING);
    }

    private static String layer(int l) {
        return "encoder.layer." + l + ".";
    }

    private Block block(int l) {
        String p = layer(l);
        AttentionWeights attention = new AttentionWeights(
                matrix(p + "attention.self.query.weight", d, d), matrix(p + "attention.self.key.weight", d, d),
                matrix(p + "attention.self.value.weight", d, d), vector(p + "attention.self.query.bias", d),
                vector(p + "attention.self.key.bias", d), vector(p + "attention.self.value.bias", d),
                matrix(p + "attention.output.dense.weight", d, d), vector(p + "attention.output.dense.bias", d));
        Matrix w1 = matrix(p + "intermediate.dense.weight", d, -1);
        int hidden = w1.cols();
        Mlp mlp = new Mlp(w1, vector(p + "intermediate.dense.bias", hidden), matrix(p + "output.dense.weight", hidden, d),
                vector(p + "output.dense.bias", d), Gelu.Form.ERF);
        return new Block(NormPlacement.POST, norm(p + "attention.output.LayerNorm"), attention, false,
                norm(p + "output.LayerNorm"), mlp);
    }

    private Norm norm(String prefix) {
        return new Norm(vector(prefix + ".weight", d), vector(prefix + ".bias", d), eps);
    }

    private OnnxInitializers.Tensor tensor(String name) {
        OnnxInitializers.Tensor t = tensors.get(name);
        if (t == null) throw new InvalidInputException(where + " has no tensor " + name);
        return t;
    }

    private Matrix any(String name) {
        OnnxInitializers.Tensor t = tensor(name);
        if (t.dims().length != 2) throw new InvalidInputException(where + ": " + name + " is " + t.shape() + ", not a matrix");
        return t.values();
    }

    /** A [rows × cols] matrix; −1 accepts any size there. */
    private Matrix matrix(String name, int rows, int cols) {
        OnnxInitializers.Tensor t = tensor(name);
        long[] s = t.dims();
        if (s.length != 2 || (rows >= 0 && s[0] != rows) || (cols >= 0 && s[1] != cols)) {
            throw new InvalidInputException(where + ": " + name + " is " + t.shape() + " but must be ["
                    + (rows < 0 ? "any" : rows) + ", " + (cols < 0 ? "any" : cols) + "]");
        }
        return t.values();
    }

    private Matrix vector(String name, int n) {
        OnnxInitializers.Tensor t = tensor(name);
        if (t.dims().length != 1 || t.dims()[0] != n) {
            throw new InvalidInputException(where + ": " + name + " is " + t.shape() + " but must be [" + n + "]");
        }
        return t.values();
    }
}

package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.Gelu;
import dev.attentionlab.engine.model.Mlp;
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
    private final NamedTensors tensors;
    private final float eps;
    private int d;

    private BertWeights(NamedTensors tensors, float eps) {
        this.tensors = tensors;
        this.eps = eps;
    }

    static Transformer build(Map<String, NamedTensors.Tensor> tensors, String where, float eps) {
        return new BertWeights(new NamedTensors(tensors, where), eps).build();
    }

    private Transformer build() {
        Matrix words = tensors.any("embeddings.word_embeddings.weight");
        d = words.cols();
        Matrix positions = tensors.matrix("embeddings.position_embeddings.weight", -1, d);
        Matrix types = tensors.matrix("embeddings.token_type_embeddings.weight", -1, d);
        List<Block> blocks = new ArrayList<>();
        for (int l = 0; tensors.has(layer(l) + "attention.self.query.bias"); l++) blocks.add(block(l));
        if (blocks.isEmpty()) throw new InvalidInputException(tensors.where() + " has no encoder.layer.0: not a BERT encoder");
        return new Transformer(Embedding.plain(words), new Positions.Learned(positions), types.rowRange(0, 1),
                tensors.norm("embeddings.LayerNorm", d, eps), blocks, null, Transformer.Head.MEAN_POOLING);
    }

    private static String layer(int l) {
        return "encoder.layer." + l + ".";
    }

    private Block block(int l) {
        String p = layer(l);
        AttentionWeights attention = new AttentionWeights(
                tensors.matrix(p + "attention.self.query.weight", d, d), tensors.matrix(p + "attention.self.key.weight", d, d),
                tensors.matrix(p + "attention.self.value.weight", d, d), tensors.vector(p + "attention.self.query.bias", d),
                tensors.vector(p + "attention.self.key.bias", d), tensors.vector(p + "attention.self.value.bias", d),
                tensors.matrix(p + "attention.output.dense.weight", d, d), tensors.vector(p + "attention.output.dense.bias", d));
        Matrix w1 = tensors.matrix(p + "intermediate.dense.weight", d, -1);
        int hidden = w1.cols();
        Mlp mlp = new Mlp(w1, tensors.vector(p + "intermediate.dense.bias", hidden), tensors.matrix(p + "output.dense.weight", hidden, d),
                tensors.vector(p + "output.dense.bias", d), Gelu.Form.ERF);
        return new Block(NormPlacement.POST, tensors.norm(p + "attention.output.LayerNorm", d, eps), attention, false,
                tensors.norm(p + "output.LayerNorm", d, eps), mlp);
    }
}

package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.TraceSettings;

/**
 * Reads weights a PyTorch user exported as JSON, in the fixtures' {@code inputs} format: an
 * {@code nn.MultiheadAttention} state_dict ({@code in_proj_weight}, {@code in_proj_bias},
 * {@code out_proj.weight}/{@code out_proj_weight}, {@code out_proj.bias}/{@code out_proj_bias}),
 * the notebook's {@code W_q}, {@code W_k}, {@code W_v}, an {@code nn.Embedding} {@code weight}, and
 * optionally the inputs {@code x} (or {@code X}) or {@code text}, and masks. A whole fixture file
 * (with an {@code inputs} object) is accepted too.
 */
public final class WeightsImport {

    /**
     * @param x     the input rows, or null to embed the text
     * @param heads num_heads when the file says it, else null
     * @param mask  attn_mask combined with key_padding_mask, or null
     */
    public record Imported(ImportedWeights weights, Matrix x, String text, Integer heads, MaskMatrix mask) {
        /**
         * Settings that use these weights: d_model, d_k and d_v from their shapes, heads from the file
         * (or {@code heads} when given), inputs and masks from the file when it has them.
         */
        public TraceSettings.Builder applyTo(TraceSettings.Builder b, Integer heads) {
            int h = heads != null ? heads : this.heads != null ? this.heads : 1;
            if (h < 1) throw new InvalidInputException("heads must be at least 1, got " + h);
            if (weights.attention() != null && (weights.attention().wq().cols() % h != 0 || weights.attention().wv().cols() % h != 0)) {
                throw new InvalidInputException(h + " heads do not divide the weights' " + weights.attention().wq().cols() + " query columns"
                        + (weights.attention().wv().cols() != weights.attention().wq().cols() ? " and " + weights.attention().wv().cols() + " value columns" : ""));
            }
            b.weights(weights).dModel(dModel()).heads(h).vocabSize(0);
            if (weights.attention() != null) {
                b.dk(weights.attention().wq().cols() / h).dv(weights.attention().wv().cols() / h);
            }
            if (x != null) b.inputOverride(x).positional(false);
            if (text != null) b.text(text);
            if (mask != null) b.mask(MaskKind.CUSTOM).customMask(mask);
            return b;
        }

        /** d_model implied by the file. */
        public int dModel() {
            if (weights.attention() != null) return weights.attention().dModel();
            if (x != null) return x.cols();
            return weights.embedding().cols();
        }
    }

    private WeightsImport() {}

    /** A {@code .safetensors} file or a JSON file, by its name. */
    public static Imported readFile(java.nio.file.Path file) {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors")) {
            return read(Safetensors.toJson(Safetensors.read(file)), file.getFileName().toString());
        }
        return read(TextFiles.readJson(file), file.getFileName().toString());
    }

    public static Imported read(JsonNode root, String where) {
        if (root == null || !root.isObject()) throw new InvalidInputException(where + ": expected a JSON object of tensors");
        JsonNode in = root.has("inputs") && root.get("inputs").isObject() ? root.get("inputs") : root;

        AttentionWeights attention = null;
        if (in.has("in_proj_weight")) {
            Matrix inProj = tensor(in, "in_proj_weight", where);
            Matrix outProj = firstTensor(in, where, "out_proj.weight", "out_proj_weight");
            if (outProj == null) throw new InvalidInputException(where + ": in_proj_weight given without out_proj.weight");
            attention = AttentionWeights.fromTorchMha(inProj, vector(in, where, "in_proj_bias"), outProj,
                    vector(in, where, "out_proj.bias", "out_proj_bias"));
        } else if (in.has("W_q") || in.has("W_k") || in.has("W_v")) {
            attention = AttentionWeights.notebook(tensor(in, "W_q", where), tensor(in, "W_k", where), tensor(in, "W_v", where),
                    firstTensor(in, where, "W_o"));
        }
        Matrix embedding = firstTensor(in, where, "weight", "embedding.weight", "embedding");

        Matrix x = null;
        JsonNode xNode = in.has("x") ? in.get("x") : in.get("X");
        String xName = in.has("x") ? "x" : "X";
        if (xNode != null && !xNode.isNull()) {
            boolean batched = xNode.isArray() && !xNode.isEmpty() && xNode.get(0).isArray()
                    && !xNode.get(0).isEmpty() && xNode.get(0).get(0).isArray();
            if (batched && xNode.size() != 1) {
                throw new InvalidInputException(where + "." + xName + " holds a batch of " + xNode.size()
                        + " sequences; the trace shows one: export x[0]");
            }
            x = finite(Json.matrix(batched ? xNode.get(0) : xNode, where + "." + xName), where + "." + xName);
        }
        if (attention == null && embedding == null) {
            throw new InvalidInputException(where + ": no weights found (expected in_proj_weight, W_q/W_k/W_v or an embedding 'weight')");
        }
        if (attention != null && x != null && x.cols() != attention.dModel()) {
            throw new InvalidInputException(where + "." + xName + " has " + x.cols() + " columns but the weights expect d_model = " + attention.dModel());
        }
        if (attention != null && embedding != null && embedding.cols() != attention.dModel()) {
            throw new InvalidInputException(where + ": embedding weight is " + embedding.shape() + " but the attention weights expect d_model = " + attention.dModel());
        }
        String text = in.hasNonNull("text") ? in.get("text").asText() : in.hasNonNull("prompt") ? in.get("prompt").asText() : null;
        Integer heads = in.has("num_heads") ? Json.integer(in.get("num_heads"), where + ".num_heads") : null;
        if (heads != null && (heads < 1 || heads > dev.attentionlab.engine.Limits.MAX_HEADS)) {
            throw new InvalidInputException(where + ".num_heads: " + heads + " is outside 1…" + dev.attentionlab.engine.Limits.MAX_HEADS);
        }
        return new Imported(new ImportedWeights(embedding, attention), x, text, heads, mask(in, where));
    }

    private static MaskMatrix mask(JsonNode in, String where) {
        MaskMatrix mask = Json.mask(in.has("attn_mask") ? in.get("attn_mask") : in.get("mask"), where + ".attn_mask");
        JsonNode kpm = in.get("key_padding_mask");
        if (kpm == null || kpm.isNull()) return mask;
        if (kpm.size() > 0 && kpm.get(0).isArray()) {
            if (kpm.size() != 1) throw new InvalidInputException(where + ".key_padding_mask holds " + kpm.size() + " sequences; the trace shows one");
            kpm = kpm.get(0);
        }
        boolean[] padded = Json.bools(kpm, where + ".key_padding_mask");
        return MaskMatrix.withKeyPadding(mask, mask == null ? padded.length : mask.rows(), padded);
    }

    private static Matrix tensor(JsonNode in, String name, String where) {
        Matrix m = firstTensor(in, where, name);
        if (m == null) throw new InvalidInputException(where + ": missing tensor '" + name + "'");
        return m;
    }

    private static Matrix firstTensor(JsonNode in, String where, String... names) {
        for (String n : names) {
            if (in.hasNonNull(n)) return finite(Json.matrix(in.get(n), where + "." + n), where + "." + n);
        }
        return null;
    }

    private static float[] vector(JsonNode in, String where, String... names) {
        for (String n : names) {
            if (in.hasNonNull(n)) {
                JsonNode node = in.get(n);
                // A bias saved as a 1 × n tensor is still a vector.
                if (node.isArray() && node.size() == 1 && node.get(0).isArray()) node = node.get(0);
                float[] v = Json.floats(node, where + "." + n);
                finiteVector(v, where + "." + n);
                return v;
            }
        }
        return null;
    }

    static Matrix finite(Matrix m, String where) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) requireFinite(m.get(i, j), where + "[" + i + "][" + j + "]");
        }
        return m;
    }

    static float[] finiteVector(float[] v, String where) {
        for (int j = 0; j < v.length; j++) requireFinite(v[j], where + "[" + j + "]");
        return v;
    }

    private static void requireFinite(float v, String cell) {
        if (!Float.isFinite(v)) {
            throw new InvalidInputException(cell + " is " + (Float.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity")
                    + ": weights must be finite numbers");
        }
    }
}

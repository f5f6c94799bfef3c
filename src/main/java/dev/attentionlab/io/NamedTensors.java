package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.Norm;
import dev.attentionlab.engine.tensor.Matrix;
import java.util.Arrays;
import java.util.Map;

/**
 * A model file's weights by name, for the readers that build a transformer from them (BERT from ONNX,
 * GPT-2 from safetensors): each lookup checks the shape it needs and names the tensor that is
 * missing or wrong.
 */
final class NamedTensors {
    /** A float tensor: its shape, and its values row-major (rank 1 is one row). */
    record Tensor(long[] dims, Matrix values) {
        String shape() {
            return Arrays.toString(dims);
        }
    }

    private final Map<String, Tensor> tensors;
    private final String where;

    NamedTensors(Map<String, Tensor> tensors, String where) {
        this.tensors = tensors;
        this.where = where;
    }

    String where() {
        return where;
    }

    boolean has(String name) {
        return tensors.containsKey(name);
    }

    Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new InvalidInputException(where + " has no tensor " + name);
        return t;
    }

    /** A matrix of any shape. */
    Matrix any(String name) {
        Tensor t = tensor(name);
        if (t.dims().length != 2) throw new InvalidInputException(where + ": " + name + " is " + t.shape() + ", not a matrix");
        return t.values();
    }

    /** A [rows × cols] matrix; −1 accepts any size there. */
    Matrix matrix(String name, int rows, int cols) {
        Tensor t = tensor(name);
        long[] s = t.dims();
        if (s.length != 2 || (rows >= 0 && s[0] != rows) || (cols >= 0 && s[1] != cols)) {
            throw new InvalidInputException(where + ": " + name + " is " + t.shape() + " but must be ["
                    + (rows < 0 ? "any" : rows) + ", " + (cols < 0 ? "any" : cols) + "]");
        }
        return t.values();
    }

    Matrix vector(String name, int n) {
        Tensor t = tensor(name);
        if (t.dims().length != 1 || t.dims()[0] != n) {
            throw new InvalidInputException(where + ": " + name + " is " + t.shape() + " but must be [" + n + "]");
        }
        return t.values();
    }

    /** A LayerNorm of width d: {@code prefix.weight} and {@code prefix.bias}. */
    Norm norm(String prefix, int d, float eps) {
        return new Norm(vector(prefix + ".weight", d), vector(prefix + ".bias", d), eps);
    }
}

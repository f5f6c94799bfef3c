package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;

/** How a model tells positions apart: the paper's sinusoids, a learned table, or not at all. */
public sealed interface Positions {

    /** The vectors added to the first {@code length} token vectors of width {@code dim}, or null for none. */
    Matrix table(int length, int dim);

    record Sinusoidal() implements Positions {
        @Override
        public Matrix table(int length, int dim) {
            return PositionalEncoding.sinusoidal(length, dim);
        }
    }

    /** One learned vector per position (GPT-2's wpe, the trained model's pos_emb). */
    record Learned(Matrix weight) implements Positions {
        @Override
        public Matrix table(int length, int dim) {
            if (length > weight.rows()) {
                throw new InvalidInputException("the model knows " + weight.rows() + " positions, not " + length);
            }
            return weight.rowRange(0, length);
        }
    }

    record None() implements Positions {
        @Override
        public Matrix table(int length, int dim) {
            return null;
        }
    }
}

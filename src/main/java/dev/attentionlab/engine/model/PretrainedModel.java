package dev.attentionlab.engine.model;

import dev.attentionlab.engine.tokenize.Tokenizer;

/**
 * A published model with its own tokenizer, as a file format reader built it.
 *
 * @param key        how files and the command line name it, e.g. "all-minilm-l6-v2"
 * @param name       how the window names it, e.g. "all-MiniLM-L6-v2"
 * @param heads      attention heads per block (the weights alone do not say how W_q's columns split)
 * @param maxTokens  the longest input it knows positions for
 * @param provenance where its weights come from, as explanations say it
 * @param sha256     the SHA-256 of its weights file, by which a lesson knows the file again; null for a
 *                   bundled model
 */
public record PretrainedModel(String key, String name, Transformer transformer, Tokenizer tokenizer, int heads,
                              int maxTokens, String provenance, String sha256) {

    public PretrainedModel {
        if (heads < 1 || transformer.dModel() % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide d_model " + transformer.dModel());
        }
    }

    public int dModel() {
        return transformer.dModel();
    }

    public int dk() {
        return dModel() / heads;
    }

    public int layers() {
        return transformer.blocks().size();
    }
}

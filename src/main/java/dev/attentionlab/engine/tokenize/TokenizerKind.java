package dev.attentionlab.engine.tokenize;

import dev.attentionlab.engine.InvalidInputException;

/** The tokenizers the app offers. */
public enum TokenizerKind {
    NOTEBOOK("word / notebook vocab"),
    FIRST_SEEN("word / first-seen"),
    CHAR("character"),
    BPE("BPE (byte-pair merges)"),
    /** BERT's WordPiece: it comes with a pretrained model's vocabulary and is never fitted to a text. */
    WORDPIECE("WordPiece (the model's own)"),
    /** GPT-2's byte-level BPE: it comes with a checkpoint's (or the bundled) vocabulary and merges. */
    BYTE_BPE("GPT-2 byte-level BPE (the model's own)");

    private final String label;

    TokenizerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether {@link #fit} can build this tokenizer from a text alone (WordPiece and GPT-2's need their model). */
    public boolean fittable() {
        return this != WORDPIECE && this != BYTE_BPE;
    }

    /**
     * A tokenizer whose vocabulary covers {@code text}. BPE learns {@code bpeMerges} merges from
     * {@code bpeCorpus} (the text itself when null) and adds {@code text}'s characters to its alphabet.
     */
    public Tokenizer fit(String text, int bpeMerges, String bpeCorpus) {
        return switch (this) {
            case NOTEBOOK -> NotebookTokenizer.fit(text);
            case FIRST_SEEN -> FirstSeenTokenizer.fit(text);
            case CHAR -> CharTokenizer.fit(text);
            case BPE -> BpeTokenizer.train(bpeCorpus == null ? text : bpeCorpus, text, bpeMerges);
            case WORDPIECE, BYTE_BPE -> throw new InvalidInputException(label + " comes with a pretrained model's vocabulary: "
                    + "pick the model, or another tokenizer");
        };
    }
}

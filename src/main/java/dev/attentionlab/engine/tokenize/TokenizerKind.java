package dev.attentionlab.engine.tokenize;

import dev.attentionlab.engine.InvalidInputException;

/** The tokenizers the app offers. */
public enum TokenizerKind {
    NOTEBOOK("word / notebook vocab", "notebook"),
    FIRST_SEEN("word / first-seen", "first-seen"),
    CHAR("character", "char"),
    BPE("BPE (byte-pair merges)", "bpe"),
    /** BERT's WordPiece: it comes with a pretrained model's vocabulary and is never fitted to a text. */
    WORDPIECE("WordPiece (the model's own)", "wordpiece"),
    /** GPT-2's byte-level BPE: it comes with a checkpoint's (or the bundled) vocabulary and merges. */
    BYTE_BPE("GPT-2 byte-level BPE (the model's own)", "byte-bpe");

    private final String label;
    private final String key;

    TokenizerKind(String label, String key) {
        this.label = label;
        this.key = key;
    }

    public String label() {
        return label;
    }

    /** The short name used on the command line and in files. */
    public String key() {
        return key;
    }

    /** Whether {@link #fit} can build this tokenizer from a text alone (WordPiece and GPT-2's need their model). */
    public boolean fittable() {
        return this != WORDPIECE && this != BYTE_BPE;
    }

    public static TokenizerKind fromKey(String key) {
        for (TokenizerKind k : values()) if (k.key.equalsIgnoreCase(key) || k.name().equalsIgnoreCase(key)) return k;
        throw new InvalidInputException("unknown tokenizer '" + key + "' (use notebook, first-seen, char, bpe, wordpiece or byte-bpe)");
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

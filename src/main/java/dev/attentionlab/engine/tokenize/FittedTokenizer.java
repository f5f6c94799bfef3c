package dev.attentionlab.engine.tokenize;

/** What every tokenizer holds once fitted: its kind and its vocabulary. */
abstract sealed class FittedTokenizer implements Tokenizer permits NotebookTokenizer, FirstSeenTokenizer, CharTokenizer, BpeTokenizer,
        WordPieceTokenizer, ByteLevelBpeTokenizer {
    private final TokenizerKind kind;
    private final Vocabulary vocabulary;

    FittedTokenizer(TokenizerKind kind, Vocabulary vocabulary) {
        this.kind = kind;
        this.vocabulary = vocabulary;
    }

    @Override
    public final TokenizerKind kind() {
        return kind;
    }

    @Override
    public final Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The id of {@code piece}, or an error naming it when it is not in the vocabulary. */
    final int idOf(String key, String shown) {
        int id = vocabulary.id(key);
        if (id < 0) throw Tokenizer.unknown(shown, kind);
        return id;
    }
}

package dev.attentionlab.engine.tokenize;

import dev.attentionlab.engine.InvalidInputException;
import java.util.List;

/** Splits text into tokens with ids from a vocabulary fitted beforehand (see {@link TokenizerKind#fit}). */
public sealed interface Tokenizer permits FittedTokenizer {

    TokenizerKind kind();

    Vocabulary vocabulary();

    /** Tokens with ids and spans; a piece outside the vocabulary is an {@link InvalidInputException}. */
    List<Token> encode(String text);

    /** {@code text} with a generated token appended the way this tokenizer joins tokens. */
    String append(String text, String tokenText);

    default int[] ids(List<Token> tokens) {
        return tokens.stream().mapToInt(Token::id).toArray();
    }

    static InvalidInputException unknown(String piece, TokenizerKind kind) {
        return new InvalidInputException("'" + piece + "' is not in the " + kind.label() + " vocabulary");
    }
}

package dev.attentionlab.engine.tokenize;

import java.util.ArrayList;
import java.util.List;

/** One token per character (code point); ids are the sorted distinct characters, as in char-level GPT demos. */
public final class CharTokenizer extends FittedTokenizer {
    private CharTokenizer(Vocabulary vocabulary) {
        super(TokenizerKind.CHAR, vocabulary);
    }

    public static CharTokenizer fit(String text) {
        List<String> chars = text.codePoints().distinct().sorted().mapToObj(Character::toString).toList();
        return new CharTokenizer(Vocabulary.contiguous(chars));
    }



    @Override
    public List<Token> encode(String text) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            String c = text.substring(i, end);
            tokens.add(new Token(c, idOf(c, c), i, end));
            i = end;
        }
        return tokens;
    }

    @Override
    public String append(String text, String tokenText) {
        return text + tokenText;
    }
}

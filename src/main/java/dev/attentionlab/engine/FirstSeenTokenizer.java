package dev.attentionlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words (case-folded) and single punctuation marks, with contiguous ids in order of first appearance:
 * "The cat, the hat." → the=0 cat=1 ,=2 hat=3 .=4.
 */
public final class FirstSeenTokenizer implements Tokenizer {
    private static final Pattern PIECE = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*|[^\\s\\p{L}\\p{N}]");
    private final Vocabulary vocabulary;

    private FirstSeenTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public static FirstSeenTokenizer fit(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) pieces.add(m.group().toLowerCase(Locale.ROOT));
        return new FirstSeenTokenizer(Vocabulary.contiguous(pieces));
    }

    @Override
    public TokenizerKind kind() {
        return TokenizerKind.FIRST_SEEN;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public List<Token> encode(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            int id = vocabulary.id(m.group().toLowerCase(Locale.ROOT));
            if (id < 0) throw Tokenizer.unknown(m.group(), kind());
            tokens.add(new Token(m.group(), id, m.start(), m.end()));
        }
        return tokens;
    }

    @Override
    public String append(String text, String tokenText) {
        boolean word = Character.isLetterOrDigit(tokenText.codePointAt(0));
        return text.isEmpty() || !word ? text + tokenText : text + " " + tokenText;
    }
}

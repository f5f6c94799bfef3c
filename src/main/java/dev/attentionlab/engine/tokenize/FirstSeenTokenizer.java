package dev.attentionlab.engine.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words (case-folded) and single punctuation marks, with contiguous ids in order of first appearance:
 * "The cat, the hat." → the=0 cat=1 ,=2 hat=3 .=4.
 */
public final class FirstSeenTokenizer extends FittedTokenizer {
    private static final Pattern PIECE = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*|[^\\s\\p{L}\\p{N}]");
    private FirstSeenTokenizer(Vocabulary vocabulary) {
        super(TokenizerKind.FIRST_SEEN, vocabulary);
    }

    public static FirstSeenTokenizer fit(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) pieces.add(m.group().toLowerCase(Locale.ROOT));
        return new FirstSeenTokenizer(Vocabulary.contiguous(pieces));
    }



    @Override
    public List<Token> encode(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.group(), idOf(m.group().toLowerCase(Locale.ROOT), m.group()), m.start(), m.end()));
        }
        return tokens;
    }

    @Override
    public String append(String text, String tokenText) {
        boolean word = Character.isLetterOrDigit(tokenText.codePointAt(0));
        return text.isEmpty() || !word ? text + tokenText : text + " " + tokenText;
    }
}

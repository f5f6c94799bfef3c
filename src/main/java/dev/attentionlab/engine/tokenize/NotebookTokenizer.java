package dev.attentionlab.engine.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed notebook's tokenizer, exactly: {@code {s.lower(): i for i, s in enumerate(sorted(prompt.split(" ")))}}
 * and {@code [vocab[s.lower()] for s in prompt.split(" ")]}. Sorting is case-sensitive and a repeated
 * word keeps the id of its last sorted position, which leaves gaps ("I" twice → ids 1 and 2, kept 2).
 */
public final class NotebookTokenizer extends FittedTokenizer {
    private NotebookTokenizer(Vocabulary vocabulary) {
        super(TokenizerKind.NOTEBOOK, vocabulary);
    }

    public static NotebookTokenizer fit(String text) {
        List<String> words = new ArrayList<>();
        for (Span s : split(text)) words.add(text.substring(s.start, s.end));
        words.sort(NotebookTokenizer::compareCodePoints);
        Map<String, Integer> vocab = new HashMap<>();
        for (int i = 0; i < words.size(); i++) vocab.put(lower(words.get(i)), i);
        return new NotebookTokenizer(Vocabulary.of(vocab));
    }



    @Override
    public List<Token> encode(String text) {
        List<Token> tokens = new ArrayList<>();
        for (Span s : split(text)) {
            String word = text.substring(s.start, s.end);
            tokens.add(new Token(word, idOf(lower(word), word), s.start, s.end));
        }
        return tokens;
    }

    @Override
    public String append(String text, String tokenText) {
        return text.isEmpty() ? tokenText : text + " " + tokenText;
    }

    private record Span(int start, int end) {}

    /** Python's {@code str.split(" ")}: every single space separates, so "a  b" has an empty word. */
    private static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                spans.add(new Span(start, i));
                start = i + 1;
            }
        }
        return spans;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Python compares strings by code point, Java's compareTo by UTF-16 unit. */
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}

package dev.attentionlab.engine.tokenize;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's WordPiece, as Hugging Face's tokenizer.json describes it (BertNormalizer, BertPreTokenizer,
 * WordPiece, then [CLS] … [SEP]): special tokens are matched in the raw text first; the rest is cleaned
 * (controls dropped, whitespace made a space), CJK ideographs become words of their own, accents are
 * stripped and letters lowercased; words split at whitespace and punctuation; each word becomes the
 * longest vocabulary pieces from its left, continuations spelled with "##", or [UNK] as a whole.
 *
 * <p>Every piece keeps the span of the original text it came from, so chips can point at the text.
 */
public final class WordPieceTokenizer extends FittedTokenizer {
    /** The text BERT's vocabulary is spelled in. */
    public record Spec(List<String> specialTokens, String unknown, String classify, String separator,
                       String continuation, int maxWordChars, boolean lowercase, boolean stripAccents) {}

    private final Spec spec;
    private final int unknownId;
    private final int classifyId;
    private final int separatorId;

    public WordPieceTokenizer(Vocabulary vocabulary, Spec spec) {
        super(TokenizerKind.WORDPIECE, vocabulary);
        this.spec = spec;
        this.unknownId = required(vocabulary, spec.unknown());
        this.classifyId = required(vocabulary, spec.classify());
        this.separatorId = required(vocabulary, spec.separator());
        for (String s : spec.specialTokens()) required(vocabulary, s);
    }

    private static int required(Vocabulary v, String token) {
        int id = v.id(token);
        if (id < 0) throw new IllegalArgumentException("the WordPiece vocabulary has no " + token);
        return id;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public List<Token> encode(String text) {
        List<Token> out = new ArrayList<>();
        out.add(new Token(spec.classify(), classifyId, 0, 0));
        int from = 0;
        while (from < text.length()) {
            int at = text.length();
            String special = null;
            for (String s : spec.specialTokens()) {
                int i = text.indexOf(s, from);
                if (i >= 0 && (i < at || i == at && special != null && s.length() > special.length())) {
                    at = i;
                    special = s;
                }
            }
            for (Word w : words(text, from, at)) pieces(w, out);
            if (special == null) break;
            out.add(new Token(special, vocabulary().id(special), at, at + special.length()));
            from = at + special.length();
        }
        out.add(new Token(spec.separator(), separatorId, text.length(), text.length()));
        return out;
    }

    /** One normalised code point and the span of the original character it came from. */
    private record Char(int cp, int start, int end) {}

    private record Word(List<Char> chars) {
        int start() {
            return chars.get(0).start();
        }

        int end() {
            return chars.get(chars.size() - 1).end();
        }
    }

    /** Normalises text[from, to) and splits it into words, whitespace dropped and punctuation alone. */
    private List<Word> words(String text, int from, int to) {
        List<Word> words = new ArrayList<>();
        List<Char> current = new ArrayList<>();
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            if (!(cp == 0 || cp == 0xFFFD || isControl(cp))) {
                if (isWhitespace(cp)) {
                    flush(current, words);
                } else if (isCjk(cp) || isPunctuation(cp)) {
                    flush(current, words);
                    List<Char> alone = new ArrayList<>();
                    normalise(cp, i, end, alone);
                    flush(alone, words);
                } else {
                    normalise(cp, i, end, current);
                }
            }
            i = end;
        }
        flush(current, words);
        return words;
    }

    private static void flush(List<Char> chars, List<Word> words) {
        if (chars.isEmpty()) return;
        words.add(new Word(List.copyOf(chars)));
        chars.clear();
    }

    /** Strips accents (NFD, combining marks dropped) and lowercases, in the order BertNormalizer does. */
    private void normalise(int cp, int start, int end, List<Char> into) {
        String s = Character.toString(cp);
        if (spec.stripAccents()) {
            StringBuilder kept = new StringBuilder();
            Normalizer.normalize(s, Normalizer.Form.NFD).codePoints()
                    .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(kept::appendCodePoint);
            s = kept.toString();
        }
        if (spec.lowercase()) s = lowercase(s);
        s.codePoints().forEach(c -> into.add(new Char(c, start, end)));
    }

    /** Each code point on its own, as Rust's char::to_lowercase: no context such as a word-final sigma. */
    private static String lowercase(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.append(Character.toString(c).toLowerCase(Locale.ROOT)));
        return out.toString();
    }

    private void pieces(Word w, List<Token> out) {
        List<Char> chars = w.chars();
        if (chars.size() > spec.maxWordChars()) {
            out.add(new Token(spec.unknown(), unknownId, w.start(), w.end()));
            return;
        }
        List<Token> found = new ArrayList<>();
        int start = 0;
        while (start < chars.size()) {
            int end = chars.size();
            int id = -1;
            String piece = null;
            while (start < end) {
                piece = (start > 0 ? spec.continuation() : "") + spell(chars, start, end);
                id = vocabulary().id(piece);
                if (id >= 0) break;
                end--;
            }
            if (id < 0) {
                out.add(new Token(spec.unknown(), unknownId, w.start(), w.end()));
                return;
            }
            found.add(new Token(piece, id, chars.get(start).start(), chars.get(end - 1).end()));
            start = end;
        }
        out.addAll(found);
    }

    private static String spell(List<Char> chars, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) b.appendCodePoint(chars.get(i).cp());
        return b.toString();
    }

    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    static boolean isWhitespace(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r' || Character.isSpaceChar(cp);
    }

    static boolean isCjk(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2B73F || cp >= 0x2B740 && cp <= 0x2B81F || cp >= 0x2B820 && cp <= 0x2CEAF
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
    }

    /** ASCII symbols count as punctuation too ($, +, ^, `…), as in BERT. */
    static boolean isPunctuation(int cp) {
        if (cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126) return true;
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** A piece joins the word before it; any other token starts a new word. */
    @Override
    public String append(String text, String tokenText) {
        if (tokenText.startsWith(spec.continuation())) return text + tokenText.substring(spec.continuation().length());
        return text + " " + tokenText;
    }
}

package dev.attentionlab.engine.tokenize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level BPE, as OpenAI's encoder.py does it: the text is cut by one regular expression
 * into words (a leading space stays on the word), each word's UTF-8 bytes are spelled as printable
 * characters (byte → unicode, so a space is "Ġ"), and the merges are applied lowest rank first until
 * none applies. Every piece is in the vocabulary, since every single byte is.
 *
 * <p>A piece keeps the span of the characters its bytes came from; a character whose bytes are split
 * between pieces (an emoji, a CJK character) is in the span of each.
 */
public final class ByteLevelBpeTokenizer extends FittedTokenizer {
    /** OpenAI's pre-split; \s and \p{…} are Unicode's, as in Python's regex module. */
    static final Pattern SPLIT = Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = byteToChar();
    private static final Map<Character, Integer> CHAR_TO_BYTE = charToByte();
    /** Words seen before and their pieces; a sentence repeats its words, and typing repeats whole sentences. */
    private static final int CACHE_LIMIT = 20_000;

    private final Map<String, Integer> ranks;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /**
     * @param vocabulary the byte-spelled pieces and their ids (encoder.json)
     * @param merges     the merges in rank order, each as its two parts (vocab.bpe, lines after the first)
     */
    public ByteLevelBpeTokenizer(Vocabulary vocabulary, List<String[]> merges) {
        super(TokenizerKind.BYTE_BPE, vocabulary);
        Map<String, Integer> r = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) r.putIfAbsent(merges.get(i)[0] + " " + merges.get(i)[1], i);
        this.ranks = Map.copyOf(r);
        for (int b = 0; b < 256; b++) {
            if (vocabulary.id(String.valueOf(BYTE_TO_CHAR[b])) < 0) {
                throw new IllegalArgumentException("the byte-level vocabulary has no piece for byte " + b);
            }
        }
    }

    public int merges() {
        return ranks.size();
    }

    @Override
    public List<Token> encode(String text) {
        List<Token> out = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        while (m.find()) {
            String word = text.substring(m.start(), m.end());
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            // charAt[b]: which character of the word byte b belongs to, so pieces keep character spans.
            int[] charAt = new int[bytes.length];
            for (int c = 0, b = 0; c < word.length(); ) {
                int cp = word.codePointAt(c);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                for (int k = 0; k < n; k++) charAt[b++] = c;
                c += Character.charCount(cp);
            }
            StringBuilder spelled = new StringBuilder(bytes.length);
            for (byte b : bytes) spelled.append(BYTE_TO_CHAR[b & 0xff]);
            int byteAt = 0;
            for (String piece : pieces(spelled.toString())) {
                int first = charAt[byteAt];
                int last = charAt[byteAt + piece.length() - 1];
                int end = last + Character.charCount(word.codePointAt(last));
                out.add(new Token(piece, idOf(piece, piece), m.start() + first, m.start() + end));
                byteAt += piece.length();
            }
        }
        return out;
    }

    /** The word's pieces after every merge that applies, lowest rank first (OpenAI's bpe()). */
    private List<String> pieces(String word) {
        List<String> known = cache.get(word);
        if (known != null) return known;
        List<String> symbols = new ArrayList<>(word.length());
        for (int i = 0; i < word.length(); i++) symbols.add(String.valueOf(word.charAt(i)));
        while (symbols.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < best) {
                    best = r;
                    first = symbols.get(i);
                    second = symbols.get(i + 1);
                }
            }
            if (first == null) break;
            List<String> merged = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); ) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(first) && symbols.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i += 2;
                } else {
                    merged.add(symbols.get(i));
                    i++;
                }
            }
            symbols = merged;
        }
        List<String> result = List.copyOf(symbols);
        if (cache.size() >= CACHE_LIMIT) cache.clear();
        cache.put(word, result);
        return result;
    }

    /** The bytes a piece stands for. */
    public static byte[] bytes(String piece) {
        byte[] out = new byte[piece.length()];
        for (int i = 0; i < piece.length(); i++) {
            Integer b = CHAR_TO_BYTE.get(piece.charAt(i));
            if (b == null) throw new IllegalArgumentException("'" + piece + "' is not spelled in bytes");
            out[i] = (byte) (int) b;
        }
        return out;
    }

    /**
     * A piece as a person reads it: its text, with a leading space shown as "␣" and other whitespace
     * by a mark; bytes that are not a whole character (half an emoji) as ‹E2 80›.
     */
    public static String readable(String piece) {
        byte[] b = bytes(piece);
        // The longest start that is whole characters reads as text; the rest is bytes, spaced thinly so
        // that a label's space marks do not land between them.
        for (int cut = b.length; cut >= 0; cut--) {
            String text = decode(b, cut);
            if (text == null) continue;
            StringBuilder out = new StringBuilder(text.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥"));
            if (cut < b.length) {
                out.append('‹');
                for (int i = cut; i < b.length; i++) out.append(i == cut ? "" : "\u2009").append(String.format("%02X", b[i] & 0xff));
                out.append('›');
            }
            return out.toString();
        }
        throw new IllegalStateException("no prefix decodes, not even the empty one");
    }

    /** The first {@code n} bytes as UTF-8 text, or null when they are not whole characters. */
    private static String decode(byte[] b, int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String append(String text, String tokenText) {
        return text + new String(bytes(tokenText), StandardCharsets.UTF_8);
    }

    /** OpenAI's bytes_to_unicode: printable bytes stand for themselves, the rest are moved past 255. */
    private static char[] byteToChar() {
        char[] map = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
            map[b] = printable ? (char) b : (char) (256 + shifted++);
        }
        return map;
    }

    private static Map<Character, Integer> charToByte() {
        Map<Character, Integer> m = new HashMap<>();
        for (int b = 0; b < 256; b++) m.put(BYTE_TO_CHAR[b], b);
        return Map.copyOf(m);
    }
}

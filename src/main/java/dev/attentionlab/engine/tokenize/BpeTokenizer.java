package dev.attentionlab.engine.tokenize;

import dev.attentionlab.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-pair encoding over characters (Sennrich et al.): every word starts with the marker ▁ and is
 * split into characters; training repeatedly merges the most frequent adjacent pair; encoding
 * applies the learned merges in the order they were learned.
 */
public final class BpeTokenizer extends FittedTokenizer {
    public static final String WORD_START = "▁";
    private static final Pattern WORD = Pattern.compile("\\S+");

    /** One learned merge: {@code left + right}, seen {@code count} times when it was chosen. */
    public record Merge(String left, String right, int count) {
        public String merged() {
            return left + right;
        }
    }

    private final List<Merge> merges;
    private final Map<String, Integer> rank;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private BpeTokenizer(List<Merge> merges, Vocabulary vocabulary) {
        super(TokenizerKind.BPE, vocabulary);
        this.merges = List.copyOf(merges);
        this.rank = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) rank.putIfAbsent(pairKey(merges.get(i).left(), merges.get(i).right()), i);
    }

    /**
     * Learns up to {@code numMerges} merges from {@code corpus}; the alphabet covers the corpus and
     * {@code alsoCover} (the text that will be encoded). Ties go to the pair first seen in the corpus.
     */
    public static BpeTokenizer train(String corpus, String alsoCover, int numMerges) {
        if (numMerges < 0) throw new InvalidInputException("BPE merges must be ≥ 0, got " + numMerges);
        LinkedHashMap<List<String>, Integer> words = new LinkedHashMap<>();
        Matcher m = WORD.matcher(corpus);
        while (m.find()) words.merge(symbols(m.group()), 1, Integer::sum);

        TreeSet<String> alphabet = new TreeSet<>();
        alphabet.add(WORD_START);
        (corpus + alsoCover).codePoints().filter(cp -> !Character.isWhitespace(cp))
                .forEach(cp -> alphabet.add(Character.toString(cp)));

        List<Merge> merges = new ArrayList<>();
        for (int n = 0; n < numMerges; n++) {
            LinkedHashMap<String, int[]> counts = new LinkedHashMap<>();
            Map<String, String[]> pairs = new HashMap<>();
            words.forEach((syms, freq) -> {
                for (int i = 0; i + 1 < syms.size(); i++) {
                    String key = pairKey(syms.get(i), syms.get(i + 1));
                    counts.computeIfAbsent(key, k -> new int[1])[0] += freq;
                    pairs.putIfAbsent(key, new String[] {syms.get(i), syms.get(i + 1)});
                }
            });
            String best = null;
            int bestCount = 0;
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                if (e.getValue()[0] > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue()[0];
                }
            }
            if (best == null) break;
            String[] pair = pairs.get(best);
            merges.add(new Merge(pair[0], pair[1], bestCount));
            LinkedHashMap<List<String>, Integer> next = new LinkedHashMap<>();
            words.forEach((syms, freq) -> next.merge(mergePair(syms, pair[0], pair[1]), freq, Integer::sum));
            words = next;
        }

        List<String> vocab = new ArrayList<>(alphabet);
        for (Merge merge : merges) vocab.add(merge.merged());
        return new BpeTokenizer(merges, Vocabulary.contiguous(vocab));
    }

    /** The learned merges, in the order they are applied. */
    public List<Merge> merges() {
        return merges;
    }



    @Override
    public List<Token> encode(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            int pos = m.start();
            for (String piece : split(m.group())) {
                int id = idOf(piece, piece);
                int len = piece.startsWith(WORD_START) ? piece.length() - WORD_START.length() : piece.length();
                tokens.add(new Token(piece, id, pos, pos + len));
                pos += len;
            }
        }
        return tokens;
    }

    /** How one word splits after all merges, e.g. "attention" → [▁att, ention]. */
    public List<String> split(String word) {
        return cache.computeIfAbsent(word, w -> {
            List<String> syms = symbols(w);
            while (syms.size() > 1) {
                int bestRank = Integer.MAX_VALUE;
                int at = -1;
                for (int i = 0; i + 1 < syms.size(); i++) {
                    Integer r = rank.get(pairKey(syms.get(i), syms.get(i + 1)));
                    if (r != null && r < bestRank) {
                        bestRank = r;
                        at = i;
                    }
                }
                if (at < 0) break;
                Merge merge = merges.get(bestRank);
                syms = mergePair(syms, merge.left(), merge.right());
            }
            return List.copyOf(syms);
        });
    }

    @Override
    public String append(String text, String tokenText) {
        if (tokenText.startsWith(WORD_START)) {
            String word = tokenText.substring(WORD_START.length());
            return text.isEmpty() ? word : text + " " + word;
        }
        return text + tokenText;
    }

    private static List<String> symbols(String word) {
        List<String> syms = new ArrayList<>();
        syms.add(WORD_START);
        word.codePoints().forEach(cp -> syms.add(Character.toString(cp)));
        return syms;
    }

    private static List<String> mergePair(List<String> syms, String left, String right) {
        List<String> out = new ArrayList<>(syms.size());
        for (int i = 0; i < syms.size(); i++) {
            if (i + 1 < syms.size() && syms.get(i).equals(left) && syms.get(i + 1).equals(right)) {
                out.add(left + right);
                i++;
            } else {
                out.add(syms.get(i));
            }
        }
        return out;
    }

    private static String pairKey(String left, String right) {
        return left + '\u0000' + right;
    }
}

package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import java.util.List;

/**
 * What a head mostly does on one sentence, in words: the kind of key it favours, the share of its
 * weight that goes there (averaged over the queries that have a choice) and how many times more that
 * is than spreading the weight evenly over the keys it may see.
 */
public record HeadPattern(Kind kind, double share, double lift) {

    public enum Kind {
        PREVIOUS("the previous token"),
        NEXT("the next token"),
        SELF("itself"),
        FIRST("the first token"),
        CLS("[CLS]"),
        SEP("[SEP]"),
        WORD("the rest of its own word"),
        SAME("earlier copies of itself"),
        AFTER_COPY("the token after an earlier copy of itself"),
        SPREAD("many tokens at once");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A kind has to take at least this share, and this many times the even share, to name the head. */
    static final double MIN_SHARE = 0.2;
    static final double MIN_LIFT = 2.0;

    /**
     * @param weights attention weights [queries × keys] of one head (self-attention, so key j is token j)
     */
    public static HeadPattern of(Matrix weights, List<Token> tokens) {
        Kind[] kinds = {Kind.PREVIOUS, Kind.NEXT, Kind.SELF, Kind.FIRST, Kind.CLS, Kind.SEP, Kind.WORD, Kind.SAME, Kind.AFTER_COPY};
        int[] word = words(tokens);
        double[] share = new double[kinds.length];
        double[] even = new double[kinds.length];
        int[] rows = new int[kinds.length];
        for (int i = 1; i < weights.rows(); i++) {
            int visible = 0;
            for (int j = 0; j < weights.cols(); j++) if (weights.get(i, j) > 0) visible++;
            if (visible < 2) continue;
            for (int k = 0; k < kinds.length; k++) {
                double w = 0;
                int keys = 0;
                for (int j = 0; j < weights.cols(); j++) {
                    if (!matches(kinds[k], i, j, tokens, word)) continue;
                    float a = weights.get(i, j);
                    if (Float.isNaN(a)) continue;
                    w += a;
                    if (a > 0) keys++;
                }
                if (keys == 0) continue;
                share[k] += w;
                even[k] += (double) keys / visible;
                rows[k]++;
            }
        }
        Kind best = Kind.SPREAD;
        double bestShare = 0;
        double bestLift = 1;
        for (int k = 0; k < kinds.length; k++) {
            if (rows[k] == 0) continue;
            double s = share[k] / rows[k];
            double lift = share[k] / even[k];
            if (s >= MIN_SHARE && lift >= MIN_LIFT && lift > bestLift) {
                best = kinds[k];
                bestShare = s;
                bestLift = lift;
            }
        }
        return new HeadPattern(best, bestShare, bestLift);
    }

    /** Which word each token belongs to: a WordPiece continuation ("##ff") joins the token before it. */
    private static int[] words(List<Token> tokens) {
        int[] word = new int[tokens.size()];
        for (int i = 1; i < word.length; i++) word[i] = tokens.get(i).text().startsWith("##") ? word[i - 1] : word[i - 1] + 1;
        return word;
    }

    private static boolean special(Token t, String text) {
        return t.text().equals(text);
    }

    private static boolean matches(Kind kind, int i, int j, List<Token> tokens, int[] word) {
        return switch (kind) {
            case PREVIOUS -> j == i - 1;
            case NEXT -> j == i + 1;
            case SELF -> j == i;
            // BERT's first token is [CLS]: a head that looks there is named for it, not for "the first token".
            case FIRST -> j == 0 && !special(tokens.get(0), "[CLS]");
            case CLS -> special(tokens.get(j), "[CLS]");
            case SEP -> special(tokens.get(j), "[SEP]");
            case WORD -> j != i && word[j] == word[i];
            case SAME -> j < i && tokens.get(j).id() == tokens.get(i).id();
            case AFTER_COPY -> j > 0 && j < i && tokens.get(j - 1).id() == tokens.get(i).id();
            case SPREAD -> false;
        };
    }

    /** E.g. "mostly the previous token: 34 % of its weight, 4.1× an even spread". */
    public String describe() {
        if (kind == Kind.SPREAD) return "spread over many tokens, no single kind stands out";
        return String.format(java.util.Locale.ROOT, "mostly %s: %.0f %% of its weight, %.1f× an even spread",
                kind.label(), 100 * share, lift);
    }
}

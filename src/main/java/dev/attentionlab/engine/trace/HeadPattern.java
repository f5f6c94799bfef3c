package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import java.util.List;

/**
 * What a head mostly does on one sentence, in words: the kind of key it favours, the share of its
 * weight that goes there (averaged over the queries that have a choice) and how many times more that
 * is than spreading the weight evenly over the keys it may see.
 *
 * <p>BERT's heads park much of their weight on [CLS] and [SEP] when they have nothing to do (Clark et
 * al., "What does BERT look at?", 2019). Named by that alone, most heads of a pretrained encoder would
 * read "[CLS]". So with such tokens in the sentence, the other kinds are measured on the weight that
 * goes to the words (each row renormalised without [CLS] and [SEP]); a head whose words follow a kind
 * is named for it, with the parked share as {@link #sinkShare}. Only a head with no pattern among the
 * words is named for where it parks.
 *
 * @param sinkShare the share parked on [CLS] and [SEP] when {@code kind} is another kind; else 0
 */
public record HeadPattern(Kind kind, double share, double lift, double sinkShare) {

    public enum Kind {
        PREVIOUS("the previous token", "prev"),
        NEXT("the next token", "next"),
        SELF("itself", "self"),
        FIRST("the first token", "first"),
        CLS("[CLS]", "[CLS]"),
        SEP("[SEP]", "[SEP]"),
        WORD("the rest of its own word", "word"),
        SAME("earlier copies of itself", "copies"),
        AFTER_COPY("the token after an earlier copy of itself", "induct."),
        SPREAD("many tokens at once", "broad");

        private final String label;
        private final String shortLabel;

        Kind(String label, String shortLabel) {
            this.label = label;
            this.shortLabel = shortLabel;
        }

        public String label() {
            return label;
        }

        /** A word or two, for a thumbnail too small for {@link #label()}. */
        public String shortLabel() {
            return shortLabel;
        }

        boolean sink() {
            return this == CLS || this == SEP;
        }
    }

    /** A kind has to take at least this share, and this many times the even share, to name the head. */
    static final double MIN_SHARE = 0.2;
    static final double MIN_LIFT = 2.0;

    private static final Kind[] WORD_KINDS = {Kind.PREVIOUS, Kind.NEXT, Kind.SELF, Kind.FIRST, Kind.WORD, Kind.SAME, Kind.AFTER_COPY};
    private static final Kind[] SINKS = {Kind.CLS, Kind.SEP};

    /**
     * @param weights attention weights [queries × keys] of one head (self-attention, so key j is token j)
     */
    public static HeadPattern of(Matrix weights, List<Token> tokens) {
        int[] word = words(tokens);
        boolean[] sink = new boolean[tokens.size()];
        boolean anySink = false;
        for (int j = 0; j < sink.length; j++) {
            sink[j] = special(tokens.get(j), "[CLS]") || special(tokens.get(j), "[SEP]");
            anySink |= sink[j];
        }
        if (!anySink) return best(WORD_KINDS, weights, tokens, word, new boolean[sink.length], 0);
        HeadPattern onWords = best(WORD_KINDS, weights, tokens, word, sink, 0);
        HeadPattern parked = best(SINKS, weights, tokens, word, new boolean[sink.length], 0);
        if (onWords.kind() == Kind.SPREAD) return parked;
        return new HeadPattern(onWords.kind(), onWords.share(), onWords.lift(), parkedShare(weights, sink));
    }

    /** The kind of {@code kinds} with the highest lift that passes both thresholds, or SPREAD. */
    private static HeadPattern best(Kind[] kinds, Matrix weights, List<Token> tokens, int[] word, boolean[] hidden, double sinkShare) {
        double[] share = new double[kinds.length];
        double[] even = new double[kinds.length];
        int[] rows = new int[kinds.length];
        for (int i = 1; i < weights.rows(); i++) {
            if (hidden[i]) continue;
            int visible = 0;
            double total = 0;
            for (int j = 0; j < weights.cols(); j++) {
                float a = weights.get(i, j);
                if (hidden[j] || !(a > 0)) continue;
                visible++;
                total += a;
            }
            if (visible < 2) continue;
            for (int k = 0; k < kinds.length; k++) {
                double w = 0;
                int keys = 0;
                for (int j = 0; j < weights.cols(); j++) {
                    if (hidden[j] || !matches(kinds[k], i, j, tokens, word)) continue;
                    float a = weights.get(i, j);
                    if (Float.isNaN(a)) continue;
                    w += a;
                    if (a > 0) keys++;
                }
                if (keys == 0) continue;
                share[k] += w / total;
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
        return new HeadPattern(best, bestShare, bestLift, sinkShare);
    }

    /** The mean share of a word's row that goes to [CLS] and [SEP]. */
    private static double parkedShare(Matrix weights, boolean[] sink) {
        double sum = 0;
        int rows = 0;
        for (int i = 0; i < weights.rows(); i++) {
            if (sink[i]) continue;
            double parked = 0;
            double total = 0;
            for (int j = 0; j < weights.cols(); j++) {
                float a = weights.get(i, j);
                if (!(a > 0)) continue;
                total += a;
                if (sink[j]) parked += a;
            }
            if (total == 0) continue;
            sum += parked / total;
            rows++;
        }
        return rows == 0 ? 0 : sum / rows;
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

    /**
     * E.g. "mostly the previous token: 34 % of its weight, 4.1× an even spread", or with BERT's parked
     * weight "mostly the previous token: 45 % of what goes to words, 5.2× an even spread (62 % rests on [CLS] and [SEP])".
     */
    public String describe() {
        if (kind == Kind.SPREAD) return "spread over many tokens, no single kind stands out";
        if (sinkShare > 0) {
            return String.format(java.util.Locale.ROOT, "mostly %s: %.0f %% of what goes to words, %.1f× an even spread "
                    + "(%.0f %% rests on [CLS] and [SEP])", kind.label(), 100 * share, lift, 100 * sinkShare);
        }
        return String.format(java.util.Locale.ROOT, "mostly %s: %.0f %% of its weight, %.1f× an even spread",
                kind.label(), 100 * share, lift);
    }
}

package dev.attentionlab.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.CharTokenizer;
import dev.attentionlab.engine.tokenize.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadPatternTest {
    static final List<Token> TOKENS = CharTokenizer.fit("abcab").encode("abcab");

    /** Causal weights that put {@code share} on one key per row (chosen by {@code key}) and spread the rest. */
    static Matrix weights(java.util.function.IntUnaryOperator key, double share) {
        int n = TOKENS.size();
        float[][] w = new float[n][n];
        for (int i = 0; i < n; i++) {
            int k = key.applyAsInt(i);
            for (int j = 0; j <= i; j++) w[i][j] = (float) (i == 0 ? 1 : (j == k ? share : (1 - share) / i));
        }
        return Matrix.fromRows(w);
    }

    @Test
    void aHeadThatLooksOneBackIsNamedWithItsShareAndLift() {
        HeadPattern p = HeadPattern.of(weights(i -> i - 1, 0.8), TOKENS);
        assertThat(p.kind()).isEqualTo(HeadPattern.Kind.PREVIOUS);
        assertThat(p.share()).isCloseTo(0.8, within(1e-6));
        // even shares for rows 1…4: 1/2, 1/3, 1/4, 1/5
        assertThat(p.lift()).isCloseTo(4 * 0.8 / (0.5 + 1 / 3.0 + 0.25 + 0.2), within(1e-5));
        assertThat(p.describe()).isEqualTo("mostly the previous token: 80 % of its weight, 2.5× an even spread");
    }

    @Test
    void firstSelfAndEvenHeads() {
        assertThat(HeadPattern.of(weights(i -> 0, 0.9), TOKENS).kind()).isEqualTo(HeadPattern.Kind.FIRST);
        assertThat(HeadPattern.of(weights(i -> i, 0.9), TOKENS).kind()).isEqualTo(HeadPattern.Kind.SELF);
        assertThat(HeadPattern.of(weights(i -> -1, 0), TOKENS).kind()).isEqualTo(HeadPattern.Kind.SPREAD);
    }

    @Test
    void copiesAreFoundByTokenId() {
        // "abcab": the second a (3) and b (4) look at their first copies (0 and 1)
        HeadPattern same = HeadPattern.of(weights(i -> i >= 3 ? i - 3 : i - 1, 0.95), TOKENS);
        assertThat(same.kind()).isEqualTo(HeadPattern.Kind.SAME);
        // …or at what followed them (1 and 2): an induction head
        HeadPattern after = HeadPattern.of(weights(i -> i >= 3 ? i - 2 : 0, 0.95), TOKENS);
        assertThat(after.kind()).isEqualTo(HeadPattern.Kind.AFTER_COPY);
    }

    /** [CLS] the una ##ff ##able dog [SEP], as BERT's WordPiece gives them. */
    static final List<Token> BERT = List.of(new Token("[CLS]", 101, 0, 0), new Token("the", 1996, 0, 3), new Token("una", 14477, 4, 7),
            new Token("##ff", 4246, 7, 9), new Token("##able", 3085, 9, 13), new Token("dog", 3899, 14, 17), new Token("[SEP]", 102, 17, 17));

    /** Rows that park {@code parked} on [CLS], give {@code share} of the rest to key(i), and spread what is left over the words. */
    static Matrix bert(java.util.function.IntUnaryOperator key, double parked, double share) {
        int n = BERT.size();
        float[][] w = new float[n][n];
        for (int i = 0; i < n; i++) {
            int k = key.applyAsInt(i);
            boolean hasKey = k >= 1 && k <= n - 2 && i >= 1 && i <= n - 2;
            w[i][0] = (float) parked;
            double rest = (1 - parked) * (hasKey ? 1 - share : 1);
            for (int j = 1; j <= n - 2; j++) w[i][j] = (float) (rest / (n - 2) + (hasKey && j == k ? (1 - parked) * share : 0));
        }
        return Matrix.fromRows(w);
    }

    @Test
    void aBertHeadThatParksOnClsIsNamedForWhatItDoesWithTheWords() {
        HeadPattern p = HeadPattern.of(bert(i -> i - 1, 0.6, 0.7), BERT);
        assertThat(p.kind()).isEqualTo(HeadPattern.Kind.PREVIOUS);
        assertThat(p.sinkShare()).isCloseTo(0.6, within(1e-6));
        // Rows 2…5 have a previous word; of the 0.4 left for words, 0.7 + 0.3/5 goes there.
        assertThat(p.share()).isCloseTo(0.7 + 0.3 / 5, within(1e-5));
        assertThat(p.describe()).startsWith("mostly the previous token: 76 % of what goes to words").endsWith("(60 % rests on [CLS] and [SEP])");
        assertThat(HeadPattern.of(bert(i -> i + 1, 0.5, 0.8), BERT).kind()).isEqualTo(HeadPattern.Kind.NEXT);
    }

    @Test
    void aBertHeadWithNothingButClsIsNamedForIt() {
        HeadPattern p = HeadPattern.of(bert(i -> -1, 0.9, 0), BERT);
        assertThat(p.kind()).isEqualTo(HeadPattern.Kind.CLS);
        assertThat(p.sinkShare()).isZero();
        assertThat(p.share()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void wordPiecesOfOneWordLookAtEachOther() {
        // una, ##ff and ##able each look at another piece of "unaffable" (not always the next or previous one).
        HeadPattern p = HeadPattern.of(bert(i -> i == 2 ? 4 : i == 3 ? 2 : i == 4 ? 2 : -1, 0.3, 0.9), BERT);
        assertThat(p.kind()).isEqualTo(HeadPattern.Kind.WORD);
        assertThat(p.kind().shortLabel()).isEqualTo("word");
    }
}

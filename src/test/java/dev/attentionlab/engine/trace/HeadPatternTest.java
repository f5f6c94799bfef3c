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
}

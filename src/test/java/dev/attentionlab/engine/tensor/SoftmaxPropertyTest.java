package dev.attentionlab.engine.tensor;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Softmax properties over many random rows (seeded, so a failure repeats). */
class SoftmaxPropertyTest {
    private static final Random RANDOM = new Random(20261123);

    static float[] randomRow() {
        float[] x = new float[1 + RANDOM.nextInt(40)];
        float spread = (float) Math.pow(10, RANDOM.nextInt(4));
        for (int i = 0; i < x.length; i++) x[i] = (float) RANDOM.nextGaussian() * spread;
        return x;
    }

    @RepeatedTest(200)
    void rowsSumToOneAndAreNonNegative() {
        float[] x = randomRow();
        double t = 0.05 + RANDOM.nextDouble() * 5;
        float[] p = Softmax.of(x, t);
        double sum = 0;
        for (float v : p) {
            assertThat(v).isBetween(0f, 1f);
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }

    @RepeatedTest(200)
    void addingAConstantChangesNothing() {
        float[] x = randomRow();
        float c = (float) (RANDOM.nextGaussian() * 50);
        float[] shifted = new float[x.length];
        for (int i = 0; i < x.length; i++) shifted[i] = x[i] + c;
        float[] a = Softmax.of(x);
        float[] b = Softmax.of(shifted);
        for (int i = 0; i < x.length; i++) assertThat(b[i]).isCloseTo(a[i], within(2e-5f));
    }

    @RepeatedTest(50)
    void temperatureToZeroIsOneHotOnTheArgmax() {
        float[] x = randomRow();
        int arg = Softmax.argmax(x);
        for (double t : new double[] {0.0, 1e-30}) {
            float[] p = Softmax.of(x, t);
            for (int i = 0; i < p.length; i++) assertThat(p[i]).isEqualTo(i == arg ? 1f : 0f);
        }
    }

    @Test
    void stableForLogitsAroundAThousandAndWithMinusInfinity() {
        float[] p = Softmax.of(new float[] {1000f, 999f, Float.NEGATIVE_INFINITY});
        assertThat((double) p[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-6));
        assertThat(p[2]).isZero();
        assertThat(Softmax.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY})).containsOnly(Float.NaN);
    }

    @Test
    void negativeOrNaNTemperatureIsRejected() {
        assertThatThrownBy(() -> Softmax.of(new float[] {1}, -0.5)).hasMessage("temperature must be a number ≥ 0, got -0.5");
        assertThatThrownBy(() -> Softmax.of(new float[] {1}, Double.NaN)).hasMessageContaining("got NaN");
    }
}

package dev.attentionlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.tensor.Matrix;
import org.junit.jupiter.api.Test;

class GeluTest {
    @Test
    void erfEqualsPublishedValues() {
        // Python's math.erf (the C library's, correct to the last bit or so).
        double[][] known = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149},
                {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527}, {3.0, 0.9999779095030014},
                {4.5, 0.9999999998033839}, {-0.7, -0.6778011938374184}, {0, 0}, {7, 1}, {-40, -1}};
        for (double[] k : known) {
            assertThat(Erf.erf(k[0])).as("erf(%s)", k[0]).isCloseTo(k[1], within(3e-13));
            assertThat(Erf.exact(k[0])).as("exact erf(%s)", k[0]).isCloseTo(k[1], within(1e-15));
        }
        assertThat(Erf.erf(Double.NaN)).isNaN();
    }

    @Test
    void theTableEqualsTheSeriesBetweenItsNodes() {
        double worst = 0;
        for (int i = -70_000; i <= 70_000; i++) {
            double x = i * 1e-4 + 3.7e-6;
            worst = Math.max(worst, Math.abs(Erf.erf(x) - Erf.exact(x)));
        }
        assertThat(worst).isLessThan(2e-13);
    }

    @Test
    void bothFormsEqualPyTorch() {
        float[] x = {-6f, -3.3f, -1f, -0.25f, 0f, 0.003f, 0.5f, 1.7f, 2.9f, 5.5f};
        // torch.nn.functional.gelu(x) and gelu(x, approximate="tanh") in float32, PyTorch 1.13.
        float[] erf = {-0f, -0.0015954941f, -0.15865529f, -0.10032343f, 0f, 0.0015035903f, 0.3457312f, 1.6242388f, 2.894589f, 5.5f};
        float[] tanh = {-0f, -0.0013112694f, -0.15880799f, -0.100324646f, 0f, 0.0015035904f, 0.345714f, 1.6241059f, 2.8950334f, 5.5f};
        Matrix e = Gelu.forward(Matrix.of(1, x.length, x), Gelu.Form.ERF);
        Matrix t = Gelu.forward(Matrix.of(1, x.length, x), Gelu.Form.TANH);
        for (int i = 0; i < x.length; i++) {
            // PyTorch forms 1 + erf(x/√2) in float: in the negative tail that sum keeps few digits (at −3.3 it
            // is off by 2e−7, where the exact GELU is −0.00159530), hence the floor of 1e−6 (the same for tanh near −1).
            assertThat(e.get(0, i)).as("gelu(%s)", x[i]).isCloseTo(erf[i], within(Math.max(2 * Math.ulp(erf[i]), 1e-6f)));
            assertThat(t.get(0, i)).as("gelu_tanh(%s)", x[i]).isCloseTo(tanh[i], within(Math.max(2 * Math.ulp(tanh[i]), 1e-6f)));
        }
    }
}

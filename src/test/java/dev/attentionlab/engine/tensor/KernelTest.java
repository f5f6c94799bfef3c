package dev.attentionlab.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.rng.TorchGenerator;
import org.junit.jupiter.api.Test;

/** The vector kernel against the scalar one, as Jlama checks its fast ops against its naive ones: the same bits. */
class KernelTest {
    static Matrix random(int rows, int cols, long seed) {
        return Matrix.of(rows, cols, new TorchGenerator(seed).uniform(rows * cols, -1, 1));
    }

    @Test
    void theTestsRunTheVectorKernel() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the README tells users to.
        assertThat(Matrix.KERNEL).isInstanceOf(VectorKernel.class);
        assertThat(Matrix.kernelName()).startsWith("Vector API");
    }

    @Test
    void everyShapeGivesTheScalarKernelsBits() {
        MatMulKernel vector = MatMulKernel.best();
        MatMulKernel scalar = new ScalarKernel();
        // Row counts around the 8- and 4-row tiles, widths around 1 and 3 vectors of every species (up to 16 floats).
        int[] rows = {1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 15, 16, 20, 29, 33};
        int[] widths = {1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 47, 48, 49, 64, 95, 96, 100, 384};
        int[] inner = {1, 3, 32, 97};
        long seed = 1;
        for (int m : rows) {
            for (int n : widths) {
                for (int k : inner) {
                    Matrix a = random(m, k, seed++);
                    Matrix b = random(k, n, seed++);
                    float[] v = a.times(b, vector).raw();
                    float[] s = a.times(b, scalar).raw();
                    for (int i = 0; i < v.length; i++) {
                        assertThat(Float.floatToIntBits(v[i])).as("%d×%d·%d×%d at %d", m, k, k, n, i).isEqualTo(Float.floatToIntBits(s[i]));
                    }
                }
            }
        }
    }

    @Test
    void oneLongRowSplitByColumnsIsStillTheSame() {
        // A decoding step: one token's vector times a 768 × 4,001 matrix, its columns shared out over the cores.
        Matrix a = random(1, 768, 9);
        Matrix b = random(768, 4001, 10);
        float[] scalar = a.times(b, new ScalarKernel()).raw();
        float[] plain = new float[4001];
        new ScalarKernel().multiply(a.raw(), 768, b, plain, 0, 1);
        assertThat(scalar).isEqualTo(plain);
        assertThat(a.times(b, MatMulKernel.best()).raw()).isEqualTo(plain);
    }

    @Test
    void aLargeProductSplitOverTheCoresIsStillTheSame() {
        Matrix a = random(130, 384, 7);
        Matrix b = random(384, 1536, 8);
        assertThat(a.times(b, new ScalarKernel()).raw()).isEqualTo(a.times(b, MatMulKernel.best()).raw());
    }

    @Test
    void theBlockedTransposeMovesEveryElementAcrossBlockEdges() {
        for (int[] shape : new int[][] {{1, 1}, {1, 40}, {17, 33}, {48, 12}, {32, 16}}) {
            Matrix m = random(shape[0], shape[1], 11);
            Matrix t = m.transpose();
            assertThat(t.rows()).isEqualTo(shape[1]);
            assertThat(t.cols()).isEqualTo(shape[0]);
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) assertThat(t.get(j, i)).isEqualTo(m.get(i, j));
            }
        }
    }
}

package org.attentionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link TorchRandom} against published outputs of MT19937 and of PyTorch. */
class TorchRandomTest {

    @Test
    void mersenneTwisterMatchesTheReferenceImplementation() {
        // mt19937ar.c seeded with init_genrand(5489) (C++'s std::mt19937 default): 3499211612, 581869302, 3890346734
        TorchRandom r = new TorchRandom(5489);
        assertEquals(3499211612L, r.nextUnsignedInt());
        assertEquals(581869302L, r.nextUnsignedInt());
        assertEquals(3890346734L, r.nextUnsignedInt());
    }

    @Test
    void torchRandWithSeed42() {
        // torch.manual_seed(42); torch.rand(2, 3) -> [[0.8823, 0.9150, 0.3829], [0.9593, 0.3904, 0.6009]]
        float[] u = new TorchRandom(42).uniform(6, 0, 1);
        assertArrayEquals(new double[] {0.8823, 0.9150, 0.3829, 0.9593, 0.3904, 0.6009}, toDouble(u), 5e-5);
    }

    @Test
    void torchRandnWithSeed42() {
        // torch.manual_seed(42); torch.randn(4, 4), as printed in countless tutorials
        float[] n = new TorchRandom(42).randn(16);
        assertArrayEquals(new double[] {1.9269, 1.4873, 0.9007, -2.1055, 0.6784, -1.2345, -0.0431, -1.6047,
            -0.7521, 1.6487, -0.3925, -1.4036, -0.7279, -0.5594, -0.7688, 0.7624}, toDouble(n), 5e-5);
    }

    @Test
    void theNotebooksInputAndInitialWeights() {
        // seeds/000: torch.manual_seed(42); X = torch.randn(2, 3, 4); SimpleAttention(4, 3) prints this initial W_Q, W_K
        TorchRandom r = new TorchRandom(42);
        float[] x = r.randn(24);
        assertArrayEquals(new double[] {1.9269, 1.4873, 0.9007, -2.1055, 0.6784, -1.2345, -0.0431, -1.6047}, toDouble(x, 8), 5e-5,
                "the first 8 entries come from the first block of 16, like torch.randn(4, 4)");
        float[] wq = r.linear(4, 3)[0];
        assertArrayEquals(new double[] {0.1343, -0.1356, 0.2104, 0.4464, 0.2890, -0.2186, 0.2886, 0.0895,
            0.2539, -0.3048, -0.4950, -0.1932}, toDouble(wq), 5e-5);
        float[] wk = r.linear(4, 3)[0];
        assertArrayEquals(new double[] {0.2071, 0.1581, -0.0087, 0.3913, -0.3553, 0.0315, -0.3413, 0.1542,
            -0.1722, 0.1532, -0.1042, 0.4147}, toDouble(wk), 5e-5);
    }

    @Test
    void fewerThanSixteenNormalsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TorchRandom(1).randn(6));
        assertEquals("PyTorch draws fewer than 16 normals (here 6) another way, which is not reproduced; draw at least 16",
                e.getMessage());
    }

    private static double[] toDouble(float[] f) {
        return toDouble(f, f.length);
    }

    private static double[] toDouble(float[] f, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = f[i];
        }
        return d;
    }
}

package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fully masked rows, huge logits, empty and long inputs, bad shapes and configs. */
class EngineEdgeCasesTest {

    @Test
    void aFullyMaskedRowGetsZeroWeightsInBothPrecisions() {
        for (Precision p : Precision.values()) {
            AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 0}, {0, 1}},
                    new double[][] {{5}, {7}}, Mask.custom(new int[][] {{0, 0}, {1, 1}}, "m"), true, p);
            assertArrayEquals(new double[] {0, 0}, t.weights().row(0), 0.0);
            assertArrayEquals(new double[] {0}, t.output().row(0), 0.0);
            assertEquals(1.0, t.weights().get(1, 0) + t.weights().get(1, 1), 1e-6);
        }
    }

    @Test
    void logitsOfTenThousandDoNotOverflow() {
        for (Precision p : Precision.values()) {
            AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{1e4}}, new double[][] {{1}, {0.9999}},
                    new double[][] {{1}, {2}}, Mask.none(), false, p);
            // e^(1e4 − 1e4) = 1 and e^(−1) ≈ 0.3679: a plain softmax would compute e^10000 = ∞
            assertEquals(1 / (1 + Math.exp(-1)), t.weights().get(0, 0), 1e-6);
            assertTrue(Double.isFinite(t.output().get(0, 0)));
        }
    }

    @Test
    void shapeMismatchesNameBothSides() {
        var ex = assertThrows(IllegalArgumentException.class, () -> ScaledDotProductAttention.trace(
                new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}, new double[][] {{1}}, Mask.none(), true, Precision.FLOAT64));
        assertEquals("K has 3 columns but Q has 2; queries and keys must have the same width d_k", ex.getMessage());
        var ragged = assertThrows(IllegalArgumentException.class, () -> ScaledDotProductAttention.trace(
                new double[][] {{1, 2}, {3}}, new double[][] {{1, 2}}, new double[][] {{1}}, Mask.none(), true, Precision.FLOAT64));
        assertEquals("Q is ragged: row 2 has 1 numbers but row 1 has 2", ragged.getMessage());
        var mask = assertThrows(IllegalArgumentException.class, () -> ScaledDotProductAttention.trace(
                new double[][] {{1, 2}}, new double[][] {{1, 2}}, new double[][] {{1}}, Mask.causal(2), true, Precision.FLOAT64));
        assertEquals("mask is 2×2 but the scores are 1×1 (queries × keys)", mask.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> ScaledDotProductAttention.trace(
                new double[0][], new double[][] {{1}}, new double[][] {{1}}, Mask.none(), true, Precision.FLOAT64));
        assertTrue(empty.getMessage().contains("at least one row"), empty.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> ScaledDotProductAttention.trace(
                new double[][] {{Double.NaN}}, new double[][] {{1}}, new double[][] {{1}}, Mask.none(), true, Precision.FLOAT64));
        assertEquals("Q[0][0] is NaN; expected a finite number", nan.getMessage());
    }

    @Test
    void configsValidateThemselves() {
        var ex = assertThrows(IllegalArgumentException.class, () -> ModelConfig.of(10, 3));
        assertEquals("d_model (10) is not divisible by heads (3)", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.of(8, 2).withLayerNormEps(0));
    }

    @Test
    void seededInitialisationIsReproducible() {
        ModelConfig c = ModelConfig.of(16, 4);
        AttentionWeights a = MultiHeadAttention.init(c, new Init(42, Precision.FLOAT32)).weights();
        AttentionWeights b = MultiHeadAttention.init(c, new Init(42, Precision.FLOAT32)).weights();
        AttentionWeights other = MultiHeadAttention.init(c, new Init(43, Precision.FLOAT32)).weights();
        assertTrue(java.util.Arrays.deepEquals(a.wq(), b.wq()) && java.util.Arrays.deepEquals(a.wo(), b.wo()));
        assertTrue(!java.util.Arrays.deepEquals(a.wq(), other.wq()));
        double limit = Math.sqrt(6.0 / (16 + 16));
        for (double[] row : a.wq()) {
            for (double x : row) {
                assertTrue(Math.abs(x) <= limit, "Glorot bound");
            }
        }
    }

    @Test
    void longSequencesRunThroughMultiHeadAttentionWithPadding() {
        int t = 512;
        ModelConfig c = ModelConfig.of(64, 8);
        MultiHeadAttention mha = MultiHeadAttention.init(c, new Init(7, Precision.FLOAT32));
        int[] am = new int[t];
        java.util.Arrays.fill(am, 0, 500, 1);
        INDArray x = new Init(8, Precision.FLOAT32).normal(t, 64, 1).reshape(1, t, 64);
        MultiHeadTrace tr = mha.trace(x.slice(0), x.slice(0), Mask.padding(new int[][] {am}, t));
        assertEquals(8, tr.heads().size());
        assertEquals(t, tr.output().rows());
        for (int i = 0; i < t; i += 97) {
            assertEquals(0.0, tr.heads().get(3).attention().weights().get(i, 505), 0.0);
            double sum = 0;
            for (double w : tr.heads().get(3).attention().weights().row(i)) {
                sum += w;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void masksCombine() {
        Mask both = Mask.causal(3).and(Mask.padding(new int[][] {{1, 1, 0}, {1, 0, 0}}, 3));
        assertEquals(2, both.batch());
        assertTrue(both.allowed(0, 2, 1));
        assertTrue(!both.allowed(0, 2, 2));
        assertTrue(!both.allowed(1, 2, 1));
        assertTrue(!both.allowed(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Mask.padding(new int[][] {{1, 2}}, 2));
        assertThrows(IllegalArgumentException.class, () -> Mask.custom(new int[][] {{1, 0}, {1}}, "m"));
    }
}

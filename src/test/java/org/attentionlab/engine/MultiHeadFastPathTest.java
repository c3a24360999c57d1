package org.attentionlab.engine;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.attentionlab.engine.trace.MultiHeadTrace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The untraced forward pass (on the CPU: every head read and written in place by BLAS, one native
 * softmax, the mask added as 0/lowest) against the traced pass, which is checked against the numpy
 * goldens: the same numbers for plain, causal, padding, cross-attention, fully masked rows, huge
 * logits, batches of two and both precisions.
 */
class MultiHeadFastPathTest {

    @Test
    void forwardEqualsTheTracedPassForEveryMaskAndPrecision() {
        for (Precision p : Precision.values()) {
            double rtol = p == Precision.FLOAT64 ? 1e-10 : 2e-5;
            double atol = p == Precision.FLOAT64 ? 1e-12 : 2e-6;
            ModelConfig c = new ModelConfig(24, 4, 6, 5, 48, 1, Activation.RELU, NormPlacement.POST, 1e-5, true, p);
            MultiHeadAttention mha = MultiHeadAttention.init(c, new Init(5, p));
            int t = 7;
            int s = 9;
            int[][] fullyMasked = new int[t][s];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < s; j++) {
                    fullyMasked[i][j] = i == 2 ? 0 : (i + j) % 3 == 0 ? 0 : 1; // row 2 may see nothing
                }
            }
            record Case(String name, int queries, int keys, Mask mask) {
            }
            List<Case> cases = new ArrayList<>();
            cases.add(new Case("none", t, t, Mask.none()));
            cases.add(new Case("causal", t, t, Mask.causal(t)));
            cases.add(new Case("padding", t, t, Mask.padding(new int[][] {{1, 1, 1, 1, 1, 0, 0}}, t)));
            cases.add(new Case("cross with a fully masked row", t, s, Mask.custom(fullyMasked, "m")));
            for (Case k : cases) {
                double[][] x = random(k.queries(), 24, 11, 1);
                double[][] m = k.keys() == k.queries() ? x : random(k.keys(), 24, 12, 1);
                INDArray xa = Tensors.matrix(x, p, "x");
                INDArray ma = Tensors.matrix(m, p, "m");
                MultiHeadTrace traced = mha.trace(xa, ma, k.mask());
                INDArray twice = Nd4j.concat(0, xa.reshape(1, k.queries(), 24), xa.reshape(1, k.queries(), 24));
                INDArray memTwice = Nd4j.concat(0, ma.reshape(1, k.keys(), 24), ma.reshape(1, k.keys(), 24));
                List<double[]> weights = new ArrayList<>();
                INDArray out = mha.compute(twice, memTwice, k.mask(), null, weights);
                for (int b = 0; b < 2; b++) {
                    String what = k.name() + " " + p + " sequence " + b;
                    assertAllClose(Tensors.toMatrix(out.slice(b)), traced.output().toArray(), rtol, atol, what);
                    for (int h = 0; h < 4; h++) {
                        double[] w = weights.get(b * 4 + h); // one (T, S) array per head, sequence by sequence
                        double[][] expected = traced.heads().get(h).attention().weights().toArray();
                        double[][] actual = new double[k.queries()][k.keys()];
                        for (int i = 0; i < k.queries(); i++) {
                            System.arraycopy(w, i * k.keys(), actual[i], 0, k.keys());
                        }
                        assertAllClose(actual, expected, rtol, atol, what + " head " + h + " weights");
                    }
                }
                if (k.name().startsWith("cross")) {
                    for (int h = 0; h < 4; h++) {
                        double[] w = weights.get(h);
                        for (int j = 0; j < s; j++) {
                            assertEquals(0.0, w[2 * s + j], 0.0, "fully masked row has zero weights");
                        }
                    }
                    assertArrayEquals(new double[20], traced.concat().row(2), 0.0); // H·d_v = 4·5
                }
            }
        }
    }

    @Test
    void hugeLogitsStayFiniteAndMaskedKeysGetExactlyZero() {
        ModelConfig c = new ModelConfig(8, 2, 4, 4, 16, 1, Activation.RELU, NormPlacement.POST, 1e-5, false, Precision.FLOAT32);
        MultiHeadAttention mha = MultiHeadAttention.init(c, new Init(3, Precision.FLOAT32));
        double[][] x = random(5, 8, 4, 300); // unscaled scores in the tens of thousands
        INDArray xa = Tensors.matrix(x, Precision.FLOAT32, "x").reshape(1, 5, 8);
        List<double[]> weights = new ArrayList<>();
        INDArray out = mha.compute(xa, xa, Mask.causal(5), null, weights);
        for (double v : Tensors.toVector(out)) {
            assertTrue(Double.isFinite(v), "finite output");
        }
        assertEquals(2, weights.size(), "one array per head");
        for (int h = 0; h < 2; h++) {
            double[] w = weights.get(h);
            for (int i = 0; i < 5; i++) {
                double sum = 0;
                for (int j = 0; j < 5; j++) {
                    double a = w[i * 5 + j];
                    if (j > i) {
                        assertEquals(0.0, a, 0.0, "a later key gets exactly zero");
                    }
                    sum += a;
                }
                assertEquals(1.0, sum, 1e-5, "row sums to 1");
            }
        }
    }

    private static double[][] random(int rows, int cols, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = (r.nextDouble() * 2 - 1) * scale;
            }
        }
        return a;
    }
}

package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of attention, masks, layer norm and positional encoding, on random inputs. */
class AttentionPropertiesTest {

    @Property(tries = 60)
    void weightRowsSumToOneAndMaskedWeightsAreExactlyZero(@ForAll @IntRange(min = 1, max = 9) int t,
                                                          @ForAll @IntRange(min = 1, max = 9) int s,
                                                          @ForAll @IntRange(min = 1, max = 6) int dk,
                                                          @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                          @ForAll("scales") double scale) {
        Random r = new Random(seed);
        int[][] m = new int[t][s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                m[i][j] = r.nextInt(4) == 0 ? 0 : 1;
            }
        }
        AttentionTrace tr = ScaledDotProductAttention.trace(random(r, t, dk, scale), random(r, s, dk, scale), random(r, s, 3, 1),
                Mask.custom(m, "mask"), true, Precision.FLOAT64);
        Matrix w = tr.weights();
        for (int i = 0; i < t; i++) {
            double sum = 0;
            boolean any = false;
            for (int j = 0; j < s; j++) {
                double x = w.get(i, j);
                assertTrue(Double.isFinite(x) && x >= 0 && x <= 1, "weight " + x);
                if (m[i][j] == 0) {
                    assertEquals(0.0, x, 0.0, "masked weight must be exactly 0");
                    assertEquals(Double.NEGATIVE_INFINITY, tr.masked().get(i, j));
                } else {
                    any = true;
                }
                sum += x;
            }
            assertEquals(any ? 1.0 : 0.0, sum, 1e-12, "row " + i + " sums to 1 (0 when fully masked)");
        }
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(1e-3, 1.0, 10.0, 1e4);
    }

    @Property(tries = 40)
    void permutingKeysAndValuesTogetherLeavesTheOutputUnchanged(@ForAll @IntRange(min = 2, max = 8) int s,
                                                                @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random r = new Random(seed);
        double[][] q = random(r, 3, 4, 1);
        double[][] k = random(r, s, 4, 1);
        double[][] v = random(r, s, 2, 1);
        int[] perm = new java.util.Random(seed + 1).ints(0, 1000).distinct().limit(s).toArray();
        Integer[] order = new Integer[s];
        for (int i = 0; i < s; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(perm[a], perm[b]));
        double[][] kp = new double[s][];
        double[][] vp = new double[s][];
        for (int i = 0; i < s; i++) {
            kp[i] = k[order[i]];
            vp[i] = v[order[i]];
        }
        Matrix a = ScaledDotProductAttention.trace(q, k, v, Mask.none(), true, Precision.FLOAT64).output();
        Matrix b = ScaledDotProductAttention.trace(q, kp, vp, Mask.none(), true, Precision.FLOAT64).output();
        assertTrue(a.allClose(b, 1e-12, 1e-12), "attention is a set operation over keys");
    }

    @Property(tries = 40)
    void layerNormGivesMeanZeroAndVarianceOne(@ForAll @IntRange(min = 2, max = 64) int d,
                                             @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                             @ForAll("offsets") double offset) {
        Random r = new Random(seed);
        double[][] x = random(r, 3, d, 5);
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] += offset;
            }
        }
        Init init = new Init(1, Precision.FLOAT64);
        double[][] y = Tensors.toMatrix(LayerNorm.identity(d, 1e-12, init).apply(Tensors.matrix(x, Precision.FLOAT64, "x")));
        for (double[] row : y) {
            double mean = java.util.Arrays.stream(row).average().orElseThrow();
            double var = java.util.Arrays.stream(row).map(z -> (z - mean) * (z - mean)).average().orElseThrow();
            assertEquals(0, mean, 1e-9);
            assertEquals(1, var, 1e-6);
        }
    }

    @Provide
    Arbitrary<Double> offsets() {
        return Arbitraries.of(0.0, -3.0, 1e3);
    }

    @Property(tries = 30)
    void positionalEncodingStaysInMinusOneToOne(@ForAll @IntRange(min = 1, max = 300) int positions,
                                               @ForAll @IntRange(min = 1, max = 130) int dim) {
        for (double[] row : PositionalEncoding.sinusoidal(positions, dim)) {
            for (double x : row) {
                assertTrue(x >= -1 && x <= 1);
            }
        }
    }

    static double[][] random(Random r, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = r.nextGaussian() * scale;
            }
        }
        return m;
    }
}

package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.attentionlab.engine.trace.AttentionTrace;
import org.junit.jupiter.api.Test;

/**
 * The lecture's worked examples (shared/seeds/001_*, the attention slides), against the values
 * printed in the lecture to four decimals. The weather example's slide also prints [1.8, 2.3, 0.4]
 * as its output; its own inputs give [0.5736, 0.1479, 0.6198], which is what we assert.
 */
class LectureExamplesTest {

    private static final double[][] H = {{1, 0}, {0, 1}, {1, 1}};

    @Test
    void crossAttentionWithDecoderStateH2() {
        AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{0.5, 0.5}}, H, H, Mask.none(), false, Precision.FLOAT64);
        assertArrayEquals(new double[] {0.2741, 0.2741, 0.4519}, round4(t.weights().row(0)), 0);
        assertArrayEquals(new double[] {0.7259, 0.7259}, round4(t.output().row(0)), 0);
    }

    @Test
    void selfAttentionOfX3() {
        AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{1, 1}}, H, H, Mask.none(), false, Precision.FLOAT64);
        assertArrayEquals(new double[] {0.2119, 0.2119, 0.5761}, round4(t.weights().row(0)), 0);
        assertArrayEquals(new double[] {0.7881, 0.7881}, round4(t.output().row(0)), 0);
    }

    @Test
    void theWeatherIsNiceToday() {
        // one key per word (the slide's columns): The, weather, is, nice, today; values = keys
        double[][] k = {{0.6, 0.2, 0.8}, {0.2, 0.3, 0.1}, {0.9, 0.1, 0.8}, {0.4, 0.1, 0.4}, {0.4, 0.1, 0.6}};
        AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{0.6, 0.2, 0.8}}, k, k, Mask.none(), false,
                Precision.FLOAT64);
        assertArrayEquals(new double[] {0.2497, 0.1145, 0.2931, 0.1577, 0.1850}, round4(t.weights().row(0)), 0);
        assertArrayEquals(new double[] {0.5736, 0.1479, 0.6198}, round4(t.output().row(0)), 0);
    }

    @Test
    void float32GivesTheSameFourDecimals() {
        AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{0.5, 0.5}}, H, H, Mask.none(), false, Precision.FLOAT32);
        assertArrayEquals(new double[] {0.2741, 0.2741, 0.4519}, round4(t.weights().row(0)), 0);
    }

    private static double[] round4(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * 1e4) / 1e4;
        }
        return out;
    }
}

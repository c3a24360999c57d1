package org.attentionlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.Tensors;
import org.junit.jupiter.api.Test;

/** The benchmark's peers compute the same thing as the engine, so their timings compare like with like. */
class BenchPeersTest {

    @Test
    void javaLoopsAndNd4jOpMatchTheEngine() {
        int t = 6;
        MultiHeadAttention ours = MultiHeadAttention.init(ModelConfig.of(EngineBenchmarks.D_MODEL, EngineBenchmarks.HEADS),
                new Init(11, Precision.FLOAT32));
        AttentionWeights w = ours.weights();
        double[][] x = Tensors.toMatrix(new Init(12, Precision.FLOAT32).normal(t, EngineBenchmarks.D_MODEL, 1));
        for (boolean causal : new boolean[] {false, true}) {
            double[][] expected = Tensors.toMatrix(ours.forward(Tensors.matrix(x, Precision.FLOAT32, "x")
                    .reshape(1, t, EngineBenchmarks.D_MODEL), causal ? Mask.causal(t) : Mask.none()).slice(0));
            EngineBenchmarks.requireClose(expected, new JavaLoopAttention(w, EngineBenchmarks.HEADS).forward(x, causal), "loops");
        }
        double[][] plain = Tensors.toMatrix(ours.forward(Tensors.matrix(x, Precision.FLOAT32, "x")
                .reshape(1, t, EngineBenchmarks.D_MODEL), Mask.none()).slice(0));
        EngineBenchmarks.requireClose(plain, new EngineBenchmarks.BuiltInAttention(w, x).result(), "nd4j-op");
        double[][] off = Tensors.copy(plain);
        off[2][5] += 1;
        assertThrows(IllegalStateException.class, () -> EngineBenchmarks.requireClose(plain, off, "perturbed"));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        int[] calls = {0};
        double ms = Timer.medianMs(() -> calls[0]++, 0, 5, 0);
        assertTrue(ms >= 0);
        assertTrue(calls[0] >= 6, "one warm-up call and five timed ones");
        assertEquals(2 * 4 * 10 * 768.0 * 768 + 2 * 2 * 100 * 768.0, EngineBenchmarks.mhaFlops(10), 0);
    }
}

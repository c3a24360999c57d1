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

    /** Runs only in builds with the {@code bench} profile, where ONNX Runtime is on the class path. */
    @Test
    void onnxRuntimeMatchesTheEngineWhenPresent() throws Exception {
        Peers.Found found = Peers.onnxRuntime(1);
        org.junit.jupiter.api.Assumptions.assumeTrue(found.available(), found.whyNot());
        int t = 6;
        MultiHeadAttention base = MultiHeadAttention.init(ModelConfig.of(EngineBenchmarks.D_MODEL, EngineBenchmarks.HEADS),
                new Init(11, Precision.FLOAT32));
        AttentionWeights w = EngineBenchmarks.withBiases(base.weights(), 3);
        MultiHeadAttention ours = MultiHeadAttention.of(ModelConfig.of(EngineBenchmarks.D_MODEL, EngineBenchmarks.HEADS), w);
        double[][] x = Tensors.toMatrix(new Init(12, Precision.FLOAT32).normal(t, EngineBenchmarks.D_MODEL, 1));
        for (boolean causal : new boolean[] {false, true}) {
            double[][] expected = Tensors.toMatrix(ours.forward(Tensors.matrix(x, Precision.FLOAT32, "x")
                    .reshape(1, t, EngineBenchmarks.D_MODEL), causal ? Mask.causal(t) : Mask.none()).slice(0));
            try (Peer.Run run = found.peer().multiHead(w, EngineBenchmarks.HEADS, x, causal)) {
                EngineBenchmarks.requireClose(expected, run.run(), "onnxruntime, causal " + causal);
            }
        }
    }

    @Test
    void withoutTheProfileOnnxRuntimeIsReportedMissing() {
        Peers.Found found = Peers.onnxRuntime(1);
        if (!found.available()) {
            assertTrue(found.whyNot().contains("-Pbench"), found.whyNot());
        }
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

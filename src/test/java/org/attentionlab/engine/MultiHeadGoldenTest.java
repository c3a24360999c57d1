package org.attentionlab.engine;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.attentionlab.testing.Golden.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.attentionlab.engine.trace.HeadTrace;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Multi-head attention (self and cross) against golden/multihead.json. */
class MultiHeadGoldenTest {

    static List<JsonNode> cases() {
        return Golden.cases("multihead.json");
    }

    static AttentionWeights weights(JsonNode w) {
        return new AttentionWeights(matrix(w.get("wq")), Golden.vector(w.get("bq")), matrix(w.get("wk")),
                Golden.vector(w.get("bk")), matrix(w.get("wv")), Golden.vector(w.get("bv")), matrix(w.get("wo")),
                Golden.vector(w.get("bo")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracedHeadsMatchInBothPrecisions(JsonNode c) {
        check(c, Precision.FLOAT64, 1e-9, 1e-12);
        check(c, Precision.FLOAT32, 1e-5, 2e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchedForwardMatchesTheTrace(JsonNode c) {
        ModelConfig cfg = config(c, Precision.FLOAT64);
        MultiHeadAttention mha = MultiHeadAttention.of(cfg, weights(c.get("weights")));
        double[][] x = matrix(c.get("x"));
        double[][] mem = c.get("memory").isNull() ? x : matrix(c.get("memory"));
        Mask mask = c.get("mask").isNull() ? Mask.none() : Mask.custom(Golden.intMatrix(c.get("mask")), "mask");
        // the same sequence twice in one batch must give the reference output twice
        var xb = org.nd4j.linalg.factory.Nd4j.concat(0, Tensors.matrix(x, Precision.FLOAT64, "x").reshape(1, x.length, x[0].length),
                Tensors.matrix(x, Precision.FLOAT64, "x").reshape(1, x.length, x[0].length));
        var mb = org.nd4j.linalg.factory.Nd4j.concat(0, Tensors.matrix(mem, Precision.FLOAT64, "m").reshape(1, mem.length, mem[0].length),
                Tensors.matrix(mem, Precision.FLOAT64, "m").reshape(1, mem.length, mem[0].length));
        var out = mha.forward(xb, mb, mask);
        for (int b = 0; b < 2; b++) {
            assertAllClose(Tensors.toMatrix(out.slice(b)), matrix(c.get("expected").get("output")), 1e-9, 1e-12, "batch " + b);
        }
    }

    static ModelConfig config(JsonNode c, Precision p) {
        return new ModelConfig(c.get("d_model").asInt(), c.get("heads").asInt(), c.get("d_k").asInt(), c.get("d_v").asInt(),
                4 * c.get("d_model").asInt(), 1, Activation.RELU, NormPlacement.POST, 1e-5, true, p);
    }

    private static void check(JsonNode c, Precision p, double rtol, double atol) {
        String name = c.get("name").asText() + " " + p;
        MultiHeadAttention mha = MultiHeadAttention.of(config(c, p), weights(c.get("weights")));
        double[][] x = matrix(c.get("x"));
        double[][] mem = c.get("memory").isNull() ? x : matrix(c.get("memory"));
        Mask mask = c.get("mask").isNull() ? Mask.none() : Mask.custom(Golden.intMatrix(c.get("mask")), "mask");
        MultiHeadTrace t = mha.trace(Tensors.matrix(x, p, "x"), Tensors.matrix(mem, p, "memory"), mask);
        JsonNode e = c.get("expected");
        assertEquals(e.get("heads").size(), t.heads().size(), name + ": number of heads");
        for (HeadTrace h : t.heads()) {
            JsonNode eh = e.get("heads").get(h.index());
            String hn = name + " head " + h.index();
            assertAllClose(h.attention().q(), matrix(eh.get("q")), rtol, atol, hn + " q");
            assertAllClose(h.attention().k(), matrix(eh.get("k")), rtol, atol, hn + " k");
            assertAllClose(h.attention().v(), matrix(eh.get("v")), rtol, atol, hn + " v");
            assertAllClose(h.attention().weights(), matrix(eh.get("weights")), rtol, atol, hn + " weights");
            assertAllClose(h.attention().output(), matrix(eh.get("output")), rtol, atol, hn + " output");
        }
        assertAllClose(t.concat(), matrix(e.get("concat")), rtol, atol, name + " concat");
        assertAllClose(t.output(), matrix(e.get("output")), rtol, atol, name + " output");
    }
}

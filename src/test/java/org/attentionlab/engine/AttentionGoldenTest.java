package org.attentionlab.engine;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.attentionlab.testing.Golden.matrix;

import java.util.List;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Scaled dot-product attention against the numpy float64 reference (golden/attention.json). */
class AttentionGoldenTest {

    static List<JsonNode> cases() {
        return Golden.cases("attention.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64MatchesTheReference(JsonNode c) {
        check(c, Precision.FLOAT64, 1e-9, 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32MatchesTheReference(JsonNode c) {
        check(c, Precision.FLOAT32, 1e-5, 1e-6);
    }

    private static void check(JsonNode c, Precision p, double rtol, double atol) {
        String name = c.get("name").asText();
        Mask mask = c.get("mask").isNull() ? Mask.none() : Mask.custom(Golden.intMatrix(c.get("mask")), "mask");
        AttentionTrace t = ScaledDotProductAttention.trace(matrix(c.get("q")), matrix(c.get("k")), matrix(c.get("v")), mask,
                c.get("scaled").asBoolean(), p);
        JsonNode e = c.get("expected");
        // raw scores of ~1e4 lose their last digits in float32; compare them relative to the row's scale
        double scoreAtol = p == Precision.FLOAT32 ? atol * Math.max(1, t.scores().finiteRange()[1]) : atol;
        assertAllClose(t.scores(), matrix(e.get("scores")), rtol, scoreAtol, name + " scores");
        assertAllClose(t.scaled(), matrix(e.get("scaled")), rtol, scoreAtol, name + " scaled");
        assertAllClose(t.masked(), matrix(e.get("masked")), rtol, scoreAtol, name + " masked");
        assertAllClose(t.weights(), matrix(e.get("weights")), rtol, atol, name + " weights");
        assertAllClose(t.output(), matrix(e.get("output")), rtol, atol, name + " output");
    }
}

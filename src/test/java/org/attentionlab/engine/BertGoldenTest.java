package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.io.BertCheckpoint;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The BERT forward pass against the independent float64 numpy reference
 * ({@code src/test/python/make_bert_golden.py}) on tiny random checkpoints: with and without the
 * {@code bert.} prefix, F32, F16, BF16 and F64 files, legacy gamma/beta names, a tied and an untied
 * masked-LM head, no pooler; inputs with padding and a sentence pair. Every attention weight and
 * hidden state must be within 1e-4 in float32.
 */
class BertGoldenTest {

    static final double TOL = 1e-4;

    /** Largest |actual − expected| per checkpoint and quantity, printed once at the end. */
    private static final Map<String, Double> MAX_ERRORS = new ConcurrentHashMap<>();

    static Path checkpoint(String name) {
        try {
            return Path.of(BertGoldenTest.class.getResource("/bert/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected(String name) throws IOException {
        return new ObjectMapper().readTree(Files.readAllBytes(checkpoint(name).resolve("expected.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-f32", "bert-prefix-mlm-f32", "bert-prefix-f16", "bf16-no-pooler", "legacy-gamma-beta-f64"})
    void everyAttentionAndHiddenStateMatchesTheReference(String name) throws IOException {
        check(name, Precision.FLOAT32, TOL);
    }

    /**
     * In float64 the engine agrees with the reference to ~1e-12: the semantics, not just the rounding, match.
     * (Not for the F64 file: weights enter the engine as float32.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain-f32", "bert-prefix-mlm-f32", "bert-prefix-f16", "bf16-no-pooler"})
    void inFloat64TheEngineMatchesTheReferenceAlmostExactly(String name) throws IOException {
        check(name, Precision.FLOAT64, 1e-8);
    }

    private static void check(String name, Precision precision, double tol) throws IOException {
        JsonNode exp = expected(name);
        BertCheckpoint ckpt = BertCheckpoint.load(checkpoint(name), precision, p -> { });
        BertModel model = ckpt.model();
        assertEquals(exp.get("prefix").asText(), ckpt.prefix());
        assertEquals(exp.get("pooler").asBoolean(), model.hasPooler(), "pooler present");
        assertEquals(!exp.get("mlm").isNull(), model.hasMlmHead(), "MLM head present");
        String key = name + " " + precision.name().toLowerCase(Locale.ROOT);
        for (JsonNode c : exp.get("cases")) {
            String where = name + "/" + c.get("name").asText();
            BertInput input = new BertInput(Golden.intVector(c.get("input_ids")), Golden.intVector(c.get("token_type_ids")),
                    Golden.intVector(c.get("attention_mask")));
            BertOutput out = model.forward(input);
            assertFalse(out.truncated());
            JsonNode atts = c.get("attentions");
            assertEquals(atts.size(), out.layers(), where + ": layers");
            for (int l = 0; l < atts.size(); l++) {
                assertEquals(atts.get(l).size(), out.heads(), where + ": heads");
                for (int h = 0; h < atts.get(l).size(); h++) {
                    double[][] e = Golden.matrix(atts.get(l).get(h));
                    double[][] a = out.attention(l, h).toArray();
                    record(key, "attentions", e, a);
                    Golden.assertAllClose(a, e, 0, tol, where + " attention layer " + l + " head " + h);
                    int[] mask = input.attentionMask();
                    for (double[] row : a) {
                        for (int j = 0; j < mask.length; j++) {
                            if (mask[j] == 0) {
                                assertEquals(0.0, row[j], 0.0, where + ": a padding key must get exactly zero weight");
                            }
                        }
                    }
                }
            }
            JsonNode hs = c.get("hidden_states");
            assertEquals(hs.size(), out.hiddenStates().size(), where + ": hidden states (layers + 1)");
            for (int l = 0; l < hs.size(); l++) {
                double[][] e = Golden.matrix(hs.get(l));
                double[][] a = out.hiddenStates().get(l).toArray();
                record(key, "hidden_states", e, a);
                Golden.assertAllClose(a, e, 0, tol, where + " hidden state " + l);
            }
            assertEquals(out.hiddenStates().get(hs.size() - 1), out.lastHiddenState());
            if (c.get("pooler_output").isNull()) {
                assertFalse(out.hasPooler());
            } else {
                double[] e = Golden.vector(c.get("pooler_output"));
                record(key, "pooler", new double[][] {e}, new double[][] {out.pooler()});
                Golden.assertAllClose(out.pooler(), e, 0, tol, where + " pooler");
            }
            if (!c.get("mlm_logits").isNull()) {
                double[][] e = Golden.matrix(c.get("mlm_logits"));
                double[][] a = model.mlmLogits(input);
                record(key, "mlm_logits", e, a);
                Golden.assertAllClose(a, e, tol, tol, where + " MLM logits");
                for (JsonNode f : c.get("fill_mask")) {
                    List<MaskPrediction> preds = model.fillMask(input, 4, 5);
                    assertEquals(1, preds.size());
                    assertEquals(f.get("position").asInt(), preds.get(0).position());
                    for (int k = 0; k < 5; k++) {
                        assertEquals(f.get("top_ids").get(k).asInt(), preds.get(0).top().get(k).tokenId(), where + " top " + k);
                        assertEquals(f.get("top_probs").get(k).asDouble(), preds.get(0).top().get(k).probability(), tol,
                                where + " top " + k + " probability");
                    }
                }
            }
        }
    }

    private static void record(String key, String what, double[][] e, double[][] a) {
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e[i].length; j++) {
                max = Math.max(max, Math.abs(e[i][j] - a[i][j]));
            }
        }
        MAX_ERRORS.merge(key + " " + what, max, Math::max);
    }

    @AfterAll
    static void printMaxErrors() {
        StringBuilder sb = new StringBuilder("max |engine − numpy reference|:\n");
        new TreeMap<>(MAX_ERRORS).forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-50s %.3e%n", k, v)));
        System.out.print(sb);
    }
}

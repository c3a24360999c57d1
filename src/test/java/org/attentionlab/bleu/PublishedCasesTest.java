package org.attentionlab.bleu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The 93 cases whose values sacreBLEU 2.6.0's and NLTK 3.8.1's own test suites assert
 * ({@code golden/bleu-published-cases.json}, recomputed by running those implementations).
 * Scores within 1e-9 relative; counts, totals and lengths exact; sacreBLEU signatures equal
 * except for the version field, which names this program.
 */
class PublishedCasesTest {

    private static final double RTOL = 1e-9;

    static JsonNode cases() throws IOException {
        try (InputStream in = PublishedCasesTest.class.getResourceAsStream("/golden/bleu-published-cases.json")) {
            assertNotNull(in, "golden/bleu-published-cases.json is missing from the test resources");
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    @Test
    void allNinetyThreeCasesArePresent() throws IOException {
        assertEquals(93, cases().size());
    }

    @TestFactory
    Stream<DynamicTest> publishedCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            String id = c.get("id").asText();
            String impl = c.get("impl").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> {
                if (impl.equals("sacrebleu")) {
                    checkSacre(c);
                } else if (impl.equals("nltk")) {
                    checkNltk(c);
                } else {
                    fail(id + ": unknown impl " + impl);
                }
            }));
        }
        return tests.stream();
    }

    // ---- sacreBLEU ------------------------------------------------------------------------------

    private static void checkSacre(JsonNode c) {
        String id = c.get("id").asText();
        JsonNode smooth = c.get("smooth");
        Smoothing method = Smoothing.fromName(smooth.get("method").asText());
        Double value = smooth.get("value").isNull() ? null : smooth.get("value").asDouble();
        int maxOrder = c.get("max_ngram_order").asInt();
        boolean eff = c.get("effective_order").asBoolean();
        JsonNode exp = c.get("expected");
        String level = c.get("level").asText();

        BleuScore score;
        if (level.equals("stats")) {
            JsonNode st = c.get("input_stats");
            score = SacreBleu.computeBleu(longs(st.get("correct")), longs(st.get("total")), st.get("sys_len").asLong(),
                    st.get("ref_len").asLong(), method, value, eff, maxOrder);
        } else {
            BleuConfig config = new BleuConfig(BleuTokenizer.fromName(c.get("tokenize").asText()),
                    c.get("lowercase").asBoolean(), method, value, maxOrder, eff);
            SacreBleu bleu = new SacreBleu(config);
            List<String> hyps = strings(c.get("hypotheses"));
            List<List<String>> streams = new ArrayList<>();
            for (JsonNode s : c.get("references")) {
                streams.add(strings(s));
            }
            if (level.equals("corpus")) {
                score = bleu.corpusScore(hyps, streams);
            } else {
                assertEquals(1, hyps.size(), id + ": a sentence case has one hypothesis");
                List<String> refs = new ArrayList<>();
                for (List<String> s : streams) {
                    refs.add(s.get(0));
                }
                score = bleu.sentenceScore(hyps.get(0), refs);
            }
            // The tokenizer's output, character for character.
            if (c.has("tokenized_hypotheses")) {
                List<String> expectedTok = strings(c.get("tokenized_hypotheses"));
                for (int i = 0; i < hyps.size(); i++) {
                    assertEquals(expectedTok.get(i), bleu.preprocess(hyps.get(i)), id + ": tokenized hypothesis " + (i + 1));
                }
                JsonNode tokRefs = c.get("tokenized_references");
                for (int s = 0; s < streams.size(); s++) {
                    for (int i = 0; i < streams.get(s).size(); i++) {
                        assertEquals(tokRefs.get(s).get(i).asText(), bleu.preprocess(streams.get(s).get(i)),
                                id + ": tokenized reference " + (s + 1) + " line " + (i + 1));
                    }
                }
            }
            if (exp.has("segment_stats")) {
                List<SegmentStatistics> segs = bleu.segmentStatistics(hyps, streams);
                JsonNode expSegs = exp.get("segment_stats");
                assertEquals(expSegs.size(), segs.size(), id + ": number of segments");
                for (int i = 0; i < segs.size(); i++) {
                    assertArrayEquals(longs(expSegs.get(i)), segs.get(i).toFlat(), id + ": statistics of segment " + (i + 1));
                }
            }
        }

        assertClose(exp.get("score").asDouble(), score.score(), id + ": score");
        assertArrayEquals(longs(exp.get("counts")), score.counts(), id + ": counts");
        assertArrayEquals(longs(exp.get("totals")), score.totals(), id + ": totals");
        assertArrayEquals(doubles(exp.get("reported_counts")), score.reportedCounts(), 0.0, id + ": reported counts");
        assertArrayEquals(doubles(exp.get("reported_totals")), score.reportedTotals(), 0.0, id + ": reported totals");
        assertAllClose(doubles(exp.get("precisions")), score.precisions(), id + ": precisions");
        assertClose(exp.get("bp").asDouble(), score.bp(), id + ": bp");
        assertEquals(exp.get("sys_len").asLong(), score.sysLen(), id + ": sys_len");
        assertEquals(exp.get("ref_len").asLong(), score.refLen(), id + ": ref_len");

        if (exp.has("signature")) {
            String expected = exp.get("signature").asText();
            assertTrue(expected.endsWith("|version:2.6.0"), id + ": published signature names sacreBLEU 2.6.0");
            assertEquals(expected.substring(0, expected.lastIndexOf("|version:")), score.signature().withoutVersion(),
                    id + ": signature apart from the version");
            assertEquals(expected.replace("version:2.6.0", "version:" + BleuSignature.ourVersion()),
                    score.signature().format(), id + ": full signature");
            String expectedShort = exp.get("signature_short").asText();
            assertEquals(expectedShort.replace("v:2.6.0", "v:" + BleuSignature.ourVersion()), score.signature().formatShort(),
                    id + ": short signature");
            assertEquals(exp.get("formatted").asText().replace("version:2.6.0", "version:" + BleuSignature.ourVersion()),
                    score.formatted(), id + ": formatted score line");
        }
    }

    // ---- NLTK -----------------------------------------------------------------------------------

    private static void checkNltk(JsonNode c) {
        String id = c.get("id").asText();
        JsonNode exp = c.get("expected");
        String methodName = c.get("smooth").get("method").asText();
        NltkSmoothing smoothing = methodName.startsWith("none") ? NltkSmoothing.none() : NltkSmoothing.of(methodName);
        JsonNode params = c.get("smooth").get("params");
        smoothing = new NltkSmoothing(smoothing.method(), params.get("epsilon").asDouble(), params.get("alpha").asDouble(),
                params.get("k").asDouble());

        List<double[]> weights = new ArrayList<>();
        JsonNode w = c.get("weights");
        boolean multi = w.get(0).isArray();
        if (multi) {
            for (JsonNode v : w) {
                weights.add(doubles(v));
            }
        } else {
            weights.add(doubles(w));
        }
        List<List<String>> hyps = new ArrayList<>();
        for (JsonNode h : c.get("hypotheses")) {
            hyps.add(strings(h));
        }
        List<List<List<String>>> refs = new ArrayList<>();
        for (JsonNode perHyp : c.get("references")) {
            List<List<String>> rs = new ArrayList<>();
            for (JsonNode r : perHyp) {
                rs.add(strings(r));
            }
            refs.add(rs);
        }
        boolean auto = c.get("auto_reweigh").asBoolean();
        NltkResult result = c.get("level").asText().equals("sentence")
                ? NltkBleu.sentenceBleu(refs.get(0), hyps.get(0), weights, smoothing, auto)
                : NltkBleu.corpusBleu(refs, hyps, weights, smoothing, auto);

        JsonNode expScore = exp.get("score");
        if (expScore.isArray()) {
            assertAllClose(doubles(expScore), result.scores(), id + ": scores");
        } else {
            assertEquals(1, result.scores().length, id + ": one weight vector, one score");
            assertClose(expScore.asDouble(), result.score(), id + ": score");
        }
        assertArrayEquals(longs(exp.get("counts")), result.counts(), id + ": counts");
        assertArrayEquals(longs(exp.get("totals")), result.totals(), id + ": totals");
        assertClose(exp.get("bp").asDouble(), result.bp(), id + ": bp");
        assertEquals(exp.get("sys_len").asLong(), result.hypLength(), id + ": sys_len");
        assertEquals(exp.get("ref_len").asLong(), result.refLength(), id + ": ref_len");
        if (exp.get("precisions").isNull()) {
            assertNull(result.precisions(), id + ": NLTK returned early, so there are no precisions");
        } else {
            assertAllClose(doubles(exp.get("precisions")), result.precisions(), id + ": precisions");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static void assertClose(double expected, double actual, String what) {
        double tol = RTOL * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative tolerance " + RTOL + ")");
        }
    }

    static void assertAllClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : a) {
            out.add(s.isNull() ? null : s.asText());
        }
        return out;
    }
}

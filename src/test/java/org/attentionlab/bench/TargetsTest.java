package org.attentionlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each target judged on made-up results: met, missed, and not measured. */
class TargetsTest {

    private static Targets.Verdict verdict(List<Targets.Verdict> vs, String start) {
        return vs.stream().filter(v -> v.target().startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(start));
    }

    @Test
    void judgesRatiosLimitsAndMissingPeers() {
        List<BenchResult> rs = List.of(
                new BenchResult("mha", 128, "attention-lab", 6.0, 1),
                new BenchResult("mha", 128, "onnxruntime", 3.2, 1),
                new BenchResult("mha", 128, "nd4j-op", 5.0, 1),
                new BenchResult("mha", 512, "attention-lab", 40.0, 1),
                new BenchResult("mha", 512, "onnxruntime", 16.0, 1),
                EngineBenchmarks.unavailable("mha-causal", 128, "onnxruntime", "not in this build"),
                new BenchResult("mha-causal", 128, "attention-lab", 5.0, 1),
                new BenchResult("encoder-layer", 128, "onnxruntime", 11.0, 1),
                new BenchResult("bert-base", 128, "attention-lab", 240.0, 1),
                new BenchResult("heatmap-512", 0, "attention-lab", 5.5, 0),
                new BenchResult("cold-start", 0, "attention-lab", 3100, 0, Map.of("rss_mb", 355)),
                new BenchResult("engine-memory", 128, "attention-lab", 10, 0, Map.of("off_heap_growth_mb", 0.0, "rss_growth_mb", 4.2)));
        List<Targets.Verdict> vs = Targets.judge(rs);
        assertEquals(true, verdict(vs, "mha at 128 tokens ≤ 2×").met());
        assertEquals("6.00 ms vs 3.20 ms = 1.88×", verdict(vs, "mha at 128 tokens ≤ 2×").measured());
        assertEquals(false, verdict(vs, "mha at 512 tokens ≤ 2×").met());
        assertNull(verdict(vs, "mha-causal at 128 tokens ≤ 2×").met(), "ONNX Runtime missing: not judged");
        assertEquals(false, verdict(vs, "mha at 128 tokens faster than ND4J").met());
        assertEquals(true, verdict(vs, "bert-base at 128 tokens ≤ 2 ×").met(), "240 ≤ 2·12·11 = 264");
        assertEquals(true, verdict(vs, "bert-base at 128 tokens ≤ 250").met());
        assertEquals(true, verdict(vs, "512×512 heatmap").met());
        assertEquals(false, verdict(vs, "cold start").met());
        assertEquals(true, verdict(vs, "RSS").met());
        assertEquals(true, verdict(vs, "engine memory").met());
    }
}

package org.attentionlab.bench;

import java.util.Map;

/**
 * One measured case.
 *
 * @param kase   case name: mha, mha-causal, encoder-layer, bert-base, heatmap-512, tokenizer,
 *               bleu-corpus, cold-start, sgemm-2048, …
 * @param tokens sequence length (0 where it does not apply)
 * @param impl   attention-lab, onnxruntime, nd4j-op, java-loops, openblas
 * @param ms     warm median
 * @param flops  floating-point operations of one run (0 where not counted)
 * @param extra  further numbers of this case (lines per second, RSS, …), in the order to print
 */
public record BenchResult(String kase, int tokens, String impl, double ms, double flops, Map<String, Object> extra) {

    public BenchResult {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public BenchResult(String kase, int tokens, String impl, double ms, double flops) {
        this(kase, tokens, impl, ms, flops, Map.of());
    }

    /** GFLOP/s, or NaN where no FLOP count applies. */
    public double gflops() {
        return flops > 0 ? flops / (ms * 1e6) : Double.NaN;
    }
}

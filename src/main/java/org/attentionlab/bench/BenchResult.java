package org.attentionlab.bench;

/**
 * One measured case.
 *
 * @param kase   case name: mha, mha-causal, encoder-layer, bert-base, sgemm-2048, …
 * @param tokens sequence length (0 where it does not apply)
 * @param impl   attention-lab, nd4j-op, java-loops, onnxruntime, openblas
 * @param ms     warm median
 * @param flops  floating-point operations of one run (0 where not counted)
 */
public record BenchResult(String kase, int tokens, String impl, double ms, double flops) {

    /** GFLOP/s, or NaN where no FLOP count applies. */
    public double gflops() {
        return flops > 0 ? flops / (ms * 1e6) : Double.NaN;
    }
}

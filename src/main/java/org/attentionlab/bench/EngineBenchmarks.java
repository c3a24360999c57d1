package org.attentionlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.EncoderLayer;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.Tensors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.MultiHeadDotProductAttention;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's cases at BERT-base width (d_model 768, 12 heads, float32, batch 1): multi-head
 * self-attention (plain and causal) against ND4J's built-in op and a plain Java loop on the same
 * weights (each checked equal within 1e-4 before timing), and a whole encoder layer.
 */
public final class EngineBenchmarks {

    public static final int D_MODEL = 768;
    public static final int HEADS = 12;

    private final long warmupMs;
    private final int reps;
    private final long budgetMs;

    public EngineBenchmarks(boolean quick) {
        this.warmupMs = quick ? 150 : 600;
        this.reps = quick ? 15 : 41;
        this.budgetMs = quick ? 2_000 : 8_000;
    }

    /** sgemm 2048³ through ND4J's BLAS: the machine's practical peak, measured in this run. */
    public BenchResult sgemmPeak() {
        int n = 2048;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double ms = Timer.medianMs(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), warmupMs, Math.min(reps, 9), budgetMs);
        return new BenchResult("sgemm-2048", 0, "openblas", ms, 2.0 * n * n * n);
    }

    /** Multi-head self-attention at the given lengths, three implementations each. */
    public List<BenchResult> multiHead(int[] lengths, boolean causal, Consumer<String> log) {
        List<BenchResult> out = new ArrayList<>();
        String kase = causal ? "mha-causal" : "mha";
        ModelConfig c = ModelConfig.of(D_MODEL, HEADS);
        MultiHeadAttention ours = MultiHeadAttention.init(c, new Init(1, Precision.FLOAT32));
        AttentionWeights w = ours.weights();
        for (int t : lengths) {
            double[][] x = Tensors.toMatrix(new Init(2 + t, Precision.FLOAT32).normal(t, D_MODEL, 1));
            INDArray x3 = Tensors.matrix(x, Precision.FLOAT32, "x").reshape(1, t, D_MODEL);
            Mask mask = causal ? Mask.causal(t) : Mask.none();
            double[][] reference = Tensors.toMatrix(ours.forward(x3, mask).slice(0));
            double flops = mhaFlops(t);

            out.add(new BenchResult(kase, t, "attention-lab", Timer.medianMs(() -> ours.forward(x3, mask), warmupMs, reps, budgetMs), flops));
            log.accept(kase + " " + t + " attention-lab done");

            if (!causal) {
                // ND4J's op masks keys only (a (B, T) mask), so it has no causal form to compare with
                BuiltInAttention op = new BuiltInAttention(w, x);
                requireClose(reference, op.run(), kase + " nd4j-op at " + t);
                out.add(new BenchResult(kase, t, "nd4j-op", Timer.medianMs(op::run, warmupMs, reps, budgetMs), flops));
                log.accept(kase + " " + t + " nd4j-op done");
            }

            if (t <= 128) {
                JavaLoopAttention loops = new JavaLoopAttention(w, HEADS);
                requireClose(reference, loops.forward(x, causal), kase + " java-loops at " + t);
                out.add(new BenchResult(kase, t, "java-loops",
                        Timer.medianMs(() -> loops.forward(x, causal), Math.min(warmupMs, 200), Math.min(reps, 7), budgetMs), flops));
                log.accept(kase + " " + t + " java-loops done");
            }
        }
        return out;
    }

    /** A BERT-base encoder layer (d_ff 3072, GELU, post-LN) at {@code t} tokens. */
    public BenchResult encoderLayer(int t) {
        ModelConfig c = ModelConfig.of(D_MODEL, HEADS).withDFF(4 * D_MODEL).withActivation(Activation.GELU).withLayerNormEps(1e-12);
        EncoderLayer layer = EncoderLayer.init(c, new Init(3, Precision.FLOAT32));
        INDArray x = new Init(4, Precision.FLOAT32).normal(t, D_MODEL, 1).reshape(1, t, D_MODEL);
        double flops = mhaFlops(t) + 2.0 * 2 * t * D_MODEL * (4.0 * D_MODEL);
        return new BenchResult("encoder-layer", t, "attention-lab", Timer.medianMs(() -> layer.forward(x, Mask.none()), warmupMs, reps, budgetMs), flops);
    }

    /** Projections (4 GEMMs of T×D×D) plus QKᵀ and weights·V (2 × T×T×D), multiply-adds counted as 2. */
    public static double mhaFlops(int t) {
        return 2.0 * 4 * t * D_MODEL * D_MODEL + 2.0 * 2 * (double) t * t * D_MODEL;
    }

    static void requireClose(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double e = expected[i][j];
                if (Math.abs(actual[i][j] - e) > 1e-4 + 1e-4 * Math.abs(e)) {
                    throw new IllegalStateException(what + " differs from attention-lab at [" + i + "][" + j + "]: "
                            + actual[i][j] + " vs " + e);
                }
            }
        }
    }

    /**
     * ND4J's own {@code multi_head_dot_product_attention} on the same weights. It is
     * features-first: inputs (B, D, T), W^Q (H, d_k, D), W^O (H·d_v, D); we convert at this boundary.
     * The op has no biases; our weights are Glorot with zero biases, so both compute the same thing.
     */
    static final class BuiltInAttention {
        private final INDArray x;
        private final INDArray wq;
        private final INDArray wk;
        private final INDArray wv;
        private final INDArray wo;

        BuiltInAttention(AttentionWeights w, double[][] input) {
            int t = input.length;
            int dk = D_MODEL / HEADS;
            this.x = Tensors.matrix(input, Precision.FLOAT32, "x").transpose().dup('c').reshape(1, D_MODEL, t); // -> (1, D, T)
            this.wq = perHead(w.wq(), dk);
            this.wk = perHead(w.wk(), dk);
            this.wv = perHead(w.wv(), dk);
            this.wo = Tensors.matrix(w.wo(), Precision.FLOAT32, "W^O"); // (H·d_v, D): the op multiplies by its transpose
        }

        /** (D, H·d_k) columns per head -> (H, d_k, D). */
        private static INDArray perHead(double[][] w, int dk) {
            INDArray m = Tensors.matrix(w, Precision.FLOAT32, "W"); // (D, H·d_k)
            return m.reshape(D_MODEL, HEADS, dk).permute(1, 2, 0).dup('c'); // -> (H, d_k, D)
        }

        double[][] run() {
            MultiHeadDotProductAttention op = new MultiHeadDotProductAttention(x, x, x, wq, wk, wv, wo, null, true, false);
            INDArray out = Nd4j.exec(op)[0]; // (1, D, T)
            return Tensors.toMatrix(out.reshape(D_MODEL, out.size(2)).transpose()); // -> (T, D)
        }
    }
}

package org.attentionlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.BertConfig;
import org.attentionlab.engine.BertInput;
import org.attentionlab.engine.BertModel;
import org.attentionlab.engine.BertWeights;
import org.attentionlab.engine.EncoderLayer;
import org.attentionlab.engine.EncoderLayerWeights;
import org.attentionlab.engine.FeedForwardWeights;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.LayerNormWeights;
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
 * The engine's cases at BERT-base width (d_model 768, 12 heads, d_ff 3072, float32, batch 1):
 * multi-head self-attention (plain and causal) against ONNX Runtime, ND4J's built-in op and a
 * plain Java loop on the same weights (each checked equal to ours within 1e-4 before timing), an
 * encoder layer against ONNX Runtime, and the 12-layer BERT-base forward pass.
 */
public final class EngineBenchmarks {

    public static final int D_MODEL = 768;
    public static final int HEADS = 12;
    public static final int D_FF = 4 * D_MODEL;
    public static final double LN_EPS = 1e-12;

    private final boolean quick;
    private final boolean smoke;
    private final long warmupMs;
    private final int reps;
    private final long budgetMs;
    private final Peer onnx;
    private final String onnxMissing;

    /**
     * @param onnx the ONNX Runtime peer, or null
     * @param onnxMissing why there is none (reported in its place)
     */
    public EngineBenchmarks(boolean quick, Peer onnx, String onnxMissing) {
        this(quick, false, onnx, onnxMissing);
    }

    /** @param smoke one repetition of everything, no warm-up: checks that the cases run (tests) */
    public EngineBenchmarks(boolean quick, boolean smoke, Peer onnx, String onnxMissing) {
        this.quick = quick;
        this.smoke = smoke;
        this.warmupMs = quick ? 300 : 1_000;
        this.reps = quick ? 21 : 61;
        this.budgetMs = quick ? 2_500 : 10_000;
        this.onnx = onnx;
        this.onnxMissing = onnxMissing;
    }

    /** sgemm 2048³ through ND4J's BLAS: the machine's practical peak, measured in this run. */
    public BenchResult sgemmPeak() {
        int n = 2048;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double ms = smoke ? Timer.medianMs(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 0, 1, 0, 1)
                : Timer.medianMs(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), warmupMs, quick ? 7 : 15, budgetMs);
        return new BenchResult("sgemm-2048", 0, "openblas", ms, 2.0 * n * n * n);
    }

    /** Multi-head self-attention at the given lengths, every implementation. */
    public List<BenchResult> multiHead(int[] lengths, boolean causal, Consumer<String> log) {
        List<BenchResult> out = new ArrayList<>();
        String kase = causal ? "mha-causal" : "mha";
        MultiHeadAttention ours = MultiHeadAttention.init(ModelConfig.of(D_MODEL, HEADS), new Init(1, Precision.FLOAT32));
        AttentionWeights w = withBiases(ours.weights(), 7);
        MultiHeadAttention withBias = MultiHeadAttention.of(ModelConfig.of(D_MODEL, HEADS), w);
        for (int t : lengths) {
            double[][] x = Tensors.toMatrix(new Init(2 + t, Precision.FLOAT32).normal(t, D_MODEL, 1));
            INDArray x3 = Tensors.matrix(x, Precision.FLOAT32, "x").reshape(1, t, D_MODEL);
            Mask mask = causal ? Mask.causal(t) : Mask.none();
            double[][] reference = Tensors.toMatrix(withBias.forward(x3, mask).slice(0));
            double flops = mhaFlops(t);
            Contest contest = new Contest(kase, t, flops);
            contest.add("attention-lab", () -> withBias.forward(x3, mask));
            contest.addPeer(reference, () -> onnx.multiHead(w, HEADS, x, causal));
            if (causal) {
                contest.unavailable("nd4j-op", "ND4J's op masks keys only ((B, T) mask): it has no causal form");
            } else {
                // ND4J's op has no biases: it runs on the bias-free weights, checked against ours on the same
                BuiltInAttention op = new BuiltInAttention(ours.weights(), x);
                requireClose(Tensors.toMatrix(ours.forward(x3, mask).slice(0)), op.result(), kase + " nd4j-op at " + t);
                contest.add("nd4j-op", op::run);
            }
            out.addAll(contest.run());
            log.accept(kase + " " + t + ": attention-lab, onnxruntime, nd4j-op (in turns)");

            JavaLoopAttention loops = new JavaLoopAttention(w, HEADS);
            requireClose(reference, loops.forward(x, causal), kase + " java-loops at " + t);
            int loopReps = t >= 512 ? 3 : quick ? 5 : 9;
            out.add(new BenchResult(kase, t, "java-loops",
                    Timer.medianMs(() -> loops.forward(x, causal), 0, loopReps, budgetMs, loopReps), flops));
            log.accept(kase + " " + t + ": java-loops");
        }
        return out;
    }

    /** A BERT-base encoder layer (d_ff 3072, exact GELU, post-LN) at {@code t} tokens, ours and ONNX Runtime's. */
    public List<BenchResult> encoderLayer(int t, Consumer<String> log) {
        ModelConfig c = bertLayerConfig();
        EncoderLayerWeights w = randomLayer(3);
        EncoderLayer layer = EncoderLayer.of(c, w);
        double[][] x = Tensors.toMatrix(new Init(4, Precision.FLOAT32).normal(t, D_MODEL, 1));
        INDArray x3 = Tensors.matrix(x, Precision.FLOAT32, "x").reshape(1, t, D_MODEL);
        double[][] reference = Tensors.toMatrix(layer.forward(x3, Mask.none()).slice(0));
        Contest contest = new Contest("encoder-layer", t, layerFlops(t));
        contest.add("attention-lab", () -> layer.forward(x3, Mask.none()));
        contest.addPeer(reference, () -> onnx.encoderLayer(w, HEADS, x, LN_EPS));
        List<BenchResult> out = contest.run();
        log.accept("encoder-layer " + t + ": attention-lab, onnxruntime (in turns)");
        return out;
    }

    /**
     * BERT-base (12 layers, random weights) forward at {@code t} tokens, as the app runs it: every
     * layer's attention weights and hidden states copied out into plain arrays.
     */
    public BenchResult bertBase(int t, Consumer<String> log) {
        BertConfig c = BertConfig.base();
        BertModel model = BertModel.of(c, BertWeights.random(c, 42, false));
        SplittableRandom r = new SplittableRandom(1);
        int[] ids = new int[t];
        for (int i = 0; i < t; i++) {
            ids[i] = i == 0 ? 101 : i == t - 1 ? 102 : 1000 + r.nextInt(29000);
        }
        BertInput in = BertInput.of(ids);
        double ms = Timer.medianMs(() -> model.forward(in), warmupMs, quick ? 9 : 21, budgetMs);
        log.accept("bert-base " + t + ": attention-lab");
        return new BenchResult("bert-base", t, "attention-lab", ms, c.layers() * layerFlops(t),
                Map.of("layers", c.layers(), "outputs", "every attention and hidden state copied out"));
    }

    /** The implementations of one case and length, timed in turns. */
    private final class Contest {
        private final String kase;
        private final int t;
        private final double flops;
        private final List<String> impls = new ArrayList<>();
        private final List<Runnable> bodies = new ArrayList<>();
        private final List<Peer.Run> open = new ArrayList<>();
        private final List<BenchResult> missing = new ArrayList<>();

        Contest(String kase, int t, double flops) {
            this.kase = kase;
            this.t = t;
            this.flops = flops;
        }

        void add(String impl, Runnable body) {
            impls.add(impl);
            bodies.add(body);
        }

        void unavailable(String impl, String why) {
            missing.add(EngineBenchmarks.unavailable(kase, t, impl, why));
        }

        /** The ONNX Runtime peer, after checking its result against ours; or why it is missing. */
        void addPeer(double[][] reference, PeerCase make) {
            if (onnx == null) {
                unavailable("onnxruntime", onnxMissing);
                return;
            }
            Peer.Run run;
            try {
                run = make.open();
            } catch (Exception | LinkageError e) {
                unavailable(onnx.impl(), "failed: " + e);
                return;
            }
            open.add(run);
            requireClose(reference, run.run(), kase + " " + onnx.impl() + " at " + t);
            add(onnx.impl(), run::time);
        }

        List<BenchResult> run() {
            try {
                double[] ms = Timer.interleavedMedianMs(bodies, warmupMs, reps, budgetMs);
                List<BenchResult> out = new ArrayList<>();
                for (int i = 0; i < ms.length; i++) {
                    out.add(new BenchResult(kase, t, impls.get(i), ms[i], flops));
                }
                out.addAll(missing);
                return out;
            } finally {
                open.forEach(Peer.Run::close);
            }
        }
    }

    @FunctionalInterface
    private interface PeerCase {
        Peer.Run open() throws Exception;
    }

    /** A row that says why an implementation was not measured. */
    public static BenchResult unavailable(String kase, int t, String impl, String why) {
        return new BenchResult(kase, t, impl, Double.NaN, 0, Map.of("unavailable", why));
    }

    static ModelConfig bertLayerConfig() {
        return ModelConfig.of(D_MODEL, HEADS).withDFF(D_FF).withActivation(Activation.GELU).withLayerNormEps(LN_EPS);
    }

    /** BERT-like random weights: N(0, 0.02²) matrices, small non-zero biases, γ near 1. */
    static EncoderLayerWeights randomLayer(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AttentionWeights a = new AttentionWeights(normal(r, D_MODEL, D_MODEL, 0.02), normal(r, D_MODEL, 0.02),
                normal(r, D_MODEL, D_MODEL, 0.02), normal(r, D_MODEL, 0.02), normal(r, D_MODEL, D_MODEL, 0.02),
                normal(r, D_MODEL, 0.02), normal(r, D_MODEL, D_MODEL, 0.02), normal(r, D_MODEL, 0.02));
        return new EncoderLayerWeights(a, norm(r), new FeedForwardWeights(normal(r, D_MODEL, D_FF, 0.02), normal(r, D_FF, 0.02),
                normal(r, D_FF, D_MODEL, 0.02), normal(r, D_MODEL, 0.02)), norm(r));
    }

    /** The same weights with small non-zero biases, so that the peers must add them too. */
    static AttentionWeights withBiases(AttentionWeights w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new AttentionWeights(w.wq(), normal(r, w.bq().length, 0.1), w.wk(), normal(r, w.bk().length, 0.1),
                w.wv(), normal(r, w.bv().length, 0.1), w.wo(), normal(r, w.bo().length, 0.1));
    }

    private static LayerNormWeights norm(SplittableRandom r) {
        double[] g = normal(r, D_MODEL, 0.1);
        for (int i = 0; i < g.length; i++) {
            g[i] += 1;
        }
        return new LayerNormWeights(g, normal(r, D_MODEL, 0.1));
    }

    private static double[][] normal(SplittableRandom r, int rows, int cols, double sigma) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = normal(r, cols, sigma);
        }
        return m;
    }

    private static double[] normal(SplittableRandom r, int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller; one value per draw is plenty here
            v[i] = sigma * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    /** Projections (4 GEMMs of T×D×D) plus QKᵀ and weights·V (2 × T×T×D), multiply-adds counted as 2. */
    public static double mhaFlops(int t) {
        return 2.0 * 4 * t * D_MODEL * D_MODEL + 2.0 * 2 * (double) t * t * D_MODEL;
    }

    /** One encoder layer: attention plus the two FFN GEMMs (T×D×d_ff each); norms and GELU not counted. */
    public static double layerFlops(int t) {
        return mhaFlops(t) + 2.0 * 2 * t * D_MODEL * (double) D_FF;
    }

    /** ND4J's built-in op on these (bias-free) weights and input, for the JMH benchmarks. */
    public static Nd4jOp nd4jOp(AttentionWeights w, double[][] x) {
        BuiltInAttention op = new BuiltInAttention(w, x);
        return op::run;
    }

    /** One run of ND4J's op. */
    @FunctionalInterface
    public interface Nd4jOp {
        Object run();
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
     * The op has no biases; it is compared with ours on the same bias-free weights.
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

        /** The op alone (what is timed): (1, D, T). */
        INDArray run() {
            return Nd4j.exec(new MultiHeadDotProductAttention(x, x, x, wq, wk, wv, wo, null, true, false))[0];
        }

        /** The op's result as (T, D). */
        double[][] result() {
            INDArray out = run();
            return Tensors.toMatrix(out.reshape(D_MODEL, out.size(2)).transpose()); // (1, D, T) -> (T, D)
        }
    }
}

package org.attentionlab.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.HeadTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head attention, Vaswani et al. 2017, section 3.2.2:
 * <pre>MultiHead(Q, K, V) = Concat(head_1, …, head_h)·W^O,  head_i = Attention(Q·W_i^Q, K·W_i^K, V·W_i^V)</pre>
 * Self-attention when queries and keys come from the same sequence; cross-attention (the
 * decoder's "encoder-decoder attention", section 3.2.3) when keys and values come from the
 * encoder's output.
 *
 * <p>Dimensions: B batch, T queries, S keys, D = d_model, H heads, d_k / d_v per head. Inputs
 * are (B, T, D) and (B, S, D); the mask is (B or 1, T, S). Head i is the column block
 * [i·d_k, (i+1)·d_k) of the projections, so "splitting into heads" needs no copy.
 */
public final class MultiHeadAttention {

    private final ModelConfig config;
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;
    /** [W^Q | W^K | W^V] (D, 2·H·d_k + H·d_v): self-attention projects once; wq, wk, wv are views of it. */
    private final INDArray qkvWeight;
    /** [b^Q | b^K | b^V] (1, 2·H·d_k + H·d_v). */
    private final INDArray qkvBias;

    public MultiHeadAttention(ModelConfig config, Linear wq, Linear wk, Linear wv, Linear wo) {
        this.config = config;
        int d = config.dModel();
        int hk = config.heads() * config.dK();
        int hv = config.heads() * config.dV();
        requireShape(wq, d, hk, "W^Q");
        requireShape(wk, d, hk, "W^K");
        requireShape(wv, d, hv, "W^V");
        requireShape(wo, hv, d, "W^O");
        // concatenated once here, not per call; the three maps then live as column blocks of it,
        // so the weights are held once
        this.qkvWeight = Nd4j.hstack(wq.weight(), wk.weight(), wv.weight());
        this.qkvBias = Nd4j.hstack(wq.bias(), wk.bias(), wv.bias());
        this.wq = block(0, hk, "W^Q");
        this.wk = block(hk, hk, "W^K");
        this.wv = block(2 * hk, hv, "W^V");
        this.wo = wo;
    }

    /** Glorot-initialised weights, zero biases; draws W^Q, W^K, W^V, W^O in that order. */
    public static MultiHeadAttention init(ModelConfig config, Init init) {
        int d = config.dModel();
        int hk = config.heads() * config.dK();
        int hv = config.heads() * config.dV();
        return new MultiHeadAttention(config, Linear.glorot(init, d, hk, "W^Q"), Linear.glorot(init, d, hk, "W^K"),
                Linear.glorot(init, d, hv, "W^V"), Linear.glorot(init, hv, d, "W^O"));
    }

    /** From plain arrays (edited in a view, loaded from a file). */
    public static MultiHeadAttention of(ModelConfig config, AttentionWeights w) {
        Precision p = config.precision();
        return new MultiHeadAttention(config,
                new Linear(Tensors.matrix(w.wq(), p, "W^Q"), Tensors.vector(w.bq(), p, "b^Q"), "W^Q"),
                new Linear(Tensors.matrix(w.wk(), p, "W^K"), Tensors.vector(w.bk(), p, "b^K"), "W^K"),
                new Linear(Tensors.matrix(w.wv(), p, "W^V"), Tensors.vector(w.bv(), p, "b^V"), "W^V"),
                new Linear(Tensors.matrix(w.wo(), p, "W^O"), Tensors.vector(w.bo(), p, "b^O"), "W^O"));
    }

    /** A copy of the parameters as plain arrays. */
    public AttentionWeights weights() {
        return new AttentionWeights(Tensors.toMatrix(wq.weight()), Tensors.toVector(wq.bias()),
                Tensors.toMatrix(wk.weight()), Tensors.toVector(wk.bias()),
                Tensors.toMatrix(wv.weight()), Tensors.toVector(wv.bias()),
                Tensors.toMatrix(wo.weight()), Tensors.toVector(wo.bias()));
    }

    public ModelConfig config() {
        return config;
    }

    /** Self-attention: x (B, T, D) -> (B, T, D). */
    public INDArray forward(INDArray x, Mask mask) {
        return forward(x, x, mask);
    }

    /** query (B, T, D), memory (B, S, D), mask (B or 1, T, S) -> (B, T, D). */
    public INDArray forward(INDArray query, INDArray memory, Mask mask) {
        return Workspaces.scoped("attention-lab.mha", () -> compute(query, memory, mask, null));
    }

    /** Every stage, for one sequence: query (T, D), memory (S, D), mask (1, T, S). */
    public MultiHeadTrace trace(INDArray query, INDArray memory, Mask mask) {
        Tensors.requireRank(query, 2, "query");
        Tensors.requireRank(memory, 2, "memory");
        List<MultiHeadTrace> out = new ArrayList<>(1);
        compute(query.reshape(1, query.size(0), query.size(1)), memory.reshape(1, memory.size(0), memory.size(1)),
                mask, out);
        return out.get(0);
    }

    /** The whole block; fills {@code traces} (one per sequence) when not null. */
    INDArray compute(INDArray query, INDArray memory, Mask mask, List<MultiHeadTrace> traces) {
        return compute(query, memory, mask, traces, null);
    }

    /**
     * The whole block; fills {@code traces} (one per sequence) when not null, and adds each
     * sequence's attention weights to {@code weightsOut} when not null, one row-major (T, S) array
     * per head, head 0 first (a light alternative to full traces, for models with many layers).
     */
    INDArray compute(INDArray query, INDArray memory, Mask mask, List<MultiHeadTrace> traces, List<double[]> weightsOut) {
        Tensors.requireRank(query, 3, "query");
        Tensors.requireRank(memory, 3, "memory");
        int b = (int) query.size(0);
        int t = (int) query.size(1);
        int s = (int) memory.size(1);
        int d = config.dModel();
        Tensors.requireSize(query, 2, d, "query", "its last dimension must be d_model");
        Tensors.requireSize(memory, 2, d, "memory", "its last dimension must be d_model");
        Tensors.requireSize(memory, 0, b, "memory", "its batch size must match the query's");
        for (int n = 0; n < b; n++) {
            mask.requireFits(n, t, s);
        }
        int h = config.heads();
        int dk = config.dK();
        int dv = config.dV();
        INDArray q2 = query.reshape(b * (long) t, d).castTo(dtype());
        INDArray m2 = memory.reshape(b * (long) s, d).castTo(dtype());
        double scale = ScaledDotProductAttention.scaleFactor(dk, config.scaled());
        if (traces == null && query == memory) {
            // 1. self-attention: [Q | K | V] = x·[W^Q | W^K | W^V] + [b^Q | b^K | b^V] in one product
            INDArray qkv = Nd4j.createUninitialized(dtype(), b * (long) t, qkvWeight.size(1));
            Nd4j.gemm(q2, qkvWeight, qkv, false, false, 1.0, 0.0).addiRowVector(qkvBias);
            if (Blas.usable(qkv)) {
                int w = (int) qkvWeight.size(1);
                int hk = h * dk;
                INDArray concat = attendInPlace(qkv, 0, w, qkv, hk, w, qkv, 2 * hk, w, b, t, s, mask, scale, weightsOut);
                return wo.apply(concat).reshape(b, t, d);
            }
        }
        // 1. project: Q = x·W^Q, K = m·W^K, V = m·W^V -> (B·T, H·d_k), (B·S, H·d_k), (B·S, H·d_v)
        INDArray qAll = wq.apply(q2);
        INDArray kAll = wk.apply(m2);
        INDArray vAll = wv.apply(m2);
        if (traces == null && Blas.usable(qAll, kAll, vAll)) {
            // 2.–3. on the CPU, every head straight from and into its column block (no copies)
            INDArray concat = attendInPlace(qAll, 0, h * dk, kAll, 0, h * dk, vAll, 0, h * dv, b, t, s, mask, scale,
                    weightsOut);
            // 4. output projection: Concat·W^O + b^O -> (B·T, D) -> (B, T, D)
            return wo.apply(concat).reshape(b, t, d);
        }
        INDArray concat = Nd4j.create(dtype(), b * (long) t, (long) h * dv);
        for (int n = 0; n < b; n++) {
            INDArray allowed = mask.allowedMatrix(n, t, s, dtype());
            // 2. attend, every head at once: (H, T, d_k)·(H, S, d_k)ᵀ -> (H, T, S)
            INDArray qh = rows(qAll, n, t).reshape(t, h, dk).permute(1, 0, 2); // -> (H, T, d_k)
            INDArray kh = rows(kAll, n, s).reshape(s, h, dk).permute(1, 0, 2); // -> (H, S, d_k)
            INDArray vh = rows(vAll, n, s).reshape(s, h, dv).permute(1, 0, 2); // -> (H, S, d_v)
            INDArray scores = Nd4j.matmul(qh, kh, false, true, false);
            INDArray scaled = traces == null ? scores.muli(scale) : scores.mul(scale);
            INDArray weights = ScaledDotProductAttention.maskedSoftmaxRows(
                    (traces == null ? scaled : scaled.dup()).reshape((long) h * t, s), // -> (H·T, S)
                    allowed == null ? null : Nd4j.tile(allowed, h, 1)).reshape(h, t, s); // -> (H, T, S)
            if (weightsOut != null) {
                addHeads(weightsOut, weights, h);
            }
            INDArray z = Nd4j.matmul(weights, vh); // -> (H, T, d_v)
            // 3. concatenate: head i fills column block i -> (T, H·d_v)
            rows(concat, n, t).assign(z.permute(1, 0, 2).reshape(t, (long) h * dv));
            if (traces != null) {
                List<HeadTrace> heads = new ArrayList<>(h);
                for (int i = 0; i < h; i++) {
                    ScaledDotProductAttention.Stages stages = new ScaledDotProductAttention.Stages();
                    stages.record(scores.slice(i), scaled.slice(i), allowed, weights.slice(i), z.slice(i), scale);
                    heads.add(new HeadTrace(i, headSlice(wq, i, dk), headSlice(wk, i, dk), headSlice(wv, i, dv),
                            stages.toTrace(qh.slice(i), kh.slice(i), vh.slice(i))));
                }
                traces.add(new MultiHeadTrace(Tensors.matrixOf(query.slice(n)),
                        Tensors.matrixOf(memory.slice(n)), heads, null, null, null));
            }
        }
        // 4. output projection: Concat·W^O + b^O -> (B·T, D) -> (B, T, D)
        INDArray out = wo.apply(concat);
        if (traces != null) {
            Matrix woM = Tensors.matrixOf(wo.weight());
            for (int n = 0; n < b; n++) {
                MultiHeadTrace partial = traces.get(n);
                traces.set(n, new MultiHeadTrace(partial.queryInput(), partial.keyInput(), partial.heads(),
                        Tensors.matrixOf(rows(concat, n, t)), woM, Tensors.matrixOf(rows(out, n, t))));
            }
        }
        return out.reshape(b, t, d);
    }

    /**
     * Steps 2 and 3 for every sequence and head, for the CPU: head i of sequence n is the block
     * at row n·T, column i·d_k of Q (leading dimension H·d_k), so BLAS reads it where it lies and
     * writes head i's output straight into column block i of the concatenation. The scale 1/√d_k
     * rides on the first product (alpha); the mask is added as 0 / lowest before one native row
     * softmax, and rows with no allowed key are zeroed afterwards.
     *
     * @param q Q (B·T, H·d_k) from column q0 of rows ldq apart; k and v likewise, K (B·S, H·d_k),
     *          V (B·S, H·d_v); whole c-ordered arrays (one array [Q | K | V] for self-attention)
     * @return the concatenation (B·T, H·d_v)
     */
    private INDArray attendInPlace(INDArray q, int q0, int ldq, INDArray k, int k0, int ldk, INDArray v, int v0, int ldv,
                                   int b, int t, int s, Mask mask, double scale, List<double[]> weightsOut) {
        int h = config.heads();
        int dk = config.dK();
        int dv = config.dV();
        int hk = h * dk;
        int hv = h * dv;
        INDArray concat = Nd4j.createUninitialized(dtype(), b * (long) t, hv);
        INDArray weights = Nd4j.createUninitialized(dtype(), (long) h * t, s); // (H·T, S), reused per sequence
        for (int n = 0; n < b; n++) {
            long qRow = q0 + (long) n * t * ldq;
            long kRow = k0 + (long) n * s * ldk;
            long vRow = v0 + (long) n * s * ldv;
            // 2. S_i = Q_i·K_iᵀ/√d_k for every head i -> (H, T, S)
            for (int i = 0; i < h; i++) {
                Blas.gemm(false, true, t, s, dk, scale, q, qRow + (long) i * dk, ldq, k, kRow + (long) i * dk, ldk,
                        0, weights, (long) i * t * s, s);
            }
            INDArray additive = mask.additive(n, t, s, dtype());
            if (additive != null) {
                // head by head, (T, S) + (T, S) on contiguous blocks: ND4J's broadcast of (T, S) over
                // (H, T, S) took a slow general path (mha-causal 512: 33 ms against 20 without the mask)
                for (int i = 0; i < h; i++) {
                    weights.get(interval((long) i * t, (long) (i + 1) * t), all()).addi(additive);
                }
            }
            Nd4j.exec(new SoftMax(weights, weights, 1)); // row softmax over the keys, max-subtracted
            for (int row : mask.emptyRows(n, t, s)) {
                for (int i = 0; i < h; i++) {
                    weights.getRow((long) i * t + row).assign(0);
                }
            }
            if (weightsOut != null) {
                addHeads(weightsOut, weights, h);
            }
            // 3. Z_i = A_i·V_i into column block i of the concatenation -> (T, H·d_v)
            for (int i = 0; i < h; i++) {
                Blas.gemm(false, false, t, dv, s, 1, weights, (long) i * t * s, s, v, vRow + (long) i * dv, ldv,
                        0, concat, (long) n * t * hv + (long) i * dv, hv);
            }
        }
        return concat;
    }

    /** Adds the H heads of one sequence's weights, (H, T, S) or (H·T, S), as H row-major (T, S) arrays. */
    private static void addHeads(List<double[]> out, INDArray weights, int h) {
        out.addAll(Tensors.blocks(weights, h));
    }

    /** Columns [from, from + width) of the concatenated projections, as a map of its own (views). */
    private Linear block(int from, int width, String name) {
        return new Linear(qkvWeight.get(all(), interval(from, from + width)),
                qkvBias.get(all(), interval(from, from + width)), name);
    }

    /** Rows [n·len, (n+1)·len) of a (B·len, w) matrix: sequence n's block, as a view. */
    private static INDArray rows(INDArray a, int n, int len) {
        return a.get(interval((long) n * len, (long) (n + 1) * len), all());
    }

    private org.nd4j.linalg.api.buffer.DataType dtype() {
        return config.precision().dataType();
    }

    private static Matrix headSlice(Linear l, int i, int width) {
        return Tensors.matrixOf(l.weight().get(all(), interval(i * width, (i + 1) * width)));
    }

    private static void requireShape(Linear l, int in, int out, String name) {
        if (l.in() != in || l.out() != out) {
            throw new IllegalArgumentException(name + " is " + l.in() + "×" + l.out() + " but the config needs "
                    + in + "×" + out);
        }
    }
}

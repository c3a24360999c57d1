package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Init;
import org.attentionlab.engine.ScaledDotProductAttention;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-head attention (section 3.2.2) with its backward pass:
 * <pre>MultiHead(Q, K, V) = Concat(head_1, …, head_h)·W^O,  head_i = Attention(Q·W_i^Q, K·W_i^K, V·W_i^V)</pre>
 * Self-attention passes the same sequence as query and memory; cross-attention (the decoder's
 * encoder-decoder attention) passes the encoder output as memory.
 *
 * <p>Shapes: B batch, T queries, S keys, D = d_model, H heads, d_k, d_v per head. query
 * (B, T, D), memory (B, S, D), mask (B, T, S), output (B, T, D). Head i owns the column block
 * [i·d_k, (i+1)·d_k) of W^Q and W^K and [i·d_v, (i+1)·d_v) of W^V, as in the inference engine.
 */
public final class MultiHeadAttentionLayer {

    /** ∂L/∂query and ∂L/∂memory; for self-attention the caller adds the two. */
    public record Gradients(INDArray dQuery, INDArray dMemory) {
    }

    private final String name;
    private final LinearLayer wq;
    private final LinearLayer wk;
    private final LinearLayer wv;
    private final LinearLayer wo;
    private final int heads;
    private final int dK;
    private final int dV;
    private final int dModel;
    private final boolean scaled;
    private final DotProductAttention attention = new DotProductAttention();
    private long b;
    private long t;
    private long s;

    public MultiHeadAttentionLayer(String name, LinearLayer wq, LinearLayer wk, LinearLayer wv, LinearLayer wo,
                                   int heads, boolean scaled) {
        if (heads <= 0) {
            throw new IllegalArgumentException(name + ": heads is " + heads + "; expected a positive number");
        }
        long d = wq.in();
        if (wk.in() != d || wv.in() != d || wo.out() != d || wq.out() != wk.out() || wv.out() != wo.in()
                || wq.out() % heads != 0 || wv.out() % heads != 0) {
            throw new IllegalArgumentException(name + ": W^Q " + wq.in() + "×" + wq.out() + ", W^K " + wk.in() + "×" + wk.out()
                    + ", W^V " + wv.in() + "×" + wv.out() + ", W^O " + wo.in() + "×" + wo.out()
                    + " do not fit " + heads + " heads; expected D×H·d_k, D×H·d_k, D×H·d_v, H·d_v×D");
        }
        this.name = name;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.wo = wo;
        this.heads = heads;
        this.dK = (int) (wq.out() / heads);
        this.dV = (int) (wv.out() / heads);
        this.dModel = (int) d;
        this.scaled = scaled;
    }

    /** Glorot-uniform projections, zero biases, drawn in the order W^Q, W^K, W^V, W^O. */
    public static MultiHeadAttentionLayer init(String name, int dModel, int heads, int dK, int dV, boolean scaled, Init init) {
        return new MultiHeadAttentionLayer(name,
                LinearLayer.glorot(name + ".w_q", dModel, heads * dK, init),
                LinearLayer.glorot(name + ".w_k", dModel, heads * dK, init),
                LinearLayer.glorot(name + ".w_v", dModel, heads * dV, init),
                LinearLayer.glorot(name + ".w_o", heads * dV, dModel, init), heads, scaled);
    }

    /** query (B, T, D), memory (B, S, D) -> (B, T, D). */
    public INDArray forward(INDArray query, INDArray memory, AttentionMask mask) {
        Shapes.require(query, name + " query", -1, -1, dModel);
        this.b = query.size(0);
        this.t = query.size(1);
        Shapes.require(memory, name + " memory", b, -1, dModel);
        this.s = memory.size(1);
        if (mask.batch() != b || mask.queries() != t || mask.keys() != s) {
            throw new IllegalArgumentException(name + ": the mask is for " + mask.batch() + "×" + mask.queries() + "×"
                    + mask.keys() + " but the attention is " + b + "×" + t + "×" + s + " (batch × queries × keys)");
        }
        // 1. project -> (B·T, H·d_k), (B·S, H·d_k), (B·S, H·d_v)
        INDArray qAll = wq.forward(query.reshape(b * t, dModel));
        INDArray kAll = wk.forward(memory.reshape(b * s, dModel));
        INDArray vAll = wv.forward(memory.reshape(b * s, dModel));
        // 2. attend, every sequence and head at once
        INDArray z = attention.forward(split(qAll, t, dK), split(kAll, s, dK), split(vAll, s, dV),
                mask.forHeads(heads, query.dataType()), ScaledDotProductAttention.scaleFactor(dK, scaled));
        // 3. concatenate the heads -> (B·T, H·d_v); 4. output projection -> (B, T, D)
        return wo.forward(merge(z, t, dV)).reshape(b, t, dModel);
    }

    /** ∂L/∂output (B, T, D) -> ∂L/∂query (B, T, D), ∂L/∂memory (B, S, D). */
    public Gradients backward(INDArray dOut) {
        Shapes.require(dOut, name + " output gradient", b, t, dModel);
        // 4. back through W^O, 3. un-concatenate into heads
        INDArray dConcat = wo.backward(dOut.reshape(b * t, dModel));
        DotProductAttention.Gradients g = attention.backward(split(dConcat, t, dV));
        // 2.–1. back through the projections; K and V both read the memory
        INDArray dQuery = wq.backward(merge(g.dQ(), t, dK));
        INDArray dMemory = wk.backward(merge(g.dK(), s, dK)).addi(wv.backward(merge(g.dV(), s, dV)));
        return new Gradients(dQuery.reshape(b, t, dModel), dMemory.reshape(b, s, dModel));
    }

    /** (B·L, H·w) -> (B·H, L, w): head h of sequence n becomes group n·H + h. */
    private INDArray split(INDArray a, long len, int w) {
        return a.reshape(b, len, heads, w).permute(0, 2, 1, 3).dup('c').reshape(b * heads, len, w); // -> (B·H, L, w)
    }

    /** (B·H, L, w) -> (B·L, H·w): the inverse of {@link #split}. */
    private INDArray merge(INDArray a, long len, int w) {
        return a.reshape(b, heads, len, w).permute(0, 2, 1, 3).dup('c').reshape(b * len, (long) heads * w); // -> (B·L, H·w)
    }

    /** The attention weights (B·H, T, S) of the last forward pass (group n·H + h); live, engine-internal. */
    public INDArray weights() {
        return attention.weights();
    }

    public int heads() {
        return heads;
    }

    public List<LinearLayer> projections() {
        return List.of(wq, wk, wv, wo);
    }

    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(8);
        for (LinearLayer l : projections()) {
            out.addAll(l.parameters());
        }
        return out;
    }
}

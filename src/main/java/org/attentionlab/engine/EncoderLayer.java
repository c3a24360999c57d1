package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One encoder layer (section 3.1): self-attention, then a position-wise feed-forward network,
 * each wrapped in a residual connection and a layer norm. Post-LN (the paper and BERT):
 * <pre>h = LN₁(x + MultiHead(x, x, x));  y = LN₂(h + FFN(h))</pre>
 * Pre-LN: {@code h = x + MultiHead(LN₁(x)); y = h + FFN(LN₂(h))}. Shapes: x (B, T, D) -> (B, T, D);
 * the mask is (B or 1, T, T), usually a padding mask.
 */
public final class EncoderLayer {

    private final ModelConfig config;
    private final MultiHeadAttention attention;
    private final LayerNorm norm1;
    private final FeedForward ffn;
    private final LayerNorm norm2;

    public EncoderLayer(ModelConfig config, MultiHeadAttention attention, LayerNorm norm1, FeedForward ffn, LayerNorm norm2) {
        this.config = config;
        this.attention = attention;
        this.norm1 = norm1;
        this.ffn = ffn;
        this.norm2 = norm2;
    }

    public static EncoderLayer init(ModelConfig c, Init init) {
        return new EncoderLayer(c, MultiHeadAttention.init(c, init), LayerNorm.identity(c.dModel(), c.layerNormEps(), init),
                FeedForward.init(c, init), LayerNorm.identity(c.dModel(), c.layerNormEps(), init));
    }

    public static EncoderLayer of(ModelConfig c, EncoderLayerWeights w) {
        Precision p = c.precision();
        return new EncoderLayer(c, MultiHeadAttention.of(c, w.attention()),
                LayerNorm.of(w.ln1().gamma(), w.ln1().beta(), c.layerNormEps(), p),
                FeedForward.of(w.ffn().w1(), w.ffn().b1(), w.ffn().w2(), w.ffn().b2(), c.activation(), p),
                LayerNorm.of(w.ln2().gamma(), w.ln2().beta(), c.layerNormEps(), p));
    }

    public MultiHeadAttention attention() {
        return attention;
    }

    /** x (B, T, D) -> (B, T, D). */
    public INDArray forward(INDArray x, Mask mask) {
        return Workspaces.scoped("attention-lab.encoder", () -> run(x, mask, null, null));
    }

    /**
     * x (B, T, D) -> (B, T, D), adding each sequence's attention weights to
     * {@code attentionWeightsOut}: one row-major (T, T) array per head, head 0 first.
     */
    INDArray forward(INDArray x, Mask mask, List<double[]> attentionWeightsOut) {
        return Workspaces.scoped("attention-lab.encoder", () -> run(x, mask, null, attentionWeightsOut));
    }

    /** Every stage for one sequence: x (T, D). */
    public EncoderLayerTrace trace(INDArray x, Mask mask) {
        Tensors.requireRank(x, 2, "encoder input");
        List<Object> rec = new ArrayList<>();
        run(x.reshape(1, x.size(0), x.size(1)), mask, rec, null);
        return (EncoderLayerTrace) rec.get(0);
    }

    private INDArray run(INDArray x, Mask mask, List<Object> rec, List<double[]> weightsOut) {
        Tensors.requireRank(x, 3, "encoder input");
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        int d = config.dModel();
        Tensors.requireSize(x, 2, d, "encoder input", "its last dimension must be d_model");
        INDArray x2 = x.reshape((long) b * t, d).castTo(config.precision().dataType());
        List<MultiHeadTrace> attn = rec == null ? null : new ArrayList<>(1);
        boolean pre = config.norm() == NormPlacement.PRE;
        // 1. self-attention sub-layer with its residual connection
        INDArray n1 = pre ? norm1.apply(x2) : null;
        INDArray attIn = (pre ? n1 : x2).reshape(b, t, d);
        INDArray a = attention.compute(attIn, attIn, mask, attn, weightsOut).reshape((long) b * t, d);
        // post-LN without a trace: the residual sum is folded into the norm (no separate array)
        boolean fold = !pre && rec == null;
        INDArray r1 = fold ? null : x2.add(a);
        if (!pre) {
            n1 = fold ? norm1.apply(x2, a) : norm1.apply(r1);
        }
        // 2. feed-forward sub-layer with its residual connection
        INDArray n2 = pre ? norm2.apply(r1) : null;
        INDArray hidden = ffn.hidden(pre ? n2 : n1);
        INDArray f = ffn.project(hidden);
        INDArray r2 = fold ? null : (pre ? r1 : n1).add(f);
        INDArray y = pre ? r2 : fold ? norm2.apply(n1, f) : norm2.apply(r2);
        if (!pre) {
            n2 = y;
        }
        if (rec != null) {
            rec.add(new EncoderLayerTrace(pre, m(x2), m(n1), attn.get(0), m(r1), m(n2), m(hidden), m(f), m(r2), m(y)));
        }
        return y.reshape(b, t, d);
    }

    static Matrix m(INDArray a) {
        return Tensors.matrixOf(a);
    }
}

package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.DecoderLayerTrace;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One decoder layer (section 3.1): masked self-attention (a position sees only earlier
 * positions, so training on a whole target sequence at once cannot peek ahead), then
 * cross-attention whose queries come from the target and whose keys and values come from the
 * encoder's output (the memory), then the feed-forward network. Post-LN:
 * <pre>h₁ = LN₁(y + MultiHead(y, y, y; causal))
 * h₂ = LN₂(h₁ + MultiHead(h₁, m, m; memory mask))
 * out = LN₃(h₂ + FFN(h₂))</pre>
 * Pre-LN puts each LN on the sub-layer's input instead. Shapes: y (B, T, D), memory (B, S, D),
 * self mask (B or 1, T, T), memory mask (B or 1, T, S).
 */
public final class DecoderLayer {

    private final ModelConfig config;
    private final MultiHeadAttention selfAttention;
    private final MultiHeadAttention crossAttention;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final FeedForward ffn;

    public DecoderLayer(ModelConfig config, MultiHeadAttention selfAttention, MultiHeadAttention crossAttention,
                        LayerNorm norm1, LayerNorm norm2, LayerNorm norm3, FeedForward ffn) {
        this.config = config;
        this.selfAttention = selfAttention;
        this.crossAttention = crossAttention;
        this.norm1 = norm1;
        this.norm2 = norm2;
        this.norm3 = norm3;
        this.ffn = ffn;
    }

    public static DecoderLayer init(ModelConfig c, Init init) {
        return new DecoderLayer(c, MultiHeadAttention.init(c, init), MultiHeadAttention.init(c, init),
                LayerNorm.identity(c.dModel(), c.layerNormEps(), init), LayerNorm.identity(c.dModel(), c.layerNormEps(), init),
                LayerNorm.identity(c.dModel(), c.layerNormEps(), init), FeedForward.init(c, init));
    }

    public static DecoderLayer of(ModelConfig c, DecoderLayerWeights w) {
        Precision p = c.precision();
        double eps = c.layerNormEps();
        return new DecoderLayer(c, MultiHeadAttention.of(c, w.selfAttention()), MultiHeadAttention.of(c, w.crossAttention()),
                LayerNorm.of(w.ln1().gamma(), w.ln1().beta(), eps, p), LayerNorm.of(w.ln2().gamma(), w.ln2().beta(), eps, p),
                LayerNorm.of(w.ln3().gamma(), w.ln3().beta(), eps, p),
                FeedForward.of(w.ffn().w1(), w.ffn().b1(), w.ffn().w2(), w.ffn().b2(), c.activation(), p));
    }

    /** y (B, T, D), memory (B, S, D) -> (B, T, D). */
    public INDArray forward(INDArray y, INDArray memory, Mask selfMask, Mask memoryMask) {
        return Workspaces.scoped("attention-lab.decoder", () -> run(y, memory, selfMask, memoryMask, null));
    }

    /** Every stage for one target sequence: y (T, D), memory (S, D). */
    public DecoderLayerTrace trace(INDArray y, INDArray memory, Mask selfMask, Mask memoryMask) {
        Tensors.requireRank(y, 2, "decoder input");
        Tensors.requireRank(memory, 2, "memory");
        List<Object> rec = new ArrayList<>();
        run(y.reshape(1, y.size(0), y.size(1)), memory.reshape(1, memory.size(0), memory.size(1)), selfMask, memoryMask, rec);
        return (DecoderLayerTrace) rec.get(0);
    }

    private INDArray run(INDArray y, INDArray memory, Mask selfMask, Mask memoryMask, List<Object> rec) {
        Tensors.requireRank(y, 3, "decoder input");
        int b = (int) y.size(0);
        int t = (int) y.size(1);
        int d = config.dModel();
        Tensors.requireSize(y, 2, d, "decoder input", "its last dimension must be d_model");
        INDArray y2 = y.reshape((long) b * t, d).castTo(config.precision().dataType());
        INDArray mem = memory.castTo(config.precision().dataType());
        List<MultiHeadTrace> selfRec = rec == null ? null : new ArrayList<>(1);
        List<MultiHeadTrace> crossRec = rec == null ? null : new ArrayList<>(1);
        boolean pre = config.norm() == NormPlacement.PRE;
        // 1. masked self-attention sub-layer
        INDArray n1 = pre ? norm1.apply(y2) : null;
        INDArray in1 = (pre ? n1 : y2).reshape(b, t, d);
        INDArray r1 = y2.add(selfAttention.compute(in1, in1, selfMask, selfRec).reshape((long) b * t, d));
        INDArray h1 = pre ? r1 : (n1 = norm1.apply(r1));
        // 2. cross-attention sub-layer: queries from the target, keys and values from the memory
        INDArray n2 = pre ? norm2.apply(h1) : null;
        INDArray in2 = (pre ? n2 : h1).reshape(b, t, d);
        INDArray r2 = h1.add(crossAttention.compute(in2, mem, memoryMask, crossRec).reshape((long) b * t, d));
        INDArray h2 = pre ? r2 : (n2 = norm2.apply(r2));
        // 3. feed-forward sub-layer
        INDArray n3 = pre ? norm3.apply(h2) : null;
        INDArray hidden = ffn.hidden(pre ? n3 : h2);
        INDArray f = ffn.project(hidden);
        INDArray r3 = h2.add(f);
        INDArray out = pre ? r3 : (n3 = norm3.apply(r3));
        if (rec != null) {
            rec.add(new DecoderLayerTrace(pre, EncoderLayer.m(y2), EncoderLayer.m(n1), selfRec.get(0), EncoderLayer.m(r1),
                    EncoderLayer.m(n2), crossRec.get(0), EncoderLayer.m(r2), EncoderLayer.m(n3), EncoderLayer.m(hidden),
                    EncoderLayer.m(f), EncoderLayer.m(r3), EncoderLayer.m(out)));
        }
        return out.reshape(b, t, d);
    }
}

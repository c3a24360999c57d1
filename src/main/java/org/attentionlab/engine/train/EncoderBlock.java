package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.NormPlacement;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One encoder layer (section 3.1) with its backward pass. Post-LN, as in the paper:
 * <pre>h = LN₁(x + MultiHead(x, x, x));  y = LN₂(h + FFN(h))</pre>
 * Pre-LN: {@code h = x + MultiHead(LN₁(x)); y = h + FFN(LN₂(h))}. A residual connection
 * passes its gradient to both of its branches unchanged, so the backward pass adds them.
 *
 * <p>Shapes: x (B, T, D), mask (B, T, T), y (B, T, D).
 */
public final class EncoderBlock {

    private final MultiHeadAttentionLayer attention;
    private final LayerNormLayer norm1;
    private final FeedForwardLayer ffn;
    private final LayerNormLayer norm2;
    private final NormPlacement placement;
    private final int dModel;
    private long b;
    private long t;

    public EncoderBlock(MultiHeadAttentionLayer attention, LayerNormLayer norm1, FeedForwardLayer ffn, LayerNormLayer norm2,
                        NormPlacement placement, int dModel) {
        this.attention = attention;
        this.norm1 = norm1;
        this.ffn = ffn;
        this.norm2 = norm2;
        this.placement = placement;
        this.dModel = dModel;
    }

    /** Drawn in the order self-attention, LN₁, FFN, LN₂; parameters named {@code name.…}. */
    public static EncoderBlock init(String name, ModelConfig c, Init init) {
        return new EncoderBlock(
                MultiHeadAttentionLayer.init(name + ".self_attention", c.dModel(), c.heads(), c.dK(), c.dV(), c.scaled(), init),
                LayerNormLayer.identity(name + ".norm_1", c.dModel(), c.layerNormEps(), init),
                FeedForwardLayer.init(name + ".ffn", c.dModel(), c.dFF(), requireTrainable(c.activation()), init),
                LayerNormLayer.identity(name + ".norm_2", c.dModel(), c.layerNormEps(), init), c.norm(), c.dModel());
    }

    static Activation requireTrainable(Activation a) {
        if (a == Activation.GELU_TANH) {
            throw new IllegalArgumentException("training supports the relu and exact gelu activations, not gelu_tanh");
        }
        return a;
    }

    /** x (B, T, D) -> (B, T, D). */
    public INDArray forward(INDArray x, AttentionMask mask) {
        Shapes.require(x, "encoder layer input", -1, -1, dModel);
        b = x.size(0);
        t = x.size(1);
        INDArray x2 = x.reshape(b * t, dModel);
        if (placement == NormPlacement.POST) {
            // 1. h = LN₁(x + MultiHead(x, x, x))
            INDArray h = norm1.forward(x2.add(attention.forward(x, x, mask).reshape(b * t, dModel)));
            // 2. y = LN₂(h + FFN(h))
            return norm2.forward(h.add(ffn.forward(h))).reshape(b, t, dModel);
        }
        // 1. h = x + MultiHead(LN₁(x)), 2. y = h + FFN(LN₂(h))
        INDArray n1 = norm1.forward(x2).reshape(b, t, dModel);
        INDArray h = x2.add(attention.forward(n1, n1, mask).reshape(b * t, dModel));
        return h.add(ffn.forward(norm2.forward(h))).reshape(b, t, dModel);
    }

    /** ∂L/∂y (B, T, D) -> ∂L/∂x (B, T, D). */
    public INDArray backward(INDArray dy) {
        Shapes.require(dy, "encoder layer output gradient", b, t, dModel);
        INDArray dy2 = dy.reshape(b * t, dModel);
        if (placement == NormPlacement.POST) {
            // 2. back through LN₂ and the residual around the FFN
            INDArray dr2 = norm2.backward(dy2);
            INDArray dh = dr2.add(ffn.backward(dr2));
            // 1. back through LN₁ and the residual around self-attention (query and memory are both x)
            INDArray dr1 = norm1.backward(dh);
            MultiHeadAttentionLayer.Gradients g = attention.backward(dr1.reshape(b, t, dModel));
            return dr1.addi(g.dQuery().reshape(b * t, dModel)).addi(g.dMemory().reshape(b * t, dModel)).reshape(b, t, dModel);
        }
        INDArray dh = dy2.add(norm2.backward(ffn.backward(dy2)));
        MultiHeadAttentionLayer.Gradients g = attention.backward(dh.reshape(b, t, dModel));
        INDArray dn1 = g.dQuery().add(g.dMemory()).reshape(b * t, dModel);
        return dh.addi(norm1.backward(dn1)).reshape(b, t, dModel);
    }

    public MultiHeadAttentionLayer attention() {
        return attention;
    }

    public LayerNormLayer norm1() {
        return norm1;
    }

    public FeedForwardLayer ffn() {
        return ffn;
    }

    public LayerNormLayer norm2() {
        return norm2;
    }

    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(attention.parameters());
        out.addAll(norm1.parameters());
        out.addAll(ffn.parameters());
        out.addAll(norm2.parameters());
        return out;
    }
}

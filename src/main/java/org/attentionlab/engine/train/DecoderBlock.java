package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Init;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.NormPlacement;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One decoder layer (section 3.1) with its backward pass: masked self-attention, cross-attention
 * to the encoder output (the memory), feed-forward. Post-LN, as in the paper:
 * <pre>h₁ = LN₁(y + MultiHead(y, y, y; causal))
 * h₂ = LN₂(h₁ + MultiHead(h₁, m, m; memory mask))
 * out = LN₃(h₂ + FFN(h₂))</pre>
 * Pre-LN puts each LN on its sub-layer's input instead. The memory gradient is returned so the
 * model can pass it down into the encoder (every decoder layer adds its share).
 *
 * <p>Shapes: y (B, T, D), memory (B, S, D), self mask (B, T, T), memory mask (B, T, S), out (B, T, D).
 */
public final class DecoderBlock {

    /** ∂L/∂y and ∂L/∂memory. */
    public record Gradients(INDArray dInput, INDArray dMemory) {
    }

    private final MultiHeadAttentionLayer selfAttention;
    private final MultiHeadAttentionLayer crossAttention;
    private final LayerNormLayer norm1;
    private final LayerNormLayer norm2;
    private final LayerNormLayer norm3;
    private final FeedForwardLayer ffn;
    private final NormPlacement placement;
    private final int dModel;
    private long b;
    private long t;

    public DecoderBlock(MultiHeadAttentionLayer selfAttention, MultiHeadAttentionLayer crossAttention, LayerNormLayer norm1,
                        LayerNormLayer norm2, LayerNormLayer norm3, FeedForwardLayer ffn, NormPlacement placement, int dModel) {
        this.selfAttention = selfAttention;
        this.crossAttention = crossAttention;
        this.norm1 = norm1;
        this.norm2 = norm2;
        this.norm3 = norm3;
        this.ffn = ffn;
        this.placement = placement;
        this.dModel = dModel;
    }

    /** Drawn in the order self-attention, cross-attention, LN₁, LN₂, LN₃, FFN. */
    public static DecoderBlock init(String name, ModelConfig c, Init init) {
        return new DecoderBlock(
                MultiHeadAttentionLayer.init(name + ".self_attention", c.dModel(), c.heads(), c.dK(), c.dV(), c.scaled(), init),
                MultiHeadAttentionLayer.init(name + ".cross_attention", c.dModel(), c.heads(), c.dK(), c.dV(), c.scaled(), init),
                LayerNormLayer.identity(name + ".norm_1", c.dModel(), c.layerNormEps(), init),
                LayerNormLayer.identity(name + ".norm_2", c.dModel(), c.layerNormEps(), init),
                LayerNormLayer.identity(name + ".norm_3", c.dModel(), c.layerNormEps(), init),
                FeedForwardLayer.init(name + ".ffn", c.dModel(), c.dFF(), EncoderBlock.requireTrainable(c.activation()), init),
                c.norm(), c.dModel());
    }

    /** y (B, T, D), memory (B, S, D) -> (B, T, D). */
    public INDArray forward(INDArray y, INDArray memory, AttentionMask selfMask, AttentionMask memoryMask) {
        Shapes.require(y, "decoder layer input", -1, -1, dModel);
        b = y.size(0);
        t = y.size(1);
        INDArray y2 = y.reshape(b * t, dModel);
        if (placement == NormPlacement.POST) {
            // 1. masked self-attention
            INDArray h1 = norm1.forward(y2.add(selfAttention.forward(y, y, selfMask).reshape(b * t, dModel)));
            // 2. cross-attention: queries from the target, keys and values from the memory
            INDArray h2 = norm2.forward(h1.add(crossAttention.forward(h1.reshape(b, t, dModel), memory, memoryMask)
                    .reshape(b * t, dModel)));
            // 3. feed-forward
            return norm3.forward(h2.add(ffn.forward(h2))).reshape(b, t, dModel);
        }
        INDArray n1 = norm1.forward(y2).reshape(b, t, dModel);
        INDArray h1 = y2.add(selfAttention.forward(n1, n1, selfMask).reshape(b * t, dModel));
        INDArray n2 = norm2.forward(h1).reshape(b, t, dModel);
        INDArray h2 = h1.add(crossAttention.forward(n2, memory, memoryMask).reshape(b * t, dModel));
        return h2.add(ffn.forward(norm3.forward(h2))).reshape(b, t, dModel);
    }

    /** ∂L/∂out (B, T, D) -> ∂L/∂y (B, T, D) and ∂L/∂memory (B, S, D). */
    public Gradients backward(INDArray dOut) {
        Shapes.require(dOut, "decoder layer output gradient", b, t, dModel);
        INDArray d2 = dOut.reshape(b * t, dModel);
        if (placement == NormPlacement.POST) {
            // 3. back through LN₃ and the FFN's residual
            INDArray dr3 = norm3.backward(d2);
            INDArray dh2 = dr3.add(ffn.backward(dr3));
            // 2. back through LN₂ and cross-attention's residual
            INDArray dr2 = norm2.backward(dh2);
            MultiHeadAttentionLayer.Gradients cross = crossAttention.backward(dr2.reshape(b, t, dModel));
            INDArray dh1 = dr2.addi(cross.dQuery().reshape(b * t, dModel));
            // 1. back through LN₁ and self-attention's residual
            INDArray dr1 = norm1.backward(dh1);
            MultiHeadAttentionLayer.Gradients self = selfAttention.backward(dr1.reshape(b, t, dModel));
            INDArray dy = dr1.addi(self.dQuery().reshape(b * t, dModel)).addi(self.dMemory().reshape(b * t, dModel));
            return new Gradients(dy.reshape(b, t, dModel), cross.dMemory());
        }
        INDArray dh2 = d2.add(norm3.backward(ffn.backward(d2)));
        MultiHeadAttentionLayer.Gradients cross = crossAttention.backward(dh2.reshape(b, t, dModel));
        INDArray dh1 = dh2.addi(norm2.backward(cross.dQuery().reshape(b * t, dModel)));
        MultiHeadAttentionLayer.Gradients self = selfAttention.backward(dh1.reshape(b, t, dModel));
        INDArray dy = dh1.addi(norm1.backward(self.dQuery().add(self.dMemory()).reshape(b * t, dModel)));
        return new Gradients(dy.reshape(b, t, dModel), cross.dMemory());
    }

    public MultiHeadAttentionLayer selfAttention() {
        return selfAttention;
    }

    public MultiHeadAttentionLayer crossAttention() {
        return crossAttention;
    }

    public LayerNormLayer norm1() {
        return norm1;
    }

    public LayerNormLayer norm2() {
        return norm2;
    }

    public LayerNormLayer norm3() {
        return norm3;
    }

    public FeedForwardLayer ffn() {
        return ffn;
    }

    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(selfAttention.parameters());
        out.addAll(crossAttention.parameters());
        out.addAll(norm1.parameters());
        out.addAll(norm2.parameters());
        out.addAll(norm3.parameters());
        out.addAll(ffn.parameters());
        return out;
    }
}

package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.DecoderLayerTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The decoder stack (section 3.1): N identical layers, each attending to the same encoder
 * output (the memory). Shapes: y (B, T, D), memory (B, S, D) -> (B, T, D).
 */
public final class Decoder {

    private final ModelConfig config;
    private final List<DecoderLayer> layers;

    public Decoder(ModelConfig config, List<DecoderLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a decoder needs at least one layer");
        }
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    public static Decoder init(ModelConfig config, Init init) {
        List<DecoderLayer> ls = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            ls.add(DecoderLayer.init(config, init));
        }
        return new Decoder(config, ls);
    }

    public static Decoder of(ModelConfig config, List<DecoderLayerWeights> weights) {
        return new Decoder(config, weights.stream().map(w -> DecoderLayer.of(config, w)).toList());
    }

    public List<DecoderLayer> layers() {
        return layers;
    }

    /**
     * y (B, T, D), memory (B, S, D) -> (B, T, D). The causal mask is always applied; the
     * extra self mask (target padding) and the memory mask may be {@link Mask#none()}.
     */
    public INDArray forward(INDArray y, INDArray memory, Mask targetPadding, Mask memoryMask) {
        Mask selfMask = Mask.causal((int) y.size(1)).and(targetPadding);
        INDArray h = y;
        for (DecoderLayer layer : layers) {
            h = layer.forward(h, memory, selfMask, memoryMask);
        }
        return h;
    }

    /** Every layer's stages for one target sequence: y (T, D), memory (S, D). */
    public List<DecoderLayerTrace> trace(double[][] y, double[][] memory, Mask targetPadding, Mask memoryMask) {
        Precision p = config.precision();
        Mask selfMask = Mask.causal(y.length).and(targetPadding);
        INDArray mem = Tensors.matrix(memory, p, "memory");
        INDArray h = Tensors.matrix(y, p, "decoder input");
        List<DecoderLayerTrace> out = new ArrayList<>(layers.size());
        for (DecoderLayer layer : layers) {
            DecoderLayerTrace lt = layer.trace(h, mem, selfMask, memoryMask);
            out.add(lt);
            h = Tensors.matrix(lt.output().toArray(), p, "decoder layer output");
        }
        return List.copyOf(out);
    }
}

package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The encoder stack (section 3.1): N identical layers applied in order. Shapes: x (B, T, D) ->
 * (B, T, D); mask (B or 1, T, T).
 */
public final class Encoder {

    private final ModelConfig config;
    private final List<EncoderLayer> layers;

    public Encoder(ModelConfig config, List<EncoderLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an encoder needs at least one layer");
        }
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    /** config.layers() Glorot-initialised layers, drawn in order from one seeded stream. */
    public static Encoder init(ModelConfig config, Init init) {
        List<EncoderLayer> ls = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            ls.add(EncoderLayer.init(config, init));
        }
        return new Encoder(config, ls);
    }

    public static Encoder of(ModelConfig config, List<EncoderLayerWeights> weights) {
        return new Encoder(config, weights.stream().map(w -> EncoderLayer.of(config, w)).toList());
    }

    public List<EncoderLayer> layers() {
        return layers;
    }

    public ModelConfig config() {
        return config;
    }

    /** x (B, T, D) -> (B, T, D). */
    public INDArray forward(INDArray x, Mask mask) {
        INDArray h = x;
        for (EncoderLayer layer : layers) {
            h = layer.forward(h, mask);
        }
        return h;
    }

    /** Every layer's stages for one sequence; x (T, D) as plain numbers. */
    public List<EncoderLayerTrace> trace(double[][] x, Mask mask) {
        List<EncoderLayerTrace> out = new ArrayList<>(layers.size());
        INDArray h = Tensors.matrix(x, config.precision(), "encoder input");
        for (EncoderLayer layer : layers) {
            EncoderLayerTrace lt = layer.trace(h, mask);
            out.add(lt);
            h = Nd4j.create(lt.output().toArray()).castTo(config.precision().dataType());
        }
        return List.copyOf(out);
    }
}

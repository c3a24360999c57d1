package org.attentionlab.ui;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.Backend;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.MultiHeadTrace;

/**
 * The engine on ND4J. The ND4J arrays made here live only inside one call: what leaves is plain
 * arrays and trace records. Stateless, so one instance serves every view.
 */
public final class Nd4jEngineService implements EngineService {

    @Override
    public BackendInfo backend() {
        return Backend.describe();
    }

    @Override
    public AttentionWeights initialWeights(ModelConfig config, long seed) {
        return MultiHeadAttention.init(config, new Init(seed, config.precision())).weights();
    }

    @Override
    public MultiHeadTrace selfAttention(double[][] x, ModelConfig config, AttentionWeights weights, Mask mask) {
        var input = Tensors.matrix(x, config.precision(), "X");
        return MultiHeadAttention.of(config, weights).trace(input, input, mask);
    }
}

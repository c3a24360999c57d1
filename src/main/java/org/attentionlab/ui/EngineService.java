package org.attentionlab.ui;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.trace.MultiHeadTrace;

/**
 * What the views ask of the engine, in plain arrays and immutable traces only: the UI never
 * holds an ND4J array. Every method may be slow (the first call loads ND4J's natives) and is
 * called on the background executor, never on the FX thread.
 */
public interface EngineService {

    /** Which backend runs (CPU/CUDA, device, BLAS, threads, and why). */
    BackendInfo backend();

    /** Seeded Glorot weights for {@code config} (W^Q, W^K, W^V, W^O, zero biases). */
    AttentionWeights initialWeights(ModelConfig config, long seed);

    /** Self-attention of {@code x} (T, d_model) with every stage of every head traced. */
    MultiHeadTrace selfAttention(double[][] x, ModelConfig config, AttentionWeights weights, Mask mask);

    /**
     * The embedding tables of the BERT model the user has loaded, or empty while none is loaded.
     * Empty by default: model loading plugs in by overriding this, and the embedding view then adds
     * up the model's own token, segment and position rows instead of seeded ones.
     */
    default java.util.Optional<ModelEmbeddings> bertEmbeddings() {
        return java.util.Optional.empty();
    }
}

package org.attentionlab.ui;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.ScaledDotProductAttention;
import org.attentionlab.engine.trace.AttentionTrace;
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
     * Scaled dot-product attention on Q (T, d_k), K (S, d_k), V (S, d_v) given directly, every
     * stage traced (cross-attention examples, where the query does not come from the keys' X).
     */
    default AttentionTrace attention(double[][] q, double[][] k, double[][] v, Mask mask, boolean scaled,
                                     Precision precision) {
        return ScaledDotProductAttention.trace(q, k, v, mask, scaled, precision);
    }
}

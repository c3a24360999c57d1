package org.attentionlab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.trace.EncoderLayerTrace;
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
     * The embedding tables of the BERT model the user has loaded, or empty while none is loaded.
     * Empty by default: model loading plugs in by overriding this, and the embedding view then adds
     * up the model's own token, segment and position rows instead of seeded ones.
     */
    default java.util.Optional<ModelEmbeddings> bertEmbeddings() {
        return java.util.Optional.empty();
    }

    /**
     * Every layer of a post-LN encoder (section 3.1) with seeded Glorot weights, run on {@code x}
     * (T, d_model) without a mask, each layer traced: its input, every head, the concatenation, W^O,
     * the residuals and norms. {@code config.layers()} layers, d_ff from the config.
     */
    default List<EncoderLayerTrace> encoderTrace(double[][] x, ModelConfig config, long seed) {
        throw new UnsupportedOperationException("this engine does not run encoder stacks");
    }

    /**
     * Loads a Hugging Face BERT folder: {@code config.json}, {@code model.safetensors} and
     * {@code vocab.txt} (the views need it to tokenize).
     *
     * @param progress receives the fraction read, 0 to 1, on the calling thread
     * @throws IllegalArgumentException (a {@code ModelFileException}) naming the file and every problem
     * @throws IOException if a file cannot be read
     */
    default BertSession openBert(Path folder, DoubleConsumer progress) throws IOException {
        throw new UnsupportedOperationException("this engine does not load BERT checkpoints");
    }

    /**
     * Scaled dot-product attention on Q (T, d_k), K (S, d_k), V (S, d_v) given directly, every
     * stage traced (cross-attention examples, where the query does not come from the keys' X).
     */
    default AttentionTrace attention(double[][] q, double[][] k, double[][] v, Mask mask, boolean scaled,
                                     Precision precision) {
        return ScaledDotProductAttention.trace(q, k, v, mask, scaled, precision);
    }
}

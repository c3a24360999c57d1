package org.attentionlab.bench;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.EncoderLayerWeights;

/**
 * Another engine that runs the benchmark's cases on the same weights. Heavy peers (ONNX Runtime)
 * are compiled only with the Maven profile {@code bench} and found by name at run time
 * ({@link Peers}), so the normal build neither downloads nor needs them.
 */
public interface Peer {

    /** The {@code impl} column: "onnxruntime". */
    String impl();

    /** Version and settings, for the report. */
    String describe();

    /** Multi-head self-attention of x (T, D), ready to run repeatedly. */
    Run multiHead(AttentionWeights w, int heads, double[][] x, boolean causal) throws Exception;

    /** A post-LN encoder layer with exact GELU on x (T, D). */
    Run encoderLayer(EncoderLayerWeights w, int heads, double[][] x, double eps) throws Exception;

    /** One prepared computation; {@link #run()} returns the (T, D) result, {@link #time()} leaves it native. */
    interface Run extends AutoCloseable {
        double[][] run();

        /** The same computation without copying the result into Java arrays (what is timed). */
        void time();

        @Override
        void close();
    }
}

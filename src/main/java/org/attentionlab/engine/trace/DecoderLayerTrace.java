package org.attentionlab.engine.trace;

/**
 * One decoder layer for one target sequence (section 3.1): masked self-attention over the
 * target, cross-attention from the target to the encoder's output (the memory), feed-forward.
 * Post-LN: norm_k = LN_k(residual_k). Pre-LN: norm_k = LN_k(input of sub-layer k) and
 * output = residual3. All matrices (T, d_model) except ffnHidden (T, d_ff).
 */
public record DecoderLayerTrace(boolean preNorm, Matrix input, Matrix norm1, MultiHeadTrace selfAttention,
                                Matrix residual1, Matrix norm2, MultiHeadTrace crossAttention, Matrix residual2,
                                Matrix norm3, Matrix ffnHidden, Matrix ffnOutput, Matrix residual3, Matrix output) {
}

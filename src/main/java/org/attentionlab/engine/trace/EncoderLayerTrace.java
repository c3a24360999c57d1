package org.attentionlab.engine.trace;

/**
 * One encoder layer for one sequence (section 3.1), all (T, d_model) except the hidden layer.
 * Post-LN (the paper, BERT): residual1 = input + attention, norm1 = LN₁(residual1),
 * residual2 = norm1 + ffnOutput, output = norm2 = LN₂(residual2).
 * Pre-LN: norm1 = LN₁(input), residual1 = input + attention(norm1), norm2 = LN₂(residual1),
 * residual2 = output = residual1 + ffnOutput.
 *
 * @param ffnHidden (T, d_ff) after the activation
 */
public record EncoderLayerTrace(boolean preNorm, Matrix input, Matrix norm1, MultiHeadTrace attention, Matrix residual1,
                                Matrix norm2, Matrix ffnHidden, Matrix ffnOutput, Matrix residual2, Matrix output) {
}

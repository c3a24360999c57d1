package org.attentionlab.engine.train;

/**
 * What one optimizer step reports.
 *
 * @param loss         the training loss of the step's batch, before the update
 * @param learningRate η used for the update
 * @param gradientNorm ‖∂L/∂θ‖₂ before clipping
 */
public record StepResult(double loss, double learningRate, double gradientNorm) {
}

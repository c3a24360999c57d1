package org.attentionlab.engine.train;

/**
 * Updates parameters from their gradients. Optimizers keep per-parameter state (momentum,
 * moment estimates) sized for the one {@link Parameters} set they were created for.
 */
public interface Optimizer {

    /** One update θ ← θ − (step computed from ∂L/∂θ) with learning rate {@code learningRate}. */
    void step(double learningRate);

    /** How many updates have been made. */
    int steps();

    /** A one-line description with the hyper-parameters, e.g. {@code Adam(β₁=0.9, β₂=0.98, ε=1e-9)}. */
    String describe();
}

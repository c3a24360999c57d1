package org.attentionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with (heavy-ball) momentum μ, as PyTorch's {@code SGD(momentum=μ)}:
 * <pre>v ← μ·v + g;   θ ← θ − η·v</pre>
 * With μ = 0 it is plain gradient descent, θ ← θ − η·g.
 */
public final class Sgd implements Optimizer {

    private final Parameters parameters;
    private final double momentum;
    private final INDArray velocity;
    private int steps;

    public Sgd(Parameters parameters, double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum is " + momentum + "; expected a number in [0, 1)");
        }
        this.parameters = parameters;
        this.momentum = momentum;
        this.velocity = Nd4j.zeros(parameters.dataType(), parameters.count());
    }

    @Override
    public void step(double learningRate) {
        Adam.requireRate(learningRate);
        INDArray g = parameters.flatGrads();
        // 1. v ← μ·v + g
        velocity.muli(momentum).addi(g);
        // 2. θ ← θ − η·v
        parameters.flatValues().subi(velocity.mul(learningRate));
        steps++;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public String describe() {
        return "SGD(momentum=" + momentum + ")";
    }
}

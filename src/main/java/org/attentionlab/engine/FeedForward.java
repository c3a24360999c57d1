package org.attentionlab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The position-wise feed-forward network (section 3.3): FFN(x) = act(x·W₁ + b₁)·W₂ + b₂, the
 * same two linear maps applied to every position. Shapes: x (N, D), W₁ (D, d_ff),
 * W₂ (d_ff, D), hidden (N, d_ff), output (N, D).
 */
public final class FeedForward {

    private final Linear first;
    private final Linear second;
    private final Activation activation;

    public FeedForward(Linear first, Linear second, Activation activation) {
        if (first.out() != second.in() || first.in() != second.out()) {
            throw new IllegalArgumentException("feed-forward W₁ is " + first.in() + "×" + first.out() + " but W₂ is "
                    + second.in() + "×" + second.out() + "; expected D×d_ff and d_ff×D");
        }
        this.first = first;
        this.second = second;
        this.activation = activation;
    }

    public static FeedForward init(ModelConfig c, Init init) {
        return new FeedForward(Linear.glorot(init, c.dModel(), c.dFF(), "W₁"), Linear.glorot(init, c.dFF(), c.dModel(), "W₂"),
                c.activation());
    }

    public static FeedForward of(double[][] w1, double[] b1, double[][] w2, double[] b2, Activation act, Precision p) {
        return new FeedForward(new Linear(Tensors.matrix(w1, p, "W₁"), Tensors.vector(b1, p, "b₁"), "W₁"),
                new Linear(Tensors.matrix(w2, p, "W₂"), Tensors.vector(b2, p, "b₂"), "W₂"), act);
    }

    /** (N, D) -> (N, d_ff), after the activation. */
    public INDArray hidden(INDArray x) {
        return activate(first.apply(x), activation);
    }

    /** (N, d_ff) -> (N, D). */
    public INDArray project(INDArray hidden) {
        return second.apply(hidden);
    }

    /** (N, D) -> (N, D). */
    public INDArray apply(INDArray x) {
        return project(hidden(x));
    }

    /** Applies an activation in place and returns its argument. */
    static INDArray activate(INDArray x, Activation activation) {
        return switch (activation) {
            case RELU -> Transforms.relu(x, false);
            case GELU -> geluInPlace(x);
            case GELU_TANH -> geluTanhInPlace(x);
        };
    }

    /**
     * Exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2, written out on ND4J's erf because ND4J's own
     * {@code PreciseGELU} is wrong (0.8315 at x = 1; the right value is 0.8413).
     */
    static INDArray geluInPlace(INDArray x) {
        INDArray erf = x.mul(1.0 / Math.sqrt(2.0));
        Nd4j.getExecutioner().exec(new Erf(erf, erf));
        return x.muli(erf.addi(1.0)).muli(0.5);
    }

    /** GELU's tanh approximation: x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))/2. */
    static INDArray geluTanhInPlace(INDArray x) {
        INDArray inner = x.mul(x).muli(x).muli(0.044715).addi(x).muli(Math.sqrt(2.0 / Math.PI));
        return x.muli(Transforms.tanh(inner, false).addi(1.0)).muli(0.5);
    }
}

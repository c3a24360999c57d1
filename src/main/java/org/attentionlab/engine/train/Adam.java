package org.attentionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1), the optimizer of section 5.3 (there with β₁ = 0.9,
 * β₂ = 0.98, ε = 10⁻⁹; PyTorch's defaults are β₂ = 0.999, ε = 10⁻⁸, which the notebook uses).
 * At step t, with g = ∂L/∂θ:
 * <pre>m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²
 * m̂ = m / (1 − β₁ᵗ)                 v̂ = v / (1 − β₂ᵗ)
 * θ ← θ − η·m̂ / (√v̂ + ε)</pre>
 * The bias corrections undo the pull of the zero-initialised moments towards 0 in early steps.
 */
public final class Adam implements Optimizer {

    private final Parameters parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final INDArray m;
    private final INDArray v;
    private int t;

    public Adam(Parameters parameters, double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam β₁ = " + beta1 + ", β₂ = " + beta2 + "; expected numbers in [0, 1)");
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Adam ε is " + epsilon + "; expected a small positive number");
        }
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = Nd4j.zeros(parameters.dataType(), parameters.count());
        this.v = Nd4j.zeros(parameters.dataType(), parameters.count());
    }

    /** PyTorch's defaults: β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸. */
    public static Adam pytorchDefaults(Parameters parameters) {
        return new Adam(parameters, 0.9, 0.999, 1e-8);
    }

    /** The paper's settings (section 5.3): β₁ = 0.9, β₂ = 0.98, ε = 10⁻⁹. */
    public static Adam paper(Parameters parameters) {
        return new Adam(parameters, 0.9, 0.98, 1e-9);
    }

    @Override
    public void step(double learningRate) {
        requireRate(learningRate);
        t++;
        INDArray g = parameters.flatGrads();
        // 1. biased first and second moment estimates
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        // 2. bias-corrected estimates
        INDArray mHat = m.div(1 - Math.pow(beta1, t));
        INDArray vHat = v.div(1 - Math.pow(beta2, t));
        // 3. θ ← θ − η·m̂ / (√v̂ + ε)
        parameters.flatValues().subi(mHat.divi(Transforms.sqrt(vHat, false).addi(epsilon)).muli(learningRate));
    }

    static void requireRate(double learningRate) {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate is " + learningRate + "; expected a finite number ≥ 0");
        }
    }

    @Override
    public int steps() {
        return t;
    }

    @Override
    public String describe() {
        return "Adam(β₁=" + beta1 + ", β₂=" + beta2 + ", ε=" + epsilon + ")";
    }
}

package org.attentionlab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation (Ba et al. 2016), used around every sub-layer (Vaswani et al. 2017,
 * section 3.1): each row (position) is shifted to mean 0 and scaled to variance 1, then given a
 * learned gain γ and bias β: y = (x − μ) / √(σ² + ε) · γ + β, with σ² the population variance.
 * ε keeps a constant row (σ² = 0) finite. Shapes: x (N, D) -> (N, D), γ and β (D).
 */
public final class LayerNorm {

    private final INDArray gamma;
    private final INDArray beta;
    private final double eps;

    public LayerNorm(INDArray gamma, INDArray beta, double eps) {
        if (gamma.length() != beta.length()) {
            throw new IllegalArgumentException("layer norm γ has " + gamma.length() + " entries but β has " + beta.length());
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("layer norm eps is " + eps + "; expected a small positive number");
        }
        this.gamma = gamma.reshape(1, gamma.length());
        this.beta = beta.reshape(1, beta.length());
        this.eps = eps;
    }

    /** γ = 1, β = 0. */
    public static LayerNorm identity(int d, double eps, Init init) {
        return new LayerNorm(init.ones(d), init.zeros(d), eps);
    }

    public static LayerNorm of(double[] gamma, double[] beta, double eps, Precision p) {
        return new LayerNorm(Tensors.vector(gamma, p, "γ"), Tensors.vector(beta, p, "β"), eps);
    }

    /** (N, D) -> (N, D). */
    public INDArray apply(INDArray x) {
        Tensors.requireSize(x, 1, gamma.length(), "layer norm input", "its width must match γ");
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray std = Transforms.sqrt(variance.addi(eps), false);
        return centred.diviColumnVector(std).muliRowVector(gamma).addiRowVector(beta);
    }

    public double eps() {
        return eps;
    }

    public int width() {
        return (int) gamma.length();
    }
}

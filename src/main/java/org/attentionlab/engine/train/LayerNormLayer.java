package org.attentionlab.engine.train;

import java.util.List;

import org.attentionlab.engine.Init;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation (Ba et al. 2016) as the Transformer uses it around every sub-layer
 * (section 3.1), with its backward pass. Per row: μ, σ² (population variance),
 * x̂ = (x − μ)/√(σ² + ε), y = γ ⊙ x̂ + β. Backward, with g = γ ⊙ ∂L/∂y and D the width:
 * <pre>∂L/∂γ += Σ_rows ∂L/∂y ⊙ x̂    ∂L/∂β += Σ_rows ∂L/∂y
 * ∂L/∂x = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε)</pre>
 * (the two means are per row: the normalisation makes every row's gradient orthogonal to the
 * constant direction and to x̂ itself).
 *
 * <p>Shapes: x (N, D), γ and β (D), y (N, D).
 */
public final class LayerNormLayer {

    private final String name;
    private final Parameter gamma;
    private final Parameter beta;
    private final double eps;
    private final int width;
    private INDArray xHat;
    private INDArray invStd;

    public LayerNormLayer(String name, Parameter gamma, Parameter beta, double eps) {
        if (gamma.shape().length != 1 || beta.shape().length != 1 || gamma.length() != beta.length()) {
            throw new IllegalArgumentException(name + ": γ " + gamma + " and β " + beta + " must be vectors of one length");
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException(name + ": ε is " + eps + "; expected a small positive number");
        }
        this.name = name;
        this.gamma = gamma;
        this.beta = beta;
        this.eps = eps;
        this.width = (int) gamma.length();
    }

    /** γ = 1, β = 0. */
    public static LayerNormLayer identity(String name, int width, double eps, Init init) {
        return new LayerNormLayer(name, new Parameter(name + ".gamma", init.ones(width)),
                new Parameter(name + ".beta", init.zeros(width)), eps);
    }

    /** x (N, D) -> (N, D). */
    public INDArray forward(INDArray x) {
        Shapes.require(x, name + " input", -1, width);
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray variance = centred.mul(centred).mean(true, 1); // -> (N, 1)
        this.invStd = Transforms.pow(variance.addi(eps), -0.5, false);
        this.xHat = centred.muliColumnVector(invStd);
        return xHat.mulRowVector(gamma.value().reshape(1, width)).addiRowVector(beta.value().reshape(1, width));
    }

    /** ∂L/∂y (N, D) -> ∂L/∂x (N, D); adds into ∂L/∂γ, ∂L/∂β. */
    public INDArray backward(INDArray dy) {
        Shapes.requireForward(xHat, name);
        Shapes.require(dy, name + " output gradient", xHat.size(0), width);
        gamma.grad().addi(dy.mul(xHat).sum(0));
        beta.grad().addi(dy.sum(0));
        INDArray g = dy.mulRowVector(gamma.value().reshape(1, width));
        INDArray meanG = g.mean(true, 1);
        INDArray meanGx = g.mul(xHat).mean(true, 1);
        return g.subiColumnVector(meanG).subi(xHat.mulColumnVector(meanGx)).muliColumnVector(invStd);
    }

    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    public double eps() {
        return eps;
    }
}

package org.attentionlab.engine.train;

import java.util.List;

import org.attentionlab.engine.Init;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A learned linear map y = x·W + b applied to every row (position) independently: the
 * projections W^Q, W^K, W^V, W^O of section 3.2.2, the two maps of the feed-forward network
 * (section 3.3) and the output projection (section 3.4).
 *
 * <p>Shapes: x (N, in), W (in, out), b (out), y (N, out); N is any flattening of (B, T).
 * Backward, from ∂L/∂y (N, out):
 * <pre>∂L/∂W += xᵀ·∂L/∂y    ∂L/∂b += Σ_rows ∂L/∂y    ∂L/∂x = ∂L/∂y·Wᵀ</pre>
 */
public final class LinearLayer {

    private final String name;
    private final Parameter weight;
    private final Parameter bias;
    private final long in;
    private final long out;
    private INDArray x;

    /**
     * @param weight (in, out)
     * @param bias   (out)
     */
    public LinearLayer(String name, Parameter weight, Parameter bias) {
        long[] w = weight.shape();
        long[] b = bias.shape();
        if (w.length != 2 || b.length != 1 || b[0] != w[1]) {
            throw new IllegalArgumentException(name + ": weight " + weight + " and bias " + bias
                    + " do not fit; expected (in, out) and (out)");
        }
        this.name = name;
        this.weight = weight;
        this.bias = bias;
        this.in = w[0];
        this.out = w[1];
    }

    /** Glorot-uniform weight and zero bias, drawn from {@code init}; named {@code name.weight}, {@code name.bias}. */
    public static LinearLayer glorot(String name, int in, int out, Init init) {
        return new LinearLayer(name, new Parameter(name + ".weight", init.glorot(in, out)),
                new Parameter(name + ".bias", init.zeros(out)));
    }

    /** x (N, in) -> (N, out). */
    public INDArray forward(INDArray x) {
        Shapes.require(x, name + " input", -1, in);
        this.x = x;
        INDArray w = weight.value();
        return Nd4j.gemm(x, w, false, false).addiRowVector(bias.value().reshape(1, out));
    }

    /** ∂L/∂y (N, out) -> ∂L/∂x (N, in); adds into ∂L/∂W and ∂L/∂b. */
    public INDArray backward(INDArray dy) {
        Shapes.requireForward(x, name);
        Shapes.require(dy, name + " output gradient", x.size(0), out);
        weight.grad().addi(Nd4j.gemm(x, dy, true, false));
        bias.grad().addi(dy.sum(0));
        return Nd4j.gemm(dy, weight.value(), false, true);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    public long in() {
        return in;
    }

    public long out() {
        return out;
    }
}

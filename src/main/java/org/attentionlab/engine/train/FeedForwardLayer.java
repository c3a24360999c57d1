package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.Init;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The position-wise feed-forward network (section 3.3), FFN(x) = act(x·W₁ + b₁)·W₂ + b₂, with
 * its backward pass. The activation's derivative, applied to the pre-activation a = x·W₁ + b₁:
 * <pre>ReLU′(a) = 1 if a &gt; 0 else 0
 * GELU(a) = a·Φ(a),  GELU′(a) = Φ(a) + a·φ(a)     (Φ, φ: the standard normal's CDF and density)</pre>
 * The exact (erf) GELU is the one BERT uses; the tanh approximation is not offered for training.
 *
 * <p>Shapes: x (N, D), W₁ (D, d_ff), hidden (N, d_ff), W₂ (d_ff, D), y (N, D).
 */
public final class FeedForwardLayer {

    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final String name;
    private final LinearLayer first;
    private final LinearLayer second;
    private final Activation activation;
    private INDArray preActivation;

    public FeedForwardLayer(String name, LinearLayer first, LinearLayer second, Activation activation) {
        if (first.out() != second.in() || first.in() != second.out()) {
            throw new IllegalArgumentException(name + ": W₁ is " + first.in() + "×" + first.out() + " but W₂ is "
                    + second.in() + "×" + second.out() + "; expected D×d_ff and d_ff×D");
        }
        if (activation == Activation.GELU_TANH) {
            throw new IllegalArgumentException(name + ": training supports ReLU and the exact GELU, not gelu_tanh");
        }
        this.name = name;
        this.first = first;
        this.second = second;
        this.activation = activation;
    }

    public static FeedForwardLayer init(String name, int dModel, int dFF, Activation activation, Init init) {
        return new FeedForwardLayer(name, LinearLayer.glorot(name + ".w_1", dModel, dFF, init),
                LinearLayer.glorot(name + ".w_2", dFF, dModel, init), activation);
    }

    /** x (N, D) -> (N, D). */
    public INDArray forward(INDArray x) {
        // 1. a = x·W₁ + b₁, 2. h = act(a), 3. y = h·W₂ + b₂
        this.preActivation = first.forward(x);
        return second.forward(activate(preActivation.dup()));
    }

    /** ∂L/∂y (N, D) -> ∂L/∂x (N, D). */
    public INDArray backward(INDArray dy) {
        Shapes.requireForward(preActivation, name);
        INDArray dHidden = second.backward(dy);
        return first.backward(dHidden.muli(derivative(preActivation)));
    }

    private INDArray activate(INDArray a) {
        if (activation == Activation.RELU) {
            return Transforms.relu(a, false);
        }
        INDArray phi = erf(a.mul(INV_SQRT_2)).addi(1.0).muli(0.5); // Φ(a)
        return a.muli(phi);
    }

    private INDArray derivative(INDArray a) {
        if (activation == Activation.RELU) {
            return a.gt(0.0).castTo(a.dataType());
        }
        INDArray cdf = erf(a.mul(INV_SQRT_2)).addi(1.0).muli(0.5);
        INDArray density = Transforms.exp(a.mul(a).muli(-0.5), false).muli(INV_SQRT_2PI);
        return cdf.addi(density.muli(a));
    }

    private static INDArray erf(INDArray x) {
        Nd4j.getExecutioner().exec(new Erf(x, x));
        return x;
    }

    public Activation activation() {
        return activation;
    }

    public LinearLayer first() {
        return first;
    }

    public LinearLayer second() {
        return second;
    }

    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(first.parameters());
        out.addAll(second.parameters());
        return out;
    }
}

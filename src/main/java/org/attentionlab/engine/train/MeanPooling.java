package org.attentionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean pooling over positions, the notebook's {@code context.mean(dim=1)}: one vector per
 * sequence, p_b = (1/T) Σ_t x_{b,t}. Backward spreads ∂L/∂p evenly: ∂L/∂x_{b,t} = ∂L/∂p_b / T.
 *
 * <p>Shapes: x (B, T, D) -> (B, D).
 */
public final class MeanPooling {

    private long b;
    private long t;
    private long d;

    /** x (B, T, D) -> (B, D). */
    public INDArray forward(INDArray x) {
        Shapes.require(x, "mean pooling input", -1, -1, -1);
        this.b = x.size(0);
        this.t = x.size(1);
        this.d = x.size(2);
        return x.mean(1);
    }

    /** ∂L/∂p (B, D) -> ∂L/∂x (B, T, D). */
    public INDArray backward(INDArray dPooled) {
        if (t == 0) {
            throw new IllegalStateException("mean pooling: backward was called before forward");
        }
        Shapes.require(dPooled, "mean pooling output gradient", b, d);
        return Nd4j.tile(dPooled.reshape(b, 1, d), 1, (int) t, 1).divi(t); // -> (B, T, D)
    }
}

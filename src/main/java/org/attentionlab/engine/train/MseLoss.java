package org.attentionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error, PyTorch's {@code nn.MSELoss()} (the notebook's loss):
 * L = (1/n) Σ (y − t)², over all n entries; ∂L/∂y = 2(y − t)/n.
 *
 * <p>Shapes: prediction and target alike, any shape.
 */
public final class MseLoss {

    private INDArray difference;

    /** The loss of {@code prediction} against {@code target} (same shape). */
    public double forward(INDArray prediction, INDArray target) {
        Shapes.require(target, "MSE target", prediction.shape());
        if (prediction.length() == 0) {
            throw new IllegalArgumentException("MSE of an empty prediction");
        }
        this.difference = prediction.sub(target.castTo(prediction.dataType()));
        return difference.mul(difference).sumNumber().doubleValue() / prediction.length();
    }

    /** ∂L/∂prediction. */
    public INDArray backward() {
        Shapes.requireForward(difference, "MSE loss");
        return difference.mul(2.0 / difference.length());
    }
}

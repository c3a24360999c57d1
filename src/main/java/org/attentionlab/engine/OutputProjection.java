package org.attentionlab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decoder's last step (section 3.4): a linear map to one logit per vocabulary entry, then
 * a softmax giving the next-token distribution. Shapes: x (N, D) -> (N, V).
 */
public final class OutputProjection {

    private final Linear linear;

    public OutputProjection(Linear linear) {
        this.linear = linear;
    }

    public static OutputProjection init(int dModel, int vocabulary, Init init) {
        return new OutputProjection(Linear.glorot(init, dModel, vocabulary, "W_out"));
    }

    public static OutputProjection of(double[][] w, double[] b, Precision p) {
        return new OutputProjection(new Linear(Tensors.matrix(w, p, "W_out"), Tensors.vector(b, p, "b_out"), "W_out"));
    }

    /** (N, D) -> (N, V). */
    public INDArray logits(INDArray x) {
        return linear.apply(x);
    }

    /** (N, D) -> (N, V), each row a probability distribution (max-subtracted softmax). */
    public INDArray probabilities(INDArray x) {
        INDArray z = logits(x);
        INDArray e = Transforms.exp(z.subiColumnVector(z.max(true, 1)), false);
        return e.diviColumnVector(e.sum(true, 1));
    }
}

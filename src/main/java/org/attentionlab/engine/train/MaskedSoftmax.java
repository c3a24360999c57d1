package org.attentionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The row softmax of attention (section 3.2.1) with a mask, and its backward pass.
 *
 * <p>Forward: masked scores count as −∞, so their weights are exactly 0; each row's maximum is
 * taken over its allowed entries and subtracted first, so huge logits do not overflow; a row
 * with no allowed entry gets all-zero weights, never NaN.
 *
 * <p>Backward: with w = softmax(s) and g = ∂L/∂w, the Jacobian ∂wᵢ/∂sⱼ = wᵢ(δᵢⱼ − wⱼ) gives
 * <pre>∂L/∂s = w ⊙ (g − Σⱼ gⱼwⱼ)</pre>
 * A masked entry has w = 0 and so gets gradient 0; a fully masked row gets an all-zero gradient.
 *
 * <p>Shapes: scores, allowed, weights and gradients are all (N, S).
 */
public final class MaskedSoftmax {

    /** Stands in for −∞ when taking the row maximum over allowed entries only. */
    private static final double VERY_NEGATIVE = -1e30;

    private MaskedSoftmax() {
    }

    /**
     * @param scores  (N, S), not modified
     * @param allowed (N, S) of 0/1 (1 = may attend), or null for no mask
     * @return the weights (N, S)
     */
    public static INDArray forward(INDArray scores, INDArray allowed) {
        Shapes.require(scores, "softmax input", -1, -1);
        INDArray z;
        if (allowed == null) {
            z = scores.subColumnVector(scores.max(true, 1));
        } else {
            Shapes.require(allowed, "softmax mask", scores.size(0), scores.size(1));
            // 1. row maximum over the allowed entries only; a masked entry stands at −10³⁰
            INDArray forMax = scores.mul(allowed).addi(allowed.rsub(1.0).muli(VERY_NEGATIVE));
            z = scores.subColumnVector(forMax.max(true, 1)).muli(allowed);
        }
        // 2. exponentiate and zero the masked entries (e^−∞ = 0)
        INDArray e = Transforms.exp(z, false);
        if (allowed != null) {
            e.muli(allowed);
        }
        // 3. normalise; a row with an allowed entry sums to at least e⁰ = 1, an all-masked row to 0
        INDArray rowSum = Transforms.max(e.sum(true, 1), Float.MIN_NORMAL, false);
        return e.diviColumnVector(rowSum);
    }

    /**
     * @param weights  (N, S), the forward output
     * @param dWeights (N, S), ∂L/∂weights
     * @return ∂L/∂scores (N, S)
     */
    public static INDArray backward(INDArray weights, INDArray dWeights) {
        Shapes.require(dWeights, "softmax output gradient", weights.size(0), weights.size(1));
        INDArray dot = dWeights.mul(weights).sum(true, 1); // -> (N, 1)
        return dWeights.subColumnVector(dot).muli(weights);
    }
}

package org.attentionlab.engine.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of the next-token distribution with label smoothing (section 5.4), ignoring
 * padding positions; PyTorch's {@code CrossEntropyLoss(ignore_index, label_smoothing)}.
 *
 * <p>For a row with logits z and target c, p = softmax(z) and the smoothed target
 * q = (1 − ε)·onehot(c) + ε/V. The loss is the mean over non-ignored rows of −Σⱼ qⱼ log pⱼ,
 * and its gradient is ∂L/∂z = (p − q)/n (n = the number of non-ignored rows). Smoothing "hurts
 * perplexity, as the model learns to be more unsure, but improves accuracy and BLEU score"
 * (section 5.4). Ignored rows contribute neither loss nor gradient; a batch with nothing to
 * predict has loss 0 and gradient 0, never NaN.
 *
 * <p>Shapes: logits (N, V), targets (N).
 */
public final class CrossEntropyLoss {

    private final double smoothing;
    private final int ignoreIndex;
    private INDArray probabilities;
    private INDArray smoothedTargets;
    private int counted;

    /**
     * @param smoothing   ε in [0, 1)
     * @param ignoreIndex the target id that marks padding (its rows are skipped); −1 for none
     */
    public CrossEntropyLoss(double smoothing, int ignoreIndex) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing is " + smoothing + "; expected a number in [0, 1)");
        }
        this.smoothing = smoothing;
        this.ignoreIndex = ignoreIndex;
    }

    /** The mean loss over the non-ignored rows. */
    public double forward(INDArray logits, int[] targets) {
        Shapes.require(logits, "logits", targets.length, -1);
        int n = targets.length;
        int v = (int) logits.size(1);
        // 1. the smoothed targets q, all-zero rows for ignored positions
        double[] q = new double[n * v];
        double[] counts = new double[n];
        int valid = 0;
        for (int i = 0; i < n; i++) {
            if (targets[i] == ignoreIndex) {
                continue;
            }
            if (targets[i] < 0 || targets[i] >= v) {
                throw new IllegalArgumentException("target " + targets[i] + " at row " + i + " is outside the vocabulary 0.." + (v - 1));
            }
            for (int j = 0; j < v; j++) {
                q[i * v + j] = smoothing / v;
            }
            q[i * v + targets[i]] += 1 - smoothing;
            counts[i] = 1;
            valid++;
        }
        DataType type = logits.dataType();
        this.smoothedTargets = Nd4j.create(q, new long[] {n, v}, DataType.DOUBLE).castTo(type);
        INDArray keep = Nd4j.create(counts, new long[] {n, 1}, DataType.DOUBLE).castTo(type);
        this.counted = valid;
        // 2. log p = z − max − log Σ exp(z − max), row by row
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        INDArray logP = shifted.subiColumnVector(logSum);
        this.probabilities = Transforms.exp(logP, true).muliColumnVector(keep);
        if (valid == 0) {
            return 0.0;
        }
        // 3. L = −Σ q ⊙ log p / n
        return -smoothedTargets.mul(logP).sumNumber().doubleValue() / valid;
    }

    /** ∂L/∂logits (N, V). */
    public INDArray backward() {
        Shapes.requireForward(probabilities, "cross-entropy loss");
        if (counted == 0) {
            return probabilities.mul(0.0);
        }
        return probabilities.sub(smoothedTargets).divi(counted);
    }

    /** How many rows the last call counted (not padding). */
    public int counted() {
        return counted;
    }

    public double smoothing() {
        return smoothing;
    }
}

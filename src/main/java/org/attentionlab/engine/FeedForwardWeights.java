package org.attentionlab.engine;

/**
 * A feed-forward network's parameters as plain arrays.
 *
 * @param w1 (d_model, d_ff)
 * @param b1 (d_ff)
 * @param w2 (d_ff, d_model)
 * @param b2 (d_model)
 */
public record FeedForwardWeights(double[][] w1, double[] b1, double[][] w2, double[] b2) {
    public FeedForwardWeights {
        w1 = Tensors.copy(w1);
        w2 = Tensors.copy(w2);
        b1 = b1.clone();
        b2 = b2.clone();
    }
}

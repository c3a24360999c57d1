package org.attentionlab.engine;

/** A layer norm's gain γ and bias β, each (d_model), as plain arrays. */
public record LayerNormWeights(double[] gamma, double[] beta) {
    public LayerNormWeights {
        if (gamma.length != beta.length) {
            throw new IllegalArgumentException("layer norm γ has " + gamma.length + " entries but β has " + beta.length);
        }
        gamma = gamma.clone();
        beta = beta.clone();
    }
}

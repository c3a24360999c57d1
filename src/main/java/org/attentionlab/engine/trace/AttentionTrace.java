package org.attentionlab.engine.trace;

import java.util.Objects;

/**
 * Every stage of one scaled dot-product attention (section 3.2.1) for one sequence and head:
 * Attention(Q, K, V) = softmax(QKᵀ/√d_k + M)·V.
 *
 * @param q       (T, d_k) queries
 * @param k       (S, d_k) keys
 * @param v       (S, d_v) values
 * @param scores  (T, S) step 1, QKᵀ
 * @param scaled  (T, S) step 2, QKᵀ·scale (scale = 1/√d_k, or 1 with scaling off)
 * @param masked  (T, S) step 3, scaled with −∞ where the mask forbids a key
 * @param weights (T, S) step 4, the row softmax of masked: rows sum to 1, masked cells exactly 0,
 *                rows with no allowed key all 0
 * @param output  (T, d_v) step 5, weights·V
 * @param scale   the factor of step 2
 */
public record AttentionTrace(Matrix q, Matrix k, Matrix v, Matrix scores, Matrix scaled, Matrix masked,
                             Matrix weights, Matrix output, double scale) {

    public AttentionTrace {
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(scaled, "scaled");
        Objects.requireNonNull(masked, "masked");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(output, "output");
    }

    /** Whether query i may attend key j. */
    public boolean allowed(int i, int j) {
        return masked.get(i, j) != Double.NEGATIVE_INFINITY;
    }
}

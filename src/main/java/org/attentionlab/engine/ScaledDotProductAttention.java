package org.attentionlab.engine;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scaled dot-product attention, Vaswani et al. 2017, section 3.2.1:
 * <pre>Attention(Q, K, V) = softmax(QKᵀ / √d_k + M) · V</pre>
 * Shapes: T queries, S keys, d_k query/key width, d_v value width. Q (T, d_k), K (S, d_k),
 * V (S, d_v), mask (T, S), weights (T, S), output (T, d_v).
 *
 * <p>Why √d_k: for unit-variance q and k the dot product has variance d_k; dividing by √d_k
 * keeps the logits near unit scale so the softmax does not saturate into one-hot rows with
 * vanishing gradients. Why −∞: e^−∞ = 0, so a masked key gets exactly zero weight and the other
 * weights still sum to one. The softmax subtracts each row's maximum (over allowed keys) first,
 * so logits of 10⁴ do not overflow; a row with no allowed key gets all-zero weights, never NaN.
 */
public final class ScaledDotProductAttention {

    /** Stand-in for −∞ when taking a row maximum; finite so that 0·x stays 0 in float32. */
    private static final double VERY_NEGATIVE = -1e30;

    private ScaledDotProductAttention() {
    }

    /** 1/√d_k with scaling on, 1 with it off. */
    public static double scaleFactor(long dK, boolean scaled) {
        return scaled ? 1.0 / Math.sqrt(dK) : 1.0;
    }

    /**
     * Attention on plain matrices, with every stage traced (the command line and lessons use this).
     *
     * @param q    (T, d_k)
     * @param k    (S, d_k)
     * @param v    (S, d_v)
     * @param mask (T, S) or {@link Mask#none()}
     */
    public static AttentionTrace trace(double[][] q, double[][] k, double[][] v, Mask mask, boolean scaled,
                                       Precision precision) {
        INDArray qa = Tensors.matrix(q, precision, "Q");
        INDArray ka = Tensors.matrix(k, precision, "K");
        INDArray va = Tensors.matrix(v, precision, "V");
        if (qa.size(0) == 0 || ka.size(0) == 0) {
            throw new IllegalArgumentException("Q and K need at least one row each (Q has " + qa.size(0)
                    + ", K has " + ka.size(0) + ")");
        }
        if (qa.size(1) != ka.size(1)) {
            throw new IllegalArgumentException("K has " + ka.size(1) + " columns but Q has " + qa.size(1)
                    + "; queries and keys must have the same width d_k");
        }
        if (va.size(0) != ka.size(0)) {
            throw new IllegalArgumentException("V has " + va.size(0) + " rows but K has " + ka.size(0)
                    + "; every key needs a value");
        }
        mask.requireFits(0, (int) qa.size(0), (int) ka.size(0));
        Stages stages = new Stages();
        attend(qa, ka, va, mask.allowedMatrix(0, (int) qa.size(0), (int) ka.size(0), qa.dataType()),
                scaleFactor(qa.size(1), scaled), stages);
        return stages.toTrace(qa, ka, va);
    }

    /**
     * The computation itself. Package-private: callers have checked the shapes.
     *
     * @param allowed (T, S) of 0/1, or null for no mask
     * @param stages  receives the intermediates when not null
     * @return (T, d_v)
     */
    static INDArray attend(INDArray q, INDArray k, INDArray v, INDArray allowed, double scale, Stages stages) {
        // 1. raw scores QKᵀ -> (T, S)
        INDArray scores = Nd4j.gemm(q, k, false, true);
        // 2. scale by 1/√d_k
        INDArray scaled = stages == null ? scores.muli(scale) : scores.mul(scale);
        // 3.–4. + M, then the row softmax
        INDArray weights = maskedSoftmaxRows(stages == null ? scaled : scaled.dup(), allowed);
        // 5. weighted sum of the values -> (T, d_v)
        INDArray output = weights.mmul(v);
        if (stages != null) {
            stages.record(scores, scaled, allowed, weights, output, scale);
        }
        return output;
    }

    /**
     * Steps 3 and 4 on a (N, S) matrix that the caller owns (it is overwritten and returned):
     * masked keys leave the softmax, the row maximum is taken over allowed keys only, masked
     * weights come out exactly 0 and a row with no allowed key stays all 0.
     *
     * @param allowed (N, S) of 0/1, or null for no mask
     */
    static INDArray maskedSoftmaxRows(INDArray scaled, INDArray allowed) {
        if (allowed == null) {
            scaled.subiColumnVector(scaled.max(true, 1));
        } else {
            INDArray forMax = scaled.mul(allowed).addi(allowed.rsub(1.0).muli(VERY_NEGATIVE));
            scaled.subiColumnVector(forMax.max(true, 1)).muli(allowed);
        }
        INDArray e = Transforms.exp(scaled, false);
        if (allowed != null) {
            e.muli(allowed);
        }
        // rows with an allowed key sum to at least e⁰ = 1; an all-masked row sums to 0 and stays 0
        INDArray rowSum = Transforms.max(e.sum(true, 1), Float.MIN_NORMAL, false);
        return e.diviColumnVector(rowSum);
    }

    /** Collects the intermediates of one {@link #attend} call. */
    static final class Stages {
        private Matrix scores;
        private Matrix scaled;
        private Matrix masked;
        private Matrix weights;
        private Matrix output;
        private double scale;

        void record(INDArray rawScores, INDArray scaledScores, INDArray allowed, INDArray w, INDArray out, double s) {
            // one copy per stage straight into its Matrix: at 512 tokens each stage is 2 MB
            this.scores = Tensors.matrixOf(rawScores);
            this.scaled = Tensors.matrixOf(scaledScores);
            if (allowed != null) {
                double[] sc = scaled.toRowMajor();
                double[] a = Tensors.toVector(allowed);
                for (int i = 0; i < sc.length; i++) {
                    if (a[i] == 0) {
                        sc[i] = Double.NEGATIVE_INFINITY;
                    }
                }
                this.masked = Matrix.adopt(scaled.rows(), scaled.cols(), sc);
            } else {
                this.masked = scaled;
            }
            this.weights = Tensors.matrixOf(w);
            this.output = Tensors.matrixOf(out);
            this.scale = s;
        }

        AttentionTrace toTrace(INDArray q, INDArray k, INDArray v) {
            return new AttentionTrace(Tensors.matrixOf(q), Tensors.matrixOf(k), Tensors.matrixOf(v), scores, scaled, masked,
                    weights, output, scale);
        }
    }
}

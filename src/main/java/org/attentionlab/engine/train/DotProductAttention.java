package org.attentionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scaled dot-product attention (section 3.2.1) over G independent groups at once (G = batch ×
 * heads), with its backward pass:
 * <pre>S = QKᵀ·c    W = softmax(S + M)    O = W·V       (c = 1/√d_k, or 1 unscaled)</pre>
 * <pre>∂L/∂V = Wᵀ·∂L/∂O    ∂L/∂W = ∂L/∂O·Vᵀ    ∂L/∂S = softmax′(∂L/∂W)·c
 * ∂L/∂Q = ∂L/∂S·K      ∂L/∂K = (∂L/∂S)ᵀ·Q</pre>
 *
 * <p>Shapes: G groups, T queries, S keys. Q (G, T, d_k), K (G, S, d_k), V (G, S, d_v),
 * allowed (G, T, S) or null, weights (G, T, S), output (G, T, d_v).
 */
public final class DotProductAttention {

    /** The three input gradients of one backward pass. */
    public record Gradients(INDArray dQ, INDArray dK, INDArray dV) {
    }

    private INDArray q;
    private INDArray k;
    private INDArray v;
    private INDArray weights;
    private double scale;

    /** @return (G, T, d_v) */
    public INDArray forward(INDArray q, INDArray k, INDArray v, INDArray allowed, double scale) {
        Shapes.require(q, "Q", -1, -1, -1);
        long g = q.size(0);
        long t = q.size(1);
        long dk = q.size(2);
        Shapes.require(k, "K", g, -1, dk);
        long s = k.size(1);
        Shapes.require(v, "V", g, s, -1);
        if (allowed != null) {
            Shapes.require(allowed, "attention mask", g, t, s);
        }
        this.q = q;
        this.k = k;
        this.v = v;
        this.scale = scale;
        // 1. scores QKᵀ -> (G, T, S), 2. scaled by 1/√d_k
        INDArray scores = Nd4j.matmul(q, k, false, true, false).muli(scale);
        // 3.–4. mask and row softmax, on the (G·T, S) rows
        this.weights = MaskedSoftmax.forward(scores.reshape(g * t, s), allowed == null ? null : allowed.reshape(g * t, s))
                .reshape(g, t, s);
        // 5. weighted sum of the values -> (G, T, d_v)
        return Nd4j.matmul(weights, v);
    }

    /** ∂L/∂O (G, T, d_v) -> ∂L/∂Q, ∂L/∂K, ∂L/∂V. */
    public Gradients backward(INDArray dOut) {
        Shapes.requireForward(weights, "attention");
        long g = q.size(0);
        long t = q.size(1);
        long s = k.size(1);
        Shapes.require(dOut, "attention output gradient", g, t, v.size(2));
        // 5. back through O = W·V
        INDArray dV = Nd4j.matmul(weights, dOut, true, false, false); // -> (G, S, d_v)
        INDArray dW = Nd4j.matmul(dOut, v, false, true, false); // -> (G, T, S)
        // 4.–2. back through the softmax and the scaling
        INDArray dS = MaskedSoftmax.backward(weights.reshape(g * t, s), dW.reshape(g * t, s)).muli(scale).reshape(g, t, s);
        // 1. back through S = QKᵀ
        INDArray dQ = Nd4j.matmul(dS, k); // -> (G, T, d_k)
        INDArray dK = Nd4j.matmul(dS, q, true, false, false); // -> (G, S, d_k)
        return new Gradients(dQ, dK, dV);
    }

    /** The weights (G, T, S) of the last forward pass; live, engine-internal. */
    public INDArray weights() {
        return weights;
    }
}

package org.attentionlab.engine;

import java.util.Objects;

/**
 * The sizes and switches of a Transformer (section 3; Table 3 names d_model, h, d_k, d_v, d_ff, N).
 *
 * @param dModel       d_model, the width of every token vector between sub-layers
 * @param heads        h, the number of attention heads
 * @param dK           d_k, the query/key width of one head (d_model / h in the paper)
 * @param dV           d_v, the value width of one head (d_model / h in the paper)
 * @param dFF          d_ff, the inner width of the feed-forward network
 * @param layers       N, the number of encoder (and decoder) layers
 * @param activation   the feed-forward activation
 * @param norm         where layer normalisation sits
 * @param layerNormEps ε added to the variance in layer norm
 * @param scaled       whether attention divides by √d_k
 * @param precision    float32 or float64
 */
public record ModelConfig(int dModel, int heads, int dK, int dV, int dFF, int layers, Activation activation,
                          NormPlacement norm, double layerNormEps, boolean scaled, Precision precision) {

    public ModelConfig {
        requirePositive(dModel, "d_model");
        requirePositive(heads, "heads");
        requirePositive(dK, "d_k");
        requirePositive(dV, "d_v");
        requirePositive(dFF, "d_ff");
        requirePositive(layers, "layers");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(precision, "precision");
        if (!(layerNormEps > 0) || !Double.isFinite(layerNormEps)) {
            throw new IllegalArgumentException("layer-norm eps is " + layerNormEps + "; expected a small positive number");
        }
    }

    /**
     * The paper's shape: d_k = d_v = d_model / h, d_ff = 4·d_model, one layer, ReLU, post-LN,
     * ε = 1e-5, scaled, float32.
     */
    public static ModelConfig of(int dModel, int heads) {
        requirePositive(dModel, "d_model");
        requirePositive(heads, "heads");
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("d_model (" + dModel + ") is not divisible by heads (" + heads + ")");
        }
        return new ModelConfig(dModel, heads, dModel / heads, dModel / heads, 4 * dModel, 1, Activation.RELU,
                NormPlacement.POST, 1e-5, true, Precision.FLOAT32);
    }

    public ModelConfig withDFF(int value) {
        return new ModelConfig(dModel, heads, dK, dV, value, layers, activation, norm, layerNormEps, scaled, precision);
    }

    public ModelConfig withHeadWidths(int k, int v) {
        return new ModelConfig(dModel, heads, k, v, dFF, layers, activation, norm, layerNormEps, scaled, precision);
    }

    public ModelConfig withLayers(int value) {
        return new ModelConfig(dModel, heads, dK, dV, dFF, value, activation, norm, layerNormEps, scaled, precision);
    }

    public ModelConfig withActivation(Activation value) {
        return new ModelConfig(dModel, heads, dK, dV, dFF, layers, value, norm, layerNormEps, scaled, precision);
    }

    public ModelConfig withNorm(NormPlacement value) {
        return new ModelConfig(dModel, heads, dK, dV, dFF, layers, activation, value, layerNormEps, scaled, precision);
    }

    public ModelConfig withLayerNormEps(double value) {
        return new ModelConfig(dModel, heads, dK, dV, dFF, layers, activation, norm, value, scaled, precision);
    }

    public ModelConfig withScaled(boolean value) {
        return new ModelConfig(dModel, heads, dK, dV, dFF, layers, activation, norm, layerNormEps, value, precision);
    }

    public ModelConfig withPrecision(Precision value) {
        return new ModelConfig(dModel, heads, dK, dV, dFF, layers, activation, norm, layerNormEps, scaled, value);
    }

    private static void requirePositive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " is " + n + "; expected a positive whole number");
        }
    }
}

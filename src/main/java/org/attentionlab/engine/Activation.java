package org.attentionlab.engine;

/** Activation of the position-wise feed-forward network (section 3.3; GELU as in BERT). */
public enum Activation {
    /** max(0, x), as in the paper. */
    RELU,
    /** The exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2, as in BERT ({@code hidden_act = "gelu"}). */
    GELU,
    /** The tanh approximation ({@code hidden_act = "gelu_new"}). */
    GELU_TANH
}

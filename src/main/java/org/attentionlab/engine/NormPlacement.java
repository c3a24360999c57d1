package org.attentionlab.engine;

/** Where layer normalisation sits around each sub-layer. */
public enum NormPlacement {
    /** LayerNorm(x + Sublayer(x)): the paper (section 3.1) and BERT. */
    POST,
    /** x + Sublayer(LayerNorm(x)): the more stable variant most GPT-style models use. */
    PRE
}

package org.attentionlab.engine;

/** One encoder layer's parameters: self-attention, the two layer norms and the feed-forward network. */
public record EncoderLayerWeights(AttentionWeights attention, LayerNormWeights ln1, FeedForwardWeights ffn,
                                  LayerNormWeights ln2) {
}

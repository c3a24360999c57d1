package org.attentionlab.engine;

/** One decoder layer's parameters: masked self-attention, cross-attention, feed-forward, three layer norms. */
public record DecoderLayerWeights(AttentionWeights selfAttention, AttentionWeights crossAttention,
                                  LayerNormWeights ln1, LayerNormWeights ln2, LayerNormWeights ln3,
                                  FeedForwardWeights ffn) {
}

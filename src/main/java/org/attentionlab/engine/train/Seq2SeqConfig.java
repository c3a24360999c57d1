package org.attentionlab.engine.train;

import java.util.Objects;

import org.attentionlab.engine.ModelConfig;

/**
 * The shape of an encoder-decoder Transformer (section 3, Figure 1): the layer sizes of
 * {@link ModelConfig} (d_model, h, d_k, d_v, d_ff, N, activation, norm placement, ε, precision),
 * the two vocabulary sizes and the longest sequence the positional-encoding table covers (a
 * source with its end token, or a target with its start token).
 */
public record Seq2SeqConfig(ModelConfig model, int sourceVocabulary, int targetVocabulary, int maxLength) {

    public Seq2SeqConfig {
        Objects.requireNonNull(model, "model");
        if (sourceVocabulary <= Seq2SeqTransformer.FIRST_WORD || targetVocabulary <= Seq2SeqTransformer.FIRST_WORD) {
            throw new IllegalArgumentException("vocabularies of " + sourceVocabulary + " and " + targetVocabulary
                    + " tokens are too small; each needs the " + Seq2SeqTransformer.FIRST_WORD + " special tokens and at least one word");
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("max length is " + maxLength + "; expected at least 2 (one word and its end token)");
        }
        if (model.dModel() % 2 != 0) {
            throw new IllegalArgumentException("d_model is " + model.dModel() + "; the sinusoidal positional encoding needs it even");
        }
    }
}

package org.attentionlab.engine;

import java.util.Objects;

/**
 * The sizes of a BERT encoder (Devlin et al. 2019, section 3; the fields of Hugging Face's
 * {@code BertConfig}). BERT-base is 30522 / 768 / 12 / 12 / 3072, GELU, 512 positions, 2 token
 * types, ε = 1e-12.
 *
 * @param vocabSize        V, rows of the word embedding ({@code vocab_size})
 * @param hiddenSize       H = d_model ({@code hidden_size})
 * @param layers           L encoder layers ({@code num_hidden_layers})
 * @param heads            attention heads per layer ({@code num_attention_heads}); H must divide evenly
 * @param intermediateSize d_ff of the feed-forward network ({@code intermediate_size})
 * @param activation       the feed-forward activation ({@code hidden_act}), also used by the MLM head
 * @param maxPositions     rows of the learned position embedding ({@code max_position_embeddings})
 * @param typeVocabSize    rows of the token-type (segment) embedding ({@code type_vocab_size})
 * @param layerNormEps     ε of every layer norm ({@code layer_norm_eps})
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
                         Activation activation, int maxPositions, int typeVocabSize, double layerNormEps) {

    public BertConfig {
        requirePositive(vocabSize, "vocab_size");
        requirePositive(hiddenSize, "hidden_size");
        requirePositive(layers, "num_hidden_layers");
        requirePositive(heads, "num_attention_heads");
        requirePositive(intermediateSize, "intermediate_size");
        requirePositive(maxPositions, "max_position_embeddings");
        requirePositive(typeVocabSize, "type_vocab_size");
        Objects.requireNonNull(activation, "activation");
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden_size (" + hiddenSize + ") is not divisible by num_attention_heads ("
                    + heads + ")");
        }
        if (!(layerNormEps > 0) || !Double.isFinite(layerNormEps)) {
            throw new IllegalArgumentException("layer_norm_eps is " + layerNormEps + "; expected a small positive number");
        }
    }

    /** BERT-base's shapes (uncased vocabulary size). */
    public static BertConfig base() {
        return new BertConfig(30522, 768, 12, 12, 3072, Activation.GELU, 512, 2, 1e-12);
    }

    /** The width of one head, H / heads. */
    public int headSize() {
        return hiddenSize / heads;
    }

    /** The encoder layers' config: post-LN, scaled, d_k = d_v = H / heads. */
    public ModelConfig modelConfig(Precision precision) {
        return new ModelConfig(hiddenSize, heads, headSize(), headSize(), intermediateSize, layers, activation,
                NormPlacement.POST, layerNormEps, true, precision);
    }

    private static void requirePositive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " is " + n + "; expected a positive whole number");
        }
    }
}

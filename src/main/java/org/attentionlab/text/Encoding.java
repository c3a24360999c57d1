package org.attentionlab.text;

import java.util.List;

/**
 * The model input for one sentence or sentence pair, as Hugging Face's tokenizers return it,
 * plus what the tokenizer view needs to explain it. All lists have the same length, one entry
 * per position:
 *
 * @param tokens the token strings, e.g. {@code [CLS] transform ##er 是 [SEP] [PAD]}
 * @param inputIds each token's vocabulary id ({@code input_ids})
 * @param tokenTypeIds the segment: 0 for {@code [CLS]}, sentence A and its {@code [SEP]}, 1 for
 *     sentence B and its {@code [SEP]}, 0 for padding ({@code token_type_ids})
 * @param attentionMask 1 for real tokens, 0 for {@code [PAD]} ({@code attention_mask})
 * @param kinds what each token is, for colouring
 * @param truncatedTokens how many WordPiece tokens truncation removed to fit {@code max_length}
 *     (0 when nothing was cut)
 */
public record Encoding(
        List<String> tokens,
        List<Integer> inputIds,
        List<Integer> tokenTypeIds,
        List<Integer> attentionMask,
        List<TokenKind> kinds,
        int truncatedTokens) {

    public Encoding {
        tokens = List.copyOf(tokens);
        inputIds = List.copyOf(inputIds);
        tokenTypeIds = List.copyOf(tokenTypeIds);
        attentionMask = List.copyOf(attentionMask);
        kinds = List.copyOf(kinds);
        int n = tokens.size();
        if (inputIds.size() != n || tokenTypeIds.size() != n || attentionMask.size() != n || kinds.size() != n) {
            throw new IllegalArgumentException("encoding lists differ in length: tokens " + n + ", input_ids "
                    + inputIds.size() + ", token_type_ids " + tokenTypeIds.size() + ", attention_mask "
                    + attentionMask.size() + ", kinds " + kinds.size());
        }
        if (truncatedTokens < 0) {
            throw new IllegalArgumentException("truncatedTokens must be >= 0, got " + truncatedTokens);
        }
    }

    /** Number of positions, padding included. */
    public int size() {
        return tokens.size();
    }

    /** Number of positions that are not padding (the sum of the attention mask). */
    public int realLength() {
        return (int) attentionMask.stream().filter(m -> m != 0).count();
    }

    /** A fresh copy of {@link #inputIds()} as an array, for the engine. */
    public int[] inputIdsArray() {
        return inputIds.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A fresh copy of {@link #tokenTypeIds()} as an array. */
    public int[] tokenTypeIdsArray() {
        return tokenTypeIds.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A fresh copy of {@link #attentionMask()} as an array. */
    public int[] attentionMaskArray() {
        return attentionMask.stream().mapToInt(Integer::intValue).toArray();
    }
}

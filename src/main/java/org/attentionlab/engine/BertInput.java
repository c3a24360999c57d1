package org.attentionlab.engine;

import java.util.Arrays;

/**
 * One sequence for BERT, as Hugging Face's tokenizer returns it; all three arrays have length T.
 *
 * @param inputIds      token ids into the vocabulary ({@code input_ids})
 * @param tokenTypeIds  segment of each token, 0 for sentence A and 1 for sentence B ({@code token_type_ids})
 * @param attentionMask 1 for a real token, 0 for padding ({@code attention_mask}); needs at least one 1
 */
public record BertInput(int[] inputIds, int[] tokenTypeIds, int[] attentionMask) {

    public BertInput {
        if (inputIds == null || inputIds.length == 0) {
            throw new IllegalArgumentException("input_ids is empty; expected at least one token id");
        }
        int t = inputIds.length;
        if (tokenTypeIds == null || tokenTypeIds.length != t) {
            throw new IllegalArgumentException("token_type_ids has " + (tokenTypeIds == null ? 0 : tokenTypeIds.length)
                    + " entries but input_ids has " + t);
        }
        if (attentionMask == null || attentionMask.length != t) {
            throw new IllegalArgumentException("attention_mask has " + (attentionMask == null ? 0 : attentionMask.length)
                    + " entries but input_ids has " + t);
        }
        boolean any = false;
        for (int j = 0; j < t; j++) {
            if (attentionMask[j] != 0 && attentionMask[j] != 1) {
                throw new IllegalArgumentException("attention_mask[" + j + "] is " + attentionMask[j] + "; expected 0 or 1");
            }
            any |= attentionMask[j] == 1;
        }
        if (!any) {
            throw new IllegalArgumentException("attention_mask is all 0; expected at least one real token (1)");
        }
        inputIds = inputIds.clone();
        tokenTypeIds = tokenTypeIds.clone();
        attentionMask = attentionMask.clone();
    }

    /** One segment (all token types 0), no padding (all mask 1). */
    public static BertInput of(int... inputIds) {
        int[] ones = new int[inputIds.length];
        Arrays.fill(ones, 1);
        return new BertInput(inputIds, new int[inputIds.length], ones);
    }

    public int length() {
        return inputIds.length;
    }

    /** The first {@code n} positions. */
    public BertInput truncate(int n) {
        return new BertInput(Arrays.copyOf(inputIds, n), Arrays.copyOf(tokenTypeIds, n), Arrays.copyOf(attentionMask, n));
    }

    @Override
    public int[] inputIds() {
        return inputIds.clone();
    }

    @Override
    public int[] tokenTypeIds() {
        return tokenTypeIds.clone();
    }

    @Override
    public int[] attentionMask() {
        return attentionMask.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BertInput b && Arrays.equals(b.inputIds, inputIds) && Arrays.equals(b.tokenTypeIds, tokenTypeIds)
                && Arrays.equals(b.attentionMask, attentionMask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputIds) * 31 + Arrays.hashCode(attentionMask);
    }

    @Override
    public String toString() {
        return "BertInput" + Arrays.toString(inputIds);
    }
}

package org.attentionlab.engine.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a BERT forward pass shows, for one sequence of T tokens (after any truncation),
 * copied out of ND4J. Shapes: L layers, h heads, H hidden.
 *
 * @param inputIds       (T) the ids actually run
 * @param tokenTypeIds   (T)
 * @param attentionMask  (T)
 * @param attentions     [layer][head] → (T queries, T keys) softmax weights; padding keys get 0
 * @param hiddenStates   L + 1 matrices (T, H): index 0 is the embedding output, index i the output of layer i
 * @param pooler         (H) tanh(h_[CLS]·W + b), or empty when the checkpoint has no pooler
 * @param originalLength T before truncation (equal to T when nothing was cut)
 * @param notice         a sentence telling the user what was truncated, or empty
 */
public record BertOutput(int[] inputIds, int[] tokenTypeIds, int[] attentionMask, List<List<Matrix>> attentions,
                         List<Matrix> hiddenStates, double[] pooler, int originalLength, String notice) {

    public BertOutput {
        inputIds = inputIds.clone();
        tokenTypeIds = tokenTypeIds.clone();
        attentionMask = attentionMask.clone();
        attentions = attentions.stream().map(List::copyOf).toList();
        hiddenStates = List.copyOf(hiddenStates);
        pooler = pooler.clone();
        Objects.requireNonNull(notice, "notice");
    }

    /** The output of the last layer, (T, H). */
    public Matrix lastHiddenState() {
        return hiddenStates.get(hiddenStates.size() - 1);
    }

    /** Layer {@code layer}'s head {@code head}, (T, T); both from 0. */
    public Matrix attention(int layer, int head) {
        return attentions.get(layer).get(head);
    }

    public int layers() {
        return attentions.size();
    }

    public int heads() {
        return attentions.isEmpty() ? 0 : attentions.get(0).size();
    }

    /** Number of positions run. */
    public int length() {
        return inputIds.length;
    }

    public boolean truncated() {
        return originalLength > inputIds.length;
    }

    public boolean hasPooler() {
        return pooler.length > 0;
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
    public double[] pooler() {
        return pooler.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BertOutput b && Arrays.equals(b.inputIds, inputIds) && Arrays.equals(b.tokenTypeIds, tokenTypeIds)
                && Arrays.equals(b.attentionMask, attentionMask) && b.attentions.equals(attentions)
                && b.hiddenStates.equals(hiddenStates) && Arrays.equals(b.pooler, pooler)
                && b.originalLength == originalLength && b.notice.equals(notice);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputIds) * 31 + hiddenStates.hashCode();
    }

    @Override
    public String toString() {
        return "BertOutput(T=" + inputIds.length + ", layers=" + layers() + ", heads=" + heads()
                + (notice.isEmpty() ? "" : ", " + notice) + ")";
    }
}

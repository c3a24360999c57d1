package org.attentionlab.engine.train;

import java.util.List;
import java.util.Objects;

import org.attentionlab.engine.trace.Matrix;

/**
 * One attention heatmap for a view: rows are queries, columns are keys, each row sums to 1
 * (or is all 0 when fully masked).
 *
 * @param kind         which attention
 * @param layer        layer number, from 0
 * @param head         head number, from 0
 * @param sample       which sequence of the probe batch, from 0
 * @param queryTokens  row labels
 * @param keyTokens    column labels
 * @param weights      (queries, keys)
 */
public record AttentionMap(AttentionKind kind, int layer, int head, int sample, List<String> queryTokens,
                           List<String> keyTokens, Matrix weights) {

    public AttentionMap {
        Objects.requireNonNull(kind, "kind");
        queryTokens = List.copyOf(queryTokens);
        keyTokens = List.copyOf(keyTokens);
        if (weights.rows() != queryTokens.size() || weights.cols() != keyTokens.size()) {
            throw new IllegalArgumentException("a " + weights.rows() + "×" + weights.cols() + " attention map with "
                    + queryTokens.size() + " query and " + keyTokens.size() + " key labels");
        }
    }
}

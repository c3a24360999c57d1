package org.attentionlab.engine.trace;

import java.util.List;

/**
 * Multi-head attention for one sequence (section 3.2.2), in the four numbered steps:
 * 1 project, 2 attend per head, 3 concatenate, 4 output projection.
 *
 * @param queryInput (T, d_model) the sequence the queries come from
 * @param keyInput   (S, d_model) the sequence keys and values come from (the same for self-attention)
 * @param heads      one trace per head
 * @param concat     (T, h·d_v) step 3, Concat(head_1, …, head_h)
 * @param wo         (h·d_v, d_model) W^O
 * @param output     (T, d_model) step 4, concat·W^O + b^O
 */
public record MultiHeadTrace(Matrix queryInput, Matrix keyInput, List<HeadTrace> heads, Matrix concat,
                             Matrix wo, Matrix output) {

    public MultiHeadTrace {
        heads = List.copyOf(heads);
    }
}

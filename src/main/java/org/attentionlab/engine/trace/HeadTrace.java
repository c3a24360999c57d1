package org.attentionlab.engine.trace;

/**
 * One head of multi-head attention (section 3.2.2): head_i = Attention(Q·W_i^Q, K·W_i^K, V·W_i^V).
 *
 * @param index     head number, from 0
 * @param wq        (d_model, d_k) this head's slice of W^Q
 * @param wk        (d_model, d_k) this head's slice of W^K
 * @param wv        (d_model, d_v) this head's slice of W^V
 * @param attention the head's attention stages (its q, k, v are the projections)
 */
public record HeadTrace(int index, Matrix wq, Matrix wk, Matrix wv, AttentionTrace attention) {
}

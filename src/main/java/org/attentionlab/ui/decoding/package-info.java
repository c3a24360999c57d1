/**
 * The decoding view (issue 7): greedy or seeded sampled decoding shown step by step — the
 * decoder's masked self-attention, its cross-attention, the softmax over the vocabulary as the
 * lecture's table — and the finished translation sent to the BLEU view with its reference.
 */
package org.attentionlab.ui.decoding;

/**
 * The cross-attention view (issue 7): target words × source words of the shipped
 * encoder-decoders (the tiny translator, copy, reverse), per layer and head, for any sentence or
 * sentence pair; and {@link org.attentionlab.ui.crossattention.ShippedModels}, the shipped models
 * that this view and the decoding view share on the engine thread.
 */
package org.attentionlab.ui.crossattention;

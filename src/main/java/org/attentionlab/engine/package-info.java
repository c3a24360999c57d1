/**
 * The Transformer's mathematics on ND4J, written from the paper (Vaswani et al. 2017,
 * "Attention Is All You Need"): positional encoding (3.5), scaled dot-product and multi-head
 * attention (3.2), masks (3.2.3), layer norm and residuals (3.1), the feed-forward network (3.3),
 * encoder and decoder layers and stacks (3.1), the output projection (3.4).
 *
 * <p>One layout everywhere: sequences (T, D) or (B, T, D); per-head matrices are column blocks of
 * the projections. Every public method checks its shapes and names both sides of a mismatch.
 * Results leave the engine as plain arrays or as the immutable records of
 * {@link org.attentionlab.engine.trace}.
 */
package org.attentionlab.engine;

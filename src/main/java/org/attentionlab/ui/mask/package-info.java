/**
 * The mask view (Vaswani et al. 2017, section 3.2.3): a padded batch and its padding mask, the
 * causal mask, a mask the user clicks together, the scores with −∞ and the weights with exact
 * zeros, and training (all positions at once, masked) against inference (one position at a time,
 * no mask). {@link org.attentionlab.ui.mask.MaskViewModel} holds the state and runs the engine in
 * the background; {@link org.attentionlab.ui.mask.MaskView} only binds;
 * {@link org.attentionlab.ui.mask.MaskFormulas} writes the formulas with numbers.
 */
package org.attentionlab.ui.mask;

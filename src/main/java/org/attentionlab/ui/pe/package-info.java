/**
 * The positional-encoding view (Vaswani et al. 2017, section 3.5): the sinusoidal table as a
 * heatmap and as curves, PE·PEᵀ (similarity depends on the offset only), PE(pos + k) as a rotation
 * of PE(pos), embeddings + PE, and a learned table for contrast.
 * {@link org.attentionlab.ui.pe.PeViewModel} holds the state and computes in the background;
 * {@link org.attentionlab.ui.pe.PeView} only binds; {@link org.attentionlab.ui.pe.PeFormulas}
 * writes the formulas with numbers.
 */
package org.attentionlab.ui.pe;

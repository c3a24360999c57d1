/**
 * The Q/K/V view (Vaswani et al. 2017, section 3.2.1): X and the projection weights, Q, K, V and
 * the pipeline QKᵀ → ÷√d_k → + M → softmax → ·V as heatmaps, with the derivation of any weight.
 * {@link org.attentionlab.ui.qkv.QkvViewModel} holds the state and talks to the engine;
 * {@link org.attentionlab.ui.qkv.QkvView} only binds.
 */
package org.attentionlab.ui.qkv;

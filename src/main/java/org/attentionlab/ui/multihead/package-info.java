/**
 * The multi-head view (issue 3, view 2; issue 8, the head view): h heads side by side as heatmaps,
 * a BertViz-style lines view with a colour per head, the lecture's six steps (sentence, embed,
 * project, attend, heads, concat) down to Concat(Z₀ … Z_{h−1})·W^O, layers, and the ways of combining
 * heads (mean, maximum, attention rollout, hiding [CLS]/[SEP], the sentence-pair filter). Works on
 * seeded random weights (the lecture) or on a BERT checkpoint the user opened.
 */
package org.attentionlab.ui.multihead;

/**
 * The BLEU view (issue 4): a candidate and its references, every n-gram with its count, clipped
 * count and match, the precisions p₁…p₄, the brevity penalty on its curve, the final formula with
 * the numbers filled in, and sacreBLEU, NLTK and the d2l textbook formula side by side. Sentence
 * or corpus (files). {@link org.attentionlab.ui.bleu.BleuViewModel} holds the state and is tested
 * without a Stage; {@link org.attentionlab.ui.bleu.BleuAnalysis} is the pure computation behind it
 * (the {@code bleu} package does the metric); {@link org.attentionlab.ui.bleu.BleuView} only binds.
 */
package org.attentionlab.ui.bleu;

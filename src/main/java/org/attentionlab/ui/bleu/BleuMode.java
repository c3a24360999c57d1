package org.attentionlab.ui.bleu;

import java.util.Locale;

/** Which BLEU the view puts in focus; the comparison strip always shows all three. */
public enum BleuMode {
    /** sacreBLEU 2.6.0, 0–100: the number papers should report (Post 2018). */
    SACREBLEU,
    /** NLTK 3.8's sentence_bleu / corpus_bleu, 0–1. */
    NLTK,
    /** The d2l textbook formula, 0–1: pₙ weighted 1/2ⁿ, one reference, no smoothing. */
    TEXTBOOK;

    /** The name in lesson state ({@code sacrebleu}, {@code nltk}, {@code textbook}). */
    public String stateName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BleuMode fromStateName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

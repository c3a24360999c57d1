package org.attentionlab.bleu;

import java.util.List;

/**
 * All hypothesis n-grams of one order n, in order of first occurrence.
 *
 * @param order   n
 * @param ngrams  the distinct n-grams
 * @param matches Σ clipped counts: the numerator of pₙ
 * @param total   number of n-gram positions in the hypothesis: the denominator of pₙ
 */
public record OrderDetails(int order, List<NgramMatch> ngrams, long matches, long total) {

    public OrderDetails {
        ngrams = List.copyOf(ngrams);
    }

    /** Unsmoothed pₙ as a fraction in [0, 1]; 0 when the hypothesis has no n-grams of this order. */
    public double precision() {
        return total == 0 ? 0.0 : (double) matches / total;
    }
}

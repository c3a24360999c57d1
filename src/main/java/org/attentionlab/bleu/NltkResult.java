package org.attentionlab.bleu;

/**
 * What NLTK's {@code corpus_bleu} / {@code sentence_bleu} computed, on NLTK's 0–1 scale.
 *
 * @param scores     one score per weight vector (NLTK returns a list when given several)
 * @param counts     clipped matches per order, summed over the corpus (NLTK's p_numerators)
 * @param totals     per order, Σ max(1, hypothesis n-grams) over segments (NLTK's
 *                   p_denominators: a segment shorter than n still adds 1)
 * @param precisions pₙ after smoothing; null when NLTK returned 0 early because no unigram matched
 * @param bp         brevity penalty
 * @param hypLength  c, summed over the corpus
 * @param refLength  r, the closest reference lengths summed
 */
public record NltkResult(double[] scores, long[] counts, long[] totals, double[] precisions, double bp,
                         long hypLength, long refLength) {

    public NltkResult {
        scores = scores.clone();
        counts = counts.clone();
        totals = totals.clone();
        precisions = precisions == null ? null : precisions.clone();
    }

    /** The score for the first (usually only) weight vector. */
    public double score() {
        return scores[0];
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public long[] totals() {
        return totals.clone();
    }

    @Override
    public double[] precisions() {
        return precisions == null ? null : precisions.clone();
    }
}

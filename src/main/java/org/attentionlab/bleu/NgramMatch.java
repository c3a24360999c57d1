package org.attentionlab.bleu;

import java.util.List;

/**
 * One distinct n-gram of the hypothesis and how it fared against the references.
 *
 * <p>BLEU itself only needs {@link #clippedCount()} = min(count, max count in any one
 * reference). It does not align tokens, so which occurrences "matched" is a display convention,
 * stated here so a view can highlight consistently: in the hypothesis the first
 * {@code clippedCount} occurrences (left to right) are the matched ones; in reference r the first
 * min(count, occurrences in r) occurrences are the ones the hypothesis used up.
 *
 * @param tokens                  the n-gram's tokens (n = size)
 * @param count                   occurrences in the hypothesis
 * @param maxRefCount             the largest number of occurrences in any single reference
 * @param clippedCount            min(count, maxRefCount): the matches BLEU credits
 * @param hypothesisStarts        start token index of every occurrence in the hypothesis
 * @param matchedHypothesisStarts the first {@code clippedCount} of those
 * @param referenceStarts         per reference, start token index of every occurrence
 * @param matchedReferenceStarts  per reference, the first min(count, occurrences) of those
 */
public record NgramMatch(List<String> tokens, int count, int maxRefCount, int clippedCount,
                         List<Integer> hypothesisStarts, List<Integer> matchedHypothesisStarts,
                         List<List<Integer>> referenceStarts, List<List<Integer>> matchedReferenceStarts) {

    public NgramMatch {
        tokens = List.copyOf(tokens);
        hypothesisStarts = List.copyOf(hypothesisStarts);
        matchedHypothesisStarts = List.copyOf(matchedHypothesisStarts);
        referenceStarts = referenceStarts.stream().map(List::copyOf).toList();
        matchedReferenceStarts = matchedReferenceStarts.stream().map(List::copyOf).toList();
    }

    /** n. */
    public int order() {
        return tokens.size();
    }

    /** The tokens joined by single spaces, for display. */
    public String text() {
        return String.join(" ", tokens);
    }

    /** Whether at least one occurrence earns credit. */
    public boolean matched() {
        return clippedCount > 0;
    }

    /** Whether clipping took credit away (the hypothesis repeats it more often than any reference). */
    public boolean clipped() {
        return clippedCount < count;
    }
}

package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The n-gram matching of one hypothesis against its references, order by order, for a view that
 * shows every n-gram (Papineni et al. 2002, section 2.1, "modified n-gram precision").
 *
 * <p>This is the readable twin of the fast counting used for corpus BLEU; its
 * {@link #statistics()} are the same numbers (a test holds them equal).
 *
 * @param hypothesis the hypothesis tokens
 * @param references the reference tokens, one list per (non-empty) reference
 * @param orders     n = 1..N
 */
public record MatchDetails(List<String> hypothesis, List<List<String>> references, List<OrderDetails> orders) {

    public MatchDetails {
        hypothesis = List.copyOf(hypothesis);
        references = references.stream().map(List::copyOf).toList();
        orders = List.copyOf(orders);
    }

    /**
     * Matches tokens that are already split (no tokenizer is applied).
     *
     * @param maxOrder the highest n-gram order N
     */
    public static MatchDetails of(List<String> hypothesis, List<List<String>> references, int maxOrder) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference, got none");
        }
        if (maxOrder < 1) {
            throw new IllegalArgumentException("max n-gram order must be at least 1, got " + maxOrder);
        }
        List<OrderDetails> orders = new ArrayList<>();
        for (int n = 1; n <= maxOrder; n++) {
            Map<List<String>, List<Integer>> hypOcc = occurrences(hypothesis, n);
            List<Map<List<String>, List<Integer>>> refOcc = new ArrayList<>();
            for (List<String> ref : references) {
                refOcc.add(occurrences(ref, n));
            }
            List<NgramMatch> ngrams = new ArrayList<>();
            long matches = 0;
            for (Map.Entry<List<String>, List<Integer>> e : hypOcc.entrySet()) {
                List<Integer> starts = e.getValue();
                int count = starts.size();
                int maxRef = 0;
                List<List<Integer>> refStarts = new ArrayList<>();
                List<List<Integer>> matchedRef = new ArrayList<>();
                for (Map<List<String>, List<Integer>> occ : refOcc) {
                    List<Integer> inRef = occ.getOrDefault(e.getKey(), List.of());
                    maxRef = Math.max(maxRef, inRef.size());
                    refStarts.add(inRef);
                    matchedRef.add(inRef.subList(0, Math.min(count, inRef.size())));
                }
                int clipped = Math.min(count, maxRef);
                matches += clipped;
                ngrams.add(new NgramMatch(e.getKey(), count, maxRef, clipped, starts, starts.subList(0, clipped),
                        refStarts, matchedRef));
            }
            orders.add(new OrderDetails(n, ngrams, matches, Math.max(0, hypothesis.size() - n + 1)));
        }
        return new MatchDetails(hypothesis, references, orders);
    }

    private static Map<List<String>, List<Integer>> occurrences(List<String> tokens, int n) {
        Map<List<String>, List<Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.computeIfAbsent(List.copyOf(tokens.subList(i, i + n)), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /** The details of order n (1-based). */
    public OrderDetails order(int n) {
        if (n < 1 || n > orders.size()) {
            throw new IllegalArgumentException("n-gram order must be between 1 and " + orders.size() + ", got " + n);
        }
        return orders.get(n - 1);
    }

    /** c: the hypothesis length. */
    public int hypothesisLength() {
        return hypothesis.size();
    }

    /** r: the reference length closest to c (ties to the shorter), as sacreBLEU and NLTK choose it. */
    public int closestReferenceLength() {
        int[] lens = references.stream().mapToInt(List::size).toArray();
        return NgramCounter.closestRefLength(hypothesis.size(), lens);
    }

    /** Which hypothesis tokens lie inside a matched (credited) n-gram of order n. */
    public boolean[] hypothesisCoverage(int n) {
        boolean[] covered = new boolean[hypothesis.size()];
        for (NgramMatch m : order(n).ngrams()) {
            for (int start : m.matchedHypothesisStarts()) {
                java.util.Arrays.fill(covered, start, start + n, true);
            }
        }
        return covered;
    }

    /** Which tokens of reference {@code ref} (0-based) lie inside an n-gram the hypothesis matched. */
    public boolean[] referenceCoverage(int n, int ref) {
        if (ref < 0 || ref >= references.size()) {
            throw new IllegalArgumentException("reference index must be between 0 and " + (references.size() - 1) + ", got " + ref);
        }
        boolean[] covered = new boolean[references.get(ref).size()];
        for (NgramMatch m : order(n).ngrams()) {
            for (int start : m.matchedReferenceStarts().get(ref)) {
                java.util.Arrays.fill(covered, start, start + n, true);
            }
        }
        return covered;
    }

    /** The sufficient statistics these details add up to. */
    public SegmentStatistics statistics() {
        long[] c = new long[orders.size()];
        long[] t = new long[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            c[i] = orders.get(i).matches();
            t[i] = orders.get(i).total();
        }
        return new SegmentStatistics(hypothesisLength(), closestReferenceLength(), c, t);
    }
}

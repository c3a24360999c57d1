package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU as NLTK 3.8.1's {@code nltk.translate.bleu_score} computes it, on pre-tokenized input and
 * a 0–1 scale, so a student can see why NLTK and sacreBLEU print different numbers for the same
 * sentence. The differences that matter:
 * <ul>
 *   <li>no tokenizer: tokens are whatever the caller split;</li>
 *   <li>weights instead of a fixed 1/N, zipped with the precisions (extra orders are ignored);</li>
 *   <li>a segment shorter than n still adds 1 to the n-gram total (NLTK floors each
 *       denominator at 1), so a 3-token sentence has p₄ = 0/1, not "no 4-grams";</li>
 *   <li>unsmoothed zeros become the smallest normal double, so BLEU is a tiny positive number
 *       (about 1e-155), not 0; only "no unigram matched" returns exactly 0;</li>
 *   <li>the smoothing methods see the corpus sums but, where they need a sentence (method5's
 *       5-gram precision, method6's n-gram count), NLTK passes the <em>last</em> segment of the
 *       corpus; that is reproduced, because it changes the numbers.</li>
 * </ul>
 */
public final class NltkBleu {

    private static final double[] UNIFORM_4 = {0.25, 0.25, 0.25, 0.25};

    private NltkBleu() {
    }

    /** NLTK's default weights (0.25, 0.25, 0.25, 0.25). */
    public static double[] defaultWeights() {
        return UNIFORM_4.clone();
    }

    /** {@code sentence_bleu(references, hypothesis, weights, smoothing, auto_reweigh)} for one weight vector. */
    public static NltkResult sentenceBleu(List<? extends List<String>> references, List<String> hypothesis,
                                          double[] weights, NltkSmoothing smoothing, boolean autoReweigh) {
        return corpusBleu(List.of(references), List.of(hypothesis), List.of(weights), smoothing, autoReweigh);
    }

    /** {@code sentence_bleu} with several weight vectors (one score each). */
    public static NltkResult sentenceBleu(List<? extends List<String>> references, List<String> hypothesis,
                                          List<double[]> weights, NltkSmoothing smoothing, boolean autoReweigh) {
        return corpusBleu(List.of(references), List.of(hypothesis), weights, smoothing, autoReweigh);
    }

    /**
     * {@code corpus_bleu(list_of_references, hypotheses, weights, smoothing_function, auto_reweigh)}.
     *
     * @param listOfReferences per hypothesis, its references (each a token list)
     * @param hypotheses       token lists
     * @param weights          one or more weight vectors
     * @param smoothing        {@link NltkSmoothing#none()} for NLTK's default
     * @param autoReweigh      NLTK's auto_reweigh: if the corpus has fewer than 4 hypothesis tokens
     *                         and the weights are the default (0.25 × 4), use 1/c for c orders
     */
    public static NltkResult corpusBleu(List<? extends List<? extends List<String>>> listOfReferences,
                                        List<? extends List<String>> hypotheses, List<double[]> weights,
                                        NltkSmoothing smoothing, boolean autoReweigh) {
        if (listOfReferences.size() != hypotheses.size()) {
            throw new IllegalArgumentException("there are " + hypotheses.size() + " hypotheses but "
                    + listOfReferences.size() + " reference lists: NLTK needs one list of references per hypothesis");
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("at least one weight vector is needed");
        }
        int maxLen = 0;
        for (double[] w : weights) {
            if (w.length == 0) {
                throw new IllegalArgumentException("a weight vector is empty");
            }
            maxLen = Math.max(maxLen, w.length);
        }
        long[] num = new long[maxLen];
        long[] den = new long[maxLen];
        long hypLengths = 0;
        long refLengths = 0;
        List<? extends List<String>> lastRefs = null;
        List<String> lastHyp = null;
        // NLTK's modified_precision clips exactly as sacreBLEU does, and its closest reference
        // length (min by (|r - c|, r)) is sacreBLEU's rule too, so the fast counter serves both;
        // only the denominators differ: NLTK floors each segment's at 1.
        NgramCounter counter = new NgramCounter();
        List<int[]> encodedRefs = new ArrayList<>();
        for (int s = 0; s < hypotheses.size(); s++) {
            List<? extends List<String>> refs = listOfReferences.get(s);
            List<String> hyp = hypotheses.get(s);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("hypothesis " + (s + 1) + " has no references");
            }
            encodedRefs.clear();
            for (List<String> r : refs) {
                encodedRefs.add(counter.encode(r));
            }
            long[] stats = counter.segmentStatistics(counter.encode(hyp), encodedRefs, maxLen);
            for (int n = 1; n <= maxLen; n++) {
                num[n - 1] += stats[2 + n - 1];
                den[n - 1] += Math.max(1, stats[2 + maxLen + n - 1]);
            }
            hypLengths += stats[0];
            refLengths += stats[1];
            lastRefs = refs;
            lastHyp = hyp;
        }
        double bp = brevityPenalty(refLengths, hypLengths);

        if (num[0] == 0) {
            return new NltkResult(new double[weights.size()], num, den, null, bp, hypLengths, refLengths);
        }

        double[] p = smooth(smoothing, num, den, lastRefs, lastHyp, hypLengths);

        double[] scores = new double[weights.size()];
        for (int w = 0; w < weights.size(); w++) {
            double[] weight = weights.get(w);
            if (autoReweigh && hypLengths < 4 && Arrays.equals(weight, UNIFORM_4)) {
                weight = new double[(int) hypLengths];
                Arrays.fill(weight, 1.0 / hypLengths);
            }
            int terms = Math.min(weight.length, p.length);
            double[] logs = new double[terms];
            int k = 0;
            for (int i = 0; i < terms; i++) {
                // NLTK skips non-positive precisions (a zero left by method1 with epsilon 0, or by
                // method4 on a one-token hypothesis) instead of failing on log(0).
                if (p[i] > 0) {
                    logs[k++] = weight[i] * Math.log(p[i]);
                }
            }
            scores[w] = bp * Math.exp(ExactSum.fsum(Arrays.copyOf(logs, k)));
        }
        return new NltkResult(scores, num, den, p, bp, hypLengths, refLengths);
    }

    /** NLTK's brevity penalty: 1 if c &gt; r, 0 if c = 0, else exp(1 − r/c). */
    public static double brevityPenalty(long closestRefLen, long hypLen) {
        if (hypLen > closestRefLen) {
            return 1.0;
        }
        if (hypLen == 0) {
            return 0.0;
        }
        return Math.exp(1 - (double) closestRefLen / hypLen);
    }

    /**
     * NLTK's {@code modified_precision} as the unreduced fraction {numerator, denominator}; the
     * denominator is at least 1. Written plainly (string n-grams): method5 needs it for one segment.
     */
    static long[] modifiedPrecision(List<? extends List<String>> references, List<String> hypothesis, int n) {
        Map<List<String>, Integer> counts = ngramCounts(hypothesis, n);
        Map<List<String>, Integer> maxCounts = new HashMap<>();
        for (List<String> ref : references) {
            Map<List<String>, Integer> refCounts = ngramCounts(ref, n);
            for (List<String> g : counts.keySet()) {
                maxCounts.merge(g, refCounts.getOrDefault(g, 0), Math::max);
            }
        }
        long numerator = 0;
        long total = 0;
        for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
            numerator += Math.min(e.getValue(), maxCounts.getOrDefault(e.getKey(), 0));
            total += e.getValue();
        }
        return new long[] {numerator, Math.max(1, total)};
    }

    private static Map<List<String>, Integer> ngramCounts(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return out;
    }

    private static double[] smooth(NltkSmoothing sm, long[] num, long[] den, List<? extends List<String>> lastRefs,
                                   List<String> lastHyp, long hypLengths) {
        int len = num.length;
        double[] p = new double[len];
        switch (sm.method()) {
            case METHOD0 -> {
                for (int i = 0; i < len; i++) {
                    // sys.float_info.min: log() of it is about -708, which makes BLEU ~0 without failing.
                    p[i] = num[i] != 0 ? (double) num[i] / den[i] : Double.MIN_NORMAL;
                }
            }
            case METHOD1 -> {
                for (int i = 0; i < len; i++) {
                    p[i] = num[i] == 0 ? (num[i] + sm.epsilon()) / den[i] : (double) num[i] / den[i];
                }
            }
            case METHOD2 -> {
                for (int i = 0; i < len; i++) {
                    p[i] = i == 0 ? (double) num[i] / den[i] : (double) (num[i] + 1) / (den[i] + 1);
                }
            }
            case METHOD3 -> {
                int incvnt = 1;
                for (int i = 0; i < len; i++) {
                    if (num[i] == 0) {
                        p[i] = 1.0 / (Math.pow(2, incvnt) * den[i]);
                        incvnt++;
                    } else {
                        p[i] = (double) num[i] / den[i];
                    }
                }
            }
            case METHOD4 -> p = method4(sm, num, den, lastHyp, hypLengths);
            case METHOD5 -> p = method5(fractions(num, den), lastRefs, lastHyp);
            case METHOD6 -> {
                if (len < 3) {
                    throw new IllegalArgumentException("NLTK method6 needs at least 3 n-gram orders (weights of length >= 3), got "
                            + len);
                }
                if (num[2] == 0) {
                    // NLTK: "This smoothing method requires non-zero precision for bigrams." (it checks p3)
                    throw new IllegalArgumentException("NLTK method6 needs a non-zero trigram precision p3 (NLTK asserts this)");
                }
                p = fractions(num, den);
                for (int i = 2; i < len; i++) {
                    double pi0 = p[i - 2] == 0 ? 0 : p[i - 1] * p[i - 1] / p[i - 2];
                    long m = num[i];
                    long l = Math.max(0, lastHyp.size() - i);
                    double denominator = l + sm.alpha();
                    if (denominator == 0) {
                        throw new IllegalArgumentException("NLTK method6 divides by zero here (alpha = 0 and the last hypothesis has no "
                                + (i + 1) + "-grams)");
                    }
                    p[i] = (m + sm.alpha() * pi0) / denominator;
                }
            }
            case METHOD7 -> p = method5(method4(sm, num, den, lastHyp, hypLengths), lastRefs, lastHyp);
            default -> throw new IllegalStateException(sm.method().toString());
        }
        return p;
    }

    private static double[] fractions(long[] num, long[] den) {
        double[] p = new double[num.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (double) num[i] / den[i];
        }
        return p;
    }

    private static double[] method4(NltkSmoothing sm, long[] num, long[] den, List<String> lastHyp, long hypLengths) {
        double[] p = fractions(num, den);
        // NLTK: hyp_len if hyp_len else len(hypothesis)
        long hypLen = hypLengths != 0 ? hypLengths : lastHyp.size();
        int incvnt = 1;
        for (int i = 0; i < p.length; i++) {
            if (num[i] == 0 && hypLen > 1) {
                double numerator = 1 / (Math.pow(2, incvnt) * sm.k() / Math.log(hypLen));
                p[i] = numerator / den[i];
                incvnt++;
            }
        }
        return p;
    }

    private static double[] method5(double[] pIn, List<? extends List<String>> lastRefs, List<String> lastHyp) {
        long[] p5 = modifiedPrecision(lastRefs, lastHyp, 5);
        double[] plus1 = Arrays.copyOf(pIn, pIn.length + 1);
        plus1[pIn.length] = (double) p5[0] / p5[1];
        double[] p = pIn.clone();
        double mPrev = pIn[0] + 1;
        for (int i = 0; i < p.length; i++) {
            p[i] = (mPrev + pIn[i] + plus1[i + 1]) / 3;
            mPrev = p[i];
        }
        return p;
    }
}

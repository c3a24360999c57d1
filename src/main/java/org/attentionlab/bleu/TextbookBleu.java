package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The textbook variant of BLEU from <em>Dive into Deep Learning</em> (d2l, section "Evaluation of
 * Predicted Sequences" in the seq2seq chapter), which many courses copy:
 *
 * <pre>
 *   BLEU = exp(min(0, 1 − len_label / len_pred)) · Π_{n=1..k} pₙ^(1/2ⁿ)
 * </pre>
 *
 * <p>It is <strong>not</strong> Papineni et al.'s BLEU and not what sacreBLEU or NLTK compute:
 * the weights 1/2, 1/4, 1/8, … favour short n-grams and do not sum to 1, there is exactly one
 * reference, no smoothing, and orders beyond the prediction's length are silently skipped. It is
 * here, labelled as such, so a student can see why their course's number differs.
 */
public final class TextbookBleu {

    /** What the view shows for this variant. */
    public static final String LABEL = "textbook BLEU (d2l: pₙ^(1/2ⁿ), one reference, no smoothing)";

    /**
     * The result.
     *
     * @param score        0–1
     * @param brevityFactor exp(min(0, 1 − len_label / len_pred))
     * @param matches      per order n = 1..min(k, len_pred), clipped matches
     * @param totals       per order, len_pred − n + 1
     * @param precisions   matches / totals
     * @param predLength   len_pred
     * @param labelLength  len_label
     */
    public record Result(double score, double brevityFactor, int[] matches, int[] totals, double[] precisions,
                         int predLength, int labelLength) {

        public Result {
            matches = matches.clone();
            totals = totals.clone();
            precisions = precisions.clone();
        }

        @Override
        public int[] matches() {
            return matches.clone();
        }

        @Override
        public int[] totals() {
            return totals.clone();
        }

        @Override
        public double[] precisions() {
            return precisions.clone();
        }
    }

    private TextbookBleu() {
    }

    /**
     * d2l's {@code bleu(pred_seq, label_seq, k)} on strings, split on single spaces exactly as d2l
     * does ({@code str.split(' ')}, so two spaces in a row make an empty token).
     */
    public static Result scoreD2l(String predSeq, String labelSeq, int k) {
        return score(Arrays.asList(predSeq.split(" ", -1)), Arrays.asList(labelSeq.split(" ", -1)), k);
    }

    /** The same formula on token lists. */
    public static Result score(List<String> pred, List<String> label, int k) {
        if (pred.isEmpty()) {
            throw new IllegalArgumentException("the prediction is empty: the textbook formula divides by its length");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k (the highest n-gram order) must be at least 1, got " + k);
        }
        int lenPred = pred.size();
        int lenLabel = label.size();
        double brevity = Math.exp(Math.min(0, 1 - (double) lenLabel / lenPred));
        double score = brevity;
        int orders = Math.min(k, lenPred);
        List<Integer> matches = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        List<Double> precisions = new ArrayList<>();
        for (int n = 1; n <= orders; n++) {
            Map<List<String>, Integer> labelSubs = new HashMap<>();
            for (int i = 0; i + n <= lenLabel; i++) {
                labelSubs.merge(label.subList(i, i + n), 1, Integer::sum);
            }
            int numMatches = 0;
            for (int i = 0; i + n <= lenPred; i++) {
                List<String> g = pred.subList(i, i + n);
                int left = labelSubs.getOrDefault(g, 0);
                if (left > 0) {
                    numMatches++;
                    labelSubs.put(g, left - 1);
                }
            }
            int total = lenPred - n + 1;
            double p = (double) numMatches / total;
            score *= Math.pow(p, Math.pow(0.5, n));
            matches.add(numMatches);
            totals.add(total);
            precisions.add(p);
        }
        return new Result(score, brevity, matches.stream().mapToInt(Integer::intValue).toArray(),
                totals.stream().mapToInt(Integer::intValue).toArray(),
                precisions.stream().mapToDouble(Double::doubleValue).toArray(), lenPred, lenLabel);
    }
}

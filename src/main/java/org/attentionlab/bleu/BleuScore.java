package org.attentionlab.bleu;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A sacreBLEU-compatible BLEU score and everything it was computed from (Papineni et al. 2002,
 * section 2; sacreBLEU 2.x's {@code BLEUScore}).
 *
 * <p>BLEU = BP · exp( (1/N) Σ log pₙ ), with pₙ the clipped n-gram precisions in percent, so the
 * score is on a 0–100 scale.
 *
 * @param score          BLEU, 0–100
 * @param counts         clipped n-gram matches per order (n = 1..N), as counted, before smoothing
 * @param totals         hypothesis n-grams per order, as counted
 * @param reportedCounts the counts sacreBLEU's {@code BLEUScore.counts} reports: equal to
 *                       {@code counts} except that {@code add-k} smoothing adds k to every order
 *                       n &gt; 1 it reached (sacreBLEU updates its list in place)
 * @param reportedTotals likewise for totals
 * @param precisions     pₙ in percent after smoothing; orders beyond the last one with n-grams are 0
 * @param bp             brevity penalty, exp(1 − r/c) when c &lt; r, else 1 (0 when c = 0)
 * @param sysLen         c, the hypothesis length in tokens (summed over the corpus)
 * @param refLen         r, the closest reference length (summed over the corpus)
 * @param effectiveOrder how many orders the geometric mean averaged over (N unless effective
 *                       order cut it short; 0 when no n-gram matched and the score is 0 outright)
 * @param signature      the reproducibility signature; null when computed from bare statistics
 */
public record BleuScore(double score, long[] counts, long[] totals, double[] reportedCounts, double[] reportedTotals,
                        double[] precisions, double bp, long sysLen, long refLen, int effectiveOrder,
                        BleuSignature signature) {

    public BleuScore {
        counts = counts.clone();
        totals = totals.clone();
        reportedCounts = reportedCounts.clone();
        reportedTotals = reportedTotals.clone();
        precisions = precisions.clone();
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
    public double[] reportedCounts() {
        return reportedCounts.clone();
    }

    @Override
    public double[] reportedTotals() {
        return reportedTotals.clone();
    }

    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    /** The maximum n-gram order N. */
    public int maxNgramOrder() {
        return precisions.length;
    }

    /** c / r, or 0 when r = 0 (as sacreBLEU). */
    public double ratio() {
        return refLen != 0 ? (double) sysLen / refLen : 0.0;
    }

    /** This score with another signature (used when references were counted elsewhere). */
    public BleuScore withSignature(BleuSignature sig) {
        return new BleuScore(score, counts, totals, reportedCounts, reportedTotals, precisions, bp, sysLen, refLen,
                effectiveOrder, sig);
    }

    /**
     * sacreBLEU's verbose part, e.g.
     * {@code 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}: the
     * {@code verbose_score} of its JSON output.
     */
    public String verboseScore() {
        StringJoiner p = new StringJoiner("/");
        for (double x : precisions) {
            p.add(PyFormat.fixed(x, 1));
        }
        return p + " (BP = " + PyFormat.fixed(bp, 3) + " ratio = " + PyFormat.fixed(ratio(), 3)
                + " hyp_len = " + sysLen + " ref_len = " + refLen + ")";
    }

    /** The score with {@code width} decimals, as sacreBLEU prints it. */
    public String scoreString(int width) {
        return PyFormat.fixed(score, width);
    }

    /**
     * The full line sacreBLEU prints, e.g.
     * {@code BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:attention-lab-0.1.0 = 48.53 82.4/50.0/45.5/37.5 (BP = ...)}.
     */
    public String format(int width) {
        String head = signature != null ? "BLEU|" + signature.format() : "BLEU";
        return head + " = " + scoreString(width) + " " + verboseScore();
    }

    /** {@link #format(int)} with sacreBLEU's default width of 2 decimals. */
    public String formatted() {
        return format(2);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BleuScore b)) {
            return false;
        }
        return Double.compare(score, b.score) == 0 && Arrays.equals(counts, b.counts) && Arrays.equals(totals, b.totals)
                && Arrays.equals(reportedCounts, b.reportedCounts) && Arrays.equals(reportedTotals, b.reportedTotals)
                && Arrays.equals(precisions, b.precisions) && Double.compare(bp, b.bp) == 0 && sysLen == b.sysLen
                && refLen == b.refLen && effectiveOrder == b.effectiveOrder && java.util.Objects.equals(signature, b.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(score, Arrays.hashCode(counts), Arrays.hashCode(totals), bp, sysLen, refLen, signature);
    }

    @Override
    public String toString() {
        return formatted();
    }
}

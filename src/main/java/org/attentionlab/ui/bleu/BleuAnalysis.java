package org.attentionlab.ui.bleu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.attentionlab.bleu.BleuComparison;
import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.MatchDetails;
import org.attentionlab.bleu.NltkResult;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.bleu.TextbookBleu;

/**
 * Everything the BLEU view shows for one input, computed in the background and handed to the FX
 * thread whole (Papineni et al. 2002: clipped n-gram precisions pₙ, the brevity penalty, their
 * weighted geometric mean). No JavaFX here: the numbers come from the {@code bleu} package; this
 * class only gathers them and writes the formulas with the numbers filled in.
 *
 * @param level        sentence or corpus
 * @param mode         the implementation in focus
 * @param comparison   the same input scored by sacreBLEU, NLTK and the textbook formula
 * @param details      the n-gram story of the sentence (for a corpus: of the selected segment);
 *                     against the first reference only in textbook mode, as that formula uses one
 * @param summary      the numbers of the implementation in focus
 * @param candidates   several candidates against the same references, scored three ways (may be empty)
 * @param segment      the selected segment, 1-based (1 for a sentence)
 * @param segmentCount segments in the corpus (1 for a sentence)
 * @param segmentScore sacreBLEU sentence score of the selected segment (corpus only, else null)
 */
public record BleuAnalysis(BleuLevel level, BleuMode mode, BleuComparison comparison, MatchDetails details, Summary summary,
                           List<CandidateScore> candidates, int segment, int segmentCount, BleuScore segmentScore) {

    public BleuAnalysis {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(summary, "summary");
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate scored three ways.
     *
     * @param sacre    sacreBLEU, 0–100
     * @param nltk     NLTK, 0–1, or null where NLTK refuses the input
     * @param textbook the textbook formula, 0–1, or null for an empty candidate
     */
    public record CandidateScore(String label, String text, double sacre, Double nltk, Double textbook) {
    }

    /**
     * The numbers of one implementation, in one shape for all three.
     *
     * @param mode       which implementation
     * @param available  false when it gives no number for this input (why: {@link #unavailableReason})
     * @param unavailableReason a message key, or null
     * @param score      on the implementation's own scale
     * @param scale      100 (sacreBLEU) or 1
     * @param counts     clipped matches per order n = 1…N, before smoothing
     * @param totals     candidate n-grams per order, as the implementation counts them
     * @param precisions pₙ as the mean uses it (after smoothing), as a fraction in [0, 1]
     * @param used       whether order n enters the mean (effective order, the textbook's min(k, c))
     * @param smoothed   whether smoothing changed pₙ
     * @param weights    wₙ (0 for orders left out)
     * @param bp         the brevity penalty
     * @param c          candidate length in tokens
     * @param r          closest reference length
     * @param bpLatex    the brevity penalty with the numbers filled in
     * @param bleuLatex  the final formula with the numbers filled in
     */
    public record Summary(BleuMode mode, boolean available, String unavailableReason, double score, double scale,
                          long[] counts, long[] totals, double[] precisions, boolean[] used, boolean[] smoothed,
                          double[] weights, double bp, long c, long r, String bpLatex, String bleuLatex) {

        public Summary {
            counts = counts.clone();
            totals = totals.clone();
            precisions = precisions.clone();
            used = used.clone();
            smoothed = smoothed.clone();
            weights = weights.clone();
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
            return precisions.clone();
        }

        @Override
        public boolean[] used() {
            return used.clone();
        }

        @Override
        public boolean[] smoothed() {
            return smoothed.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /** N, the number of orders shown. */
        public int orders() {
            return counts.length;
        }

        /** The score as the implementation prints it: 2 decimals on 0–100, else 4 (or powers of ten). */
        public String scoreText() {
            if (!available) {
                return "—";
            }
            return scale == 100 ? fixed(score, 2) : plain(score);
        }

        /** c / r (0 when r = 0). */
        public double ratio() {
            return r == 0 ? 0 : (double) c / r;
        }
    }

    // ------------------------------------------------------------------------------ factories

    /**
     * One sentence.
     *
     * @param references the non-empty references, at least one
     * @param candidates further candidates to rank against the same references (may be empty)
     */
    public static BleuAnalysis sentence(String candidate, List<String> references, List<NamedCandidate> candidates,
                                        BleuConfig config, NltkSmoothing nltk, BleuMode mode) {
        BleuComparison all = BleuComparison.sentence(candidate, references, config, nltk);
        List<String> matchedAgainst = mode == BleuMode.TEXTBOOK ? references.subList(0, 1) : references;
        MatchDetails details = new SacreBleu(config).explain(candidate, matchedAgainst);
        List<CandidateScore> scores = new ArrayList<>();
        for (NamedCandidate c : candidates) {
            BleuComparison x = c.text().equals(candidate) ? all : BleuComparison.sentence(c.text(), references, config, nltk);
            scores.add(new CandidateScore(c.label(), c.text(), x.sacre().score(), x.nltk() == null ? null : x.nltk().score(),
                    x.textbook() == null ? null : x.textbook().score()));
        }
        return new BleuAnalysis(BleuLevel.SENTENCE, mode, all, details, summary(mode, all), scores, 1, 1, null);
    }

    /**
     * A corpus read from files, and the details of one of its segments.
     *
     * @param referenceStreams one list per reference file, each as long as {@code hypotheses}
     * @param segment          the segment to explain, 1-based
     */
    public static BleuAnalysis corpus(List<String> hypotheses, List<? extends List<String>> referenceStreams, int segment,
                                      BleuConfig config, NltkSmoothing nltk, BleuMode mode) {
        BleuComparison all = BleuComparison.corpus(hypotheses, referenceStreams, config, nltk);
        return withSegment(all, hypotheses, referenceStreams, segment, config, mode);
    }

    /** The corpus scores of {@code all} with the details of another segment (no corpus recomputation). */
    public static BleuAnalysis withSegment(BleuComparison all, List<String> hypotheses,
                                           List<? extends List<String>> referenceStreams, int segment, BleuConfig config,
                                           BleuMode mode) {
        int n = hypotheses.size();
        int s = Math.max(1, Math.min(segment, n));
        List<String> refs = new ArrayList<>();
        for (List<String> stream : referenceStreams) {
            if (stream.get(s - 1) != null) {
                refs.add(stream.get(s - 1));
            }
        }
        SacreBleu sentence = new SacreBleu(config.withEffectiveOrder(true));
        MatchDetails details = sentence.explain(hypotheses.get(s - 1), refs);
        BleuScore segmentScore = sentence.sentenceScore(hypotheses.get(s - 1), refs);
        return new BleuAnalysis(BleuLevel.CORPUS, mode, all, details, summary(mode, all), List.of(), s, n, segmentScore);
    }

    /** The summary of each implementation, in {@link BleuMode} order (for the comparison strip). */
    public List<Summary> all() {
        List<Summary> out = new ArrayList<>();
        for (BleuMode m : BleuMode.values()) {
            out.add(m == mode ? summary : summary(m, comparison));
        }
        return out;
    }

    /**
     * The message key of the one sentence that says why this implementation's number differs: the
     * general reason, or the one this input brings out (effective order cut the mean short; NLTK's
     * stand-in for log 0 made the score tiny; an order without a match zeroed the textbook product).
     */
    public String reasonKey(Summary s) {
        return switch (s.mode()) {
            case SACREBLEU -> {
                int eff = comparison.sacre().effectiveOrder();
                yield eff > 0 && eff < s.orders() ? "bleu.why.sacrebleu.effective" : "bleu.why.sacrebleu";
            }
            case NLTK -> !s.available() ? "bleu.why.nltk.refused"
                    : Arrays.stream(s.precisions()).anyMatch(p -> p > 0 && p <= Double.MIN_NORMAL) ? "bleu.why.nltk.tiny" : "bleu.why.nltk";
            case TEXTBOOK -> !s.available() ? "bleu.why.textbook.none" : s.score() == 0 ? "bleu.why.textbook.zero" : "bleu.why.textbook";
        };
    }

    static Summary summary(BleuMode mode, BleuComparison all) {
        return switch (mode) {
            case SACREBLEU -> sacre(all.sacre());
            case NLTK -> all.nltk() == null ? unavailable(mode, "bleu.unavailable.nltk") : nltk(all.nltk());
            case TEXTBOOK -> all.textbook() == null
                    ? unavailable(mode, all.hypothesisTokens().isEmpty() && all.referenceTokens().isEmpty()
                            ? "bleu.unavailable.textbookCorpus" : "bleu.unavailable.textbookEmpty")
                    : textbook(all.textbook());
        };
    }

    private static Summary unavailable(BleuMode mode, String reason) {
        return new Summary(mode, false, reason, 0, mode == BleuMode.SACREBLEU ? 100 : 1, new long[0], new long[0], new double[0],
                new boolean[0], new boolean[0], new double[0], 0, 0, 0, "", "");
    }

    private static Summary sacre(BleuScore s) {
        int n = s.maxNgramOrder();
        long[] counts = s.counts();
        long[] totals = s.totals();
        double[] p = s.precisions();
        double[] reported = s.reportedCounts();
        int eff = s.effectiveOrder();
        double[] precisions = new double[n];
        boolean[] used = new boolean[n];
        boolean[] smoothed = new boolean[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            precisions[i] = p[i] / 100.0;
            used[i] = i < eff;
            weights[i] = used[i] ? 1.0 / eff : 0;
            smoothed[i] = reported[i] != counts[i] || (counts[i] == 0 && p[i] > 0);
        }
        String bleu;
        if (eff == 0) {
            bleu = "\\mathrm{BLEU} = 0";
        } else {
            List<String> logs = new ArrayList<>();
            double sum = 0;
            boolean zero = false;
            for (int i = 0; i < eff; i++) {
                logs.add("\\log " + latex(precisions[i]));
                zero |= precisions[i] == 0;
                sum += precisions[i] == 0 ? 0 : Math.log(precisions[i]);
            }
            double geo = zero ? 0 : Math.exp(sum / eff);
            bleu = "\\mathrm{BLEU} = 100 \\cdot \\mathrm{BP} \\cdot \\exp\\Big(\\frac{1}{" + eff + "}\\big(" + String.join(" + ", logs)
                    + "\\big)\\Big) = 100 \\cdot " + latex(s.bp()) + " \\cdot " + latex(geo) + " = " + fixed(s.score(), 2);
        }
        return new Summary(BleuMode.SACREBLEU, true, null, s.score(), 100, counts, totals, precisions, used, smoothed, weights,
                s.bp(), s.sysLen(), s.refLen(), bpLatex(s.sysLen(), s.refLen(), s.bp(), false), bleu);
    }

    private static Summary nltk(NltkResult r) {
        long[] counts = r.counts();
        long[] totals = r.totals();
        int n = counts.length;
        double[] precisions = new double[n];
        boolean[] used = new boolean[n];
        boolean[] smoothed = new boolean[n];
        double[] weights = new double[n];
        String bleu;
        if (r.precisions() == null) {
            // NLTK returns 0 before smoothing when no unigram matches.
            bleu = "\\mathrm{BLEU} = 0 \\quad (p_1 = 0)";
        } else {
            double[] p = r.precisions();
            List<String> logs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                precisions[i] = p[i];
                used[i] = p[i] > 0;
                weights[i] = 1.0 / n;
                smoothed[i] = p[i] != (double) counts[i] / totals[i];
                if (used[i]) {
                    logs.add("\\log " + latex(p[i]));
                }
            }
            bleu = "\\mathrm{BLEU} = \\mathrm{BP} \\cdot \\exp\\Big(\\sum_{n=1}^{" + n + "} w_n \\log p_n\\Big) = " + latex(r.bp())
                    + " \\cdot \\exp\\Big(\\frac{1}{" + n + "}\\big(" + String.join(" + ", logs) + "\\big)\\Big) = " + latex(r.score());
        }
        return new Summary(BleuMode.NLTK, true, null, r.score(), 1, counts, totals, precisions, used, smoothed, weights, r.bp(),
                r.hypLength(), r.refLength(), bpLatex(r.hypLength(), r.refLength(), r.bp(), true), bleu);
    }

    private static Summary textbook(TextbookBleu.Result t) {
        int k = t.precisions().length;
        long[] counts = Arrays.stream(t.matches()).asLongStream().toArray();
        long[] totals = Arrays.stream(t.totals()).asLongStream().toArray();
        double[] precisions = t.precisions();
        boolean[] used = new boolean[k];
        double[] weights = new double[k];
        List<String> factors = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            used[i] = true;
            weights[i] = Math.pow(0.5, i + 1);
            factors.add(latex(precisions[i]) + "^{1/" + (1 << (i + 1)) + "}");
        }
        String bleu = "\\mathrm{BLEU} = \\mathrm{BP} \\cdot \\prod_{n=1}^{" + k + "} p_n^{1/2^n} = " + latex(t.brevityFactor()) + " \\cdot "
                + String.join(" \\cdot ", factors) + " = " + latex(t.score());
        return new Summary(BleuMode.TEXTBOOK, true, null, t.score(), 1, counts, totals, precisions, used, new boolean[k], weights,
                t.brevityFactor(), t.predLength(), t.labelLength(), bpLatex(t.predLength(), t.labelLength(), t.brevityFactor(), false),
                bleu);
    }

    private static String bpLatex(long c, long r, double bp, boolean nltk) {
        if (c == 0) {
            return "\\mathrm{BP} = 0 \\quad (c = 0)";
        }
        if (c >= r) {
            // sacreBLEU and d2l: no penalty when c >= r; NLTK takes exp(0) = 1 at c = r, the same number.
            return "\\mathrm{BP} = 1 \\quad (c = " + c + " \\geq r = " + r + ")";
        }
        return "\\mathrm{BP} = e^{1 - r/c} = e^{1 - " + r + "/" + c + "} = " + latex(bp);
    }

    // ------------------------------------------------------------------------------ numbers

    /** A number for a formula: 4 decimals at most, trailing zeros dropped; tiny ones as m·10^e. */
    static String latex(double x) {
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a < 1e-4) {
            int e = (int) Math.floor(Math.log10(a));
            double m = x / Math.pow(10, e);
            return trim(fixed(m, 2)) + " \\cdot 10^{" + e + "}";
        }
        return trim(fixed(x, 4));
    }

    /** A number for a label: as {@link #latex} with Unicode superscripts (4.61 × 10⁻¹⁵⁵). */
    public static String plain(double x) {
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a < 1e-4) {
            int e = (int) Math.floor(Math.log10(a));
            double m = x / Math.pow(10, e);
            return trim(fixed(m, 2)) + " × 10" + superscript(e);
        }
        return trim(fixed(x, 4));
    }

    /** {@code x} with exactly {@code decimals} decimals, half-even as Python's format, Locale.ROOT. */
    public static String fixed(double x, int decimals) {
        return new java.math.BigDecimal(x).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String superscript(int e) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder();
        for (char ch : Integer.toString(e).toCharArray()) {
            b.append(ch == '-' ? '⁻' : digits.charAt(ch - '0'));
        }
        return b.toString();
    }

    /** A fraction such as 1/2 for pₙ's label. */
    public static String fraction(long numerator, long denominator) {
        return numerator + "/" + denominator;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BleuAnalysis[%s %s score=%s]", level, mode, summary.scoreText());
    }
}

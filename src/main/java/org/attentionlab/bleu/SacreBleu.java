package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * BLEU exactly as sacreBLEU 2.6.0 computes it (Papineni et al. 2002, "BLEU: a Method for
 * Automatic Evaluation of Machine Translation"; Post 2018, "A Call for Clarity in Reporting
 * BLEU Scores").
 *
 * <p>The steps, numbered as a lesson may refer to them:
 * <ol>
 *   <li>preprocess each segment: optionally lower-case, strip trailing whitespace, tokenize;</li>
 *   <li>count each hypothesis n-gram (n = 1..N) and clip the count by the largest number of
 *       times it occurs in any one reference of that segment (the "modified precision" of
 *       section 2.1 of the paper: a hypothesis cannot earn credit twice for one reference word);</li>
 *   <li>per segment, take the reference length closest to the hypothesis length (ties to the
 *       shorter one);</li>
 *   <li>for a corpus, sum these statistics over all segments (section 2.2.1: BLEU is a corpus
 *       metric; averaging sentence scores gives a different, worse-behaved number);</li>
 *   <li>compute pₙ = matches/total in percent, smoothing orders without a match;</li>
 *   <li>BLEU = BP · exp((1/N) Σ log pₙ), BP = exp(1 − r/c) if c &lt; r else 1.</li>
 * </ol>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class SacreBleu {

    /** sacreBLEU's stand-in for log 0, so that a zero precision drives the score to 0 without a NaN. */
    private static final double LOG_ZERO = -9999999999.0;

    private final BleuConfig config;

    public SacreBleu(BleuConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public BleuConfig config() {
        return config;
    }

    /** Step 1 for one segment: what sacreBLEU's {@code _preprocess_segment} returns. */
    public String preprocess(String segment) {
        String s = config.lowercase() ? PythonText.lower(segment) : segment;
        return config.tokenizer().apply(PythonText.rstrip(s));
    }

    /** The tokens BLEU counts for one segment. */
    public List<String> tokens(String segment) {
        return PythonText.split(preprocess(segment));
    }

    /**
     * Corpus BLEU.
     *
     * @param hypotheses       one string per segment
     * @param referenceStreams one or more reference streams (sacreBLEU's layout), each with one
     *                         string per segment; null means "no reference from this stream for
     *                         this segment" (variable numbers of references); an empty string is,
     *                         as in sacreBLEU 2.6.0, a reference of length 0
     * @throws IllegalArgumentException if a stream's length differs from the hypotheses', a
     *                                  hypothesis is null, or a segment has no reference at all
     */
    public BleuScore corpusScore(List<String> hypotheses, List<? extends List<String>> referenceStreams) {
        Corpus corpus = statistics(hypotheses, referenceStreams);
        SegmentStatistics sum = null;
        for (SegmentStatistics s : corpus.segments) {
            sum = sum == null ? s : sum.plus(s);
        }
        if (sum == null) {
            long[] zeros = new long[config.maxNgramOrder()];
            sum = new SegmentStatistics(0, 0, zeros, zeros);
        }
        return score(sum, corpus.nrefs);
    }

    /** Sentence BLEU of one hypothesis against its references (null references are skipped). */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>();
        for (String r : references) {
            streams.add(java.util.Collections.singletonList(r));   // allows null
        }
        return corpusScore(List.of(Objects.requireNonNull(hypothesis, "hypothesis")), streams);
    }

    /** Sentence BLEU of every segment (sacreBLEU's {@code --sentence-level}). */
    public List<BleuScore> sentenceScores(List<String> hypotheses, List<? extends List<String>> referenceStreams) {
        Corpus corpus = statistics(hypotheses, referenceStreams);
        List<BleuScore> out = new ArrayList<>(corpus.segments.size());
        for (int i = 0; i < corpus.segments.size(); i++) {
            out.add(score(corpus.segments.get(i), Integer.toString(corpus.refCounts[i])));
        }
        return out;
    }

    /** Per-segment statistics (steps 1–3), e.g. for bootstrap resampling or a per-line view. */
    public List<SegmentStatistics> segmentStatistics(List<String> hypotheses, List<? extends List<String>> referenceStreams) {
        return statistics(hypotheses, referenceStreams).segments;
    }

    /** BLEU from (summed) statistics, with this configuration's smoothing and signature. */
    public BleuScore score(SegmentStatistics stats, String nrefs) {
        if (stats.maxNgramOrder() != config.maxNgramOrder()) {
            throw new IllegalArgumentException("statistics are for n-gram order " + stats.maxNgramOrder()
                    + " but this BLEU uses order " + config.maxNgramOrder());
        }
        return computeBleu(stats.correct(), stats.total(), stats.hypLen(), stats.refLen(), config.smoothing(),
                config.smoothValue(), config.effectiveOrder(), config.maxNgramOrder())
                .withSignature(BleuSignature.of(config, nrefs));
    }

    /**
     * The per-n-gram story of one sentence (tokenized with this configuration): each hypothesis
     * n-gram, its count, its clipped count and which reference positions it matched.
     */
    public MatchDetails explain(String hypothesis, List<String> references) {
        List<List<String>> refTokens = new ArrayList<>();
        for (String r : references) {
            if (r != null) {
                refTokens.add(tokens(r));
            }
        }
        if (refTokens.isEmpty()) {
            throw new IllegalArgumentException("there is no reference: BLEU needs at least one");
        }
        return MatchDetails.of(tokens(hypothesis), refTokens, config.maxNgramOrder());
    }

    /**
     * Steps 5–6: sacreBLEU's {@code BLEU.compute_bleu}, from statistics to score.
     *
     * @param smoothValue null for the method's default
     */
    public static BleuScore computeBleu(long[] correct, long[] total, long sysLen, long refLen, Smoothing smoothing,
                                        Double smoothValue, boolean effectiveOrder, int maxNgramOrder) {
        if (correct.length < maxNgramOrder || total.length < maxNgramOrder) {
            throw new IllegalArgumentException("need " + maxNgramOrder + " counts and totals, got "
                    + correct.length + " and " + total.length);
        }
        double value = smoothValue != null ? smoothValue : (smoothing.defaultValue() != null ? smoothing.defaultValue() : 0.0);

        // Brevity penalty (section 2.2.2): only a hypothesis shorter than its references is penalized.
        double bp;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
        } else {
            bp = 1.0;
        }

        long[] rawCounts = java.util.Arrays.copyOf(correct, maxNgramOrder);
        long[] rawTotals = java.util.Arrays.copyOf(total, maxNgramOrder);
        double[] c = new double[maxNgramOrder];
        double[] t = new double[maxNgramOrder];
        boolean anyMatch = false;
        for (int i = 0; i < maxNgramOrder; i++) {
            c[i] = rawCounts[i];
            t[i] = rawTotals[i];
            anyMatch |= rawCounts[i] != 0;
        }
        double[] precisions = new double[maxNgramOrder];

        // No match of any order: 0, whatever the smoothing (sacreBLEU issue #141).
        if (!anyMatch) {
            return new BleuScore(0.0, rawCounts, rawTotals, c, t, precisions, bp, sysLen, refLen, 0, null);
        }

        double smoothMteval = 1.0;
        int effOrder = maxNgramOrder;
        for (int n = 1; n <= maxNgramOrder; n++) {
            if (smoothing == Smoothing.ADD_K && n > 1) {
                c[n - 1] += value;
                t[n - 1] += value;
            }
            if (t[n - 1] == 0) {
                // The hypothesis has no n-grams of this order (it is shorter than n): stop here.
                break;
            }
            if (effectiveOrder) {
                effOrder = n;
            }
            if (c[n - 1] == 0) {
                if (smoothing == Smoothing.EXP) {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * t[n - 1]);
                } else if (smoothing == Smoothing.FLOOR) {
                    precisions[n - 1] = 100.0 * value / t[n - 1];
                }
            } else {
                precisions[n - 1] = 100.0 * c[n - 1] / t[n - 1];
            }
        }

        double sum = 0;
        for (int i = 0; i < effOrder; i++) {
            sum += precisions[i] == 0.0 ? LOG_ZERO : Math.log(precisions[i]);
        }
        double score = bp * Math.exp(sum / effOrder);
        return new BleuScore(score, rawCounts, rawTotals, c, t, precisions, bp, sysLen, refLen, effOrder, null);
    }

    // ---- corpus preparation -----------------------------------------------------------------

    private static final class Corpus {
        final List<SegmentStatistics> segments;
        final int[] refCounts;
        final String nrefs;

        Corpus(List<SegmentStatistics> segments, int[] refCounts) {
            this.segments = segments;
            this.refCounts = refCounts;
            TreeSet<Integer> distinct = new TreeSet<>();
            for (int r : refCounts) {
                distinct.add(r);
            }
            // sacreBLEU writes "var" when segments have different numbers of references.
            this.nrefs = distinct.size() == 1 ? distinct.first().toString() : distinct.isEmpty() ? "0" : "var";
        }
    }

    private Corpus statistics(List<String> hypotheses, List<? extends List<String>> referenceStreams) {
        Objects.requireNonNull(hypotheses, "hypotheses");
        Objects.requireNonNull(referenceStreams, "referenceStreams");
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference stream, got none");
        }
        int n = hypotheses.size();
        for (int s = 0; s < referenceStreams.size(); s++) {
            List<String> stream = referenceStreams.get(s);
            if (stream == null || stream.size() != n) {
                throw new IllegalArgumentException("reference stream " + (s + 1) + " has "
                        + (stream == null ? "no" : Integer.toString(stream.size())) + " segments but there are "
                        + n + " hypotheses");
            }
        }
        NgramCounter counter = new NgramCounter();
        int maxOrder = config.maxNgramOrder();
        List<SegmentStatistics> segments = new ArrayList<>(n);
        int[] refCounts = new int[n];
        List<int[]> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String hyp = hypotheses.get(i);
            if (hyp == null) {
                throw new IllegalArgumentException("hypothesis " + (i + 1) + " is null");
            }
            refs.clear();
            for (List<String> stream : referenceStreams) {
                String r = stream.get(i);
                // As in sacreBLEU 2.6.0, null means "this stream has no reference for this segment"
                // (a variable number of references). An empty string is a reference of length 0:
                // it counts in nrefs and can be the closest reference length.
                if (r != null) {
                    refs.add(counter.encode(tokens(r)));
                }
            }
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("segment " + (i + 1) + " has no reference: every reference stream is null there");
            }
            refCounts[i] = refs.size();
            long[] flat = counter.segmentStatistics(counter.encode(tokens(hyp)), refs, maxOrder);
            segments.add(SegmentStatistics.fromFlat(flat, maxOrder));
        }
        return new Corpus(segments, refCounts);
    }
}

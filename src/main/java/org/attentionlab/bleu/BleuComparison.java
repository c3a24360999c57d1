package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The same input scored the three ways a student meets BLEU: sacreBLEU, NLTK and the d2l
 * textbook formula. All three see the <em>same tokens</em> (those of the sacreBLEU tokenizer in
 * {@code config}), so whatever differs between them is the formula, not the tokenization: the
 * scale (0–100 or 0–1), the smoothing, effective order, NLTK's denominators floored at 1, and the
 * textbook's weights 1/2ⁿ with one reference.
 *
 * @param hypothesisTokens the candidate's tokens (empty for a corpus)
 * @param referenceTokens  its references' tokens (empty for a corpus)
 * @param sacre            sacreBLEU with {@code config}
 * @param nltk             NLTK with uniform weights over the same maximum order, no auto-reweigh;
 *                         null when NLTK refuses the input (see {@code nltkProblem})
 * @param nltkProblem      why NLTK gives no number (method6 on a sentence without a 3-gram match,
 *                         as NLTK itself asserts), else null
 * @param textbook         the d2l formula against the first reference, k = the maximum order; null
 *                         for a corpus or an empty candidate (the formula divides by its length)
 */
public record BleuComparison(List<String> hypothesisTokens, List<List<String>> referenceTokens, BleuScore sacre,
                             NltkResult nltk, String nltkProblem, TextbookBleu.Result textbook) {

    public BleuComparison {
        hypothesisTokens = List.copyOf(hypothesisTokens);
        referenceTokens = referenceTokens.stream().map(List::copyOf).toList();
        Objects.requireNonNull(sacre, "sacre");
    }

    /**
     * One sentence against its references.
     *
     * @param references at least one; null entries are skipped as in {@link SacreBleu#sentenceScore}
     */
    public static BleuComparison sentence(String hypothesis, List<String> references, BleuConfig config,
                                          NltkSmoothing nltkSmoothing) {
        SacreBleu sacre = new SacreBleu(config);
        BleuScore score = sacre.sentenceScore(hypothesis, references);
        List<String> hyp = sacre.tokens(hypothesis);
        List<List<String>> refs = new ArrayList<>();
        for (String r : references) {
            if (r != null) {
                refs.add(sacre.tokens(r));
            }
        }
        NltkResult nltk = null;
        String problem = null;
        try {
            nltk = NltkBleu.sentenceBleu(refs, hyp, uniform(config.maxNgramOrder()), nltkSmoothing, false);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        TextbookBleu.Result textbook = hyp.isEmpty() ? null : TextbookBleu.score(hyp, refs.get(0), config.maxNgramOrder());
        return new BleuComparison(hyp, refs, score, nltk, problem, textbook);
    }

    /**
     * A corpus: sacreBLEU's corpus score and NLTK's {@code corpus_bleu} on the same tokens. The
     * textbook formula scores one sentence, so it is null here.
     *
     * @param referenceStreams one list per reference file, each as long as {@code hypotheses}
     */
    public static BleuComparison corpus(List<String> hypotheses, List<? extends List<String>> referenceStreams,
                                        BleuConfig config, NltkSmoothing nltkSmoothing) {
        SacreBleu sacre = new SacreBleu(config);
        BleuScore score = sacre.corpusScore(hypotheses, referenceStreams);
        List<List<String>> hyps = new ArrayList<>(hypotheses.size());
        List<List<List<String>>> refs = new ArrayList<>(hypotheses.size());
        for (int i = 0; i < hypotheses.size(); i++) {
            hyps.add(sacre.tokens(hypotheses.get(i)));
            List<List<String>> segmentRefs = new ArrayList<>(referenceStreams.size());
            for (List<String> stream : referenceStreams) {
                if (stream.get(i) != null) {
                    segmentRefs.add(sacre.tokens(stream.get(i)));
                }
            }
            refs.add(segmentRefs);
        }
        NltkResult nltk = null;
        String problem = null;
        try {
            nltk = NltkBleu.corpusBleu(refs, hyps, List.of(uniform(config.maxNgramOrder())), nltkSmoothing, false);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return new BleuComparison(List.of(), List.of(), score, nltk, problem, null);
    }

    /** NLTK's default weights generalised to N orders: 1/N each. */
    public static double[] uniform(int orders) {
        double[] w = new double[orders];
        Arrays.fill(w, 1.0 / orders);
        return w;
    }
}

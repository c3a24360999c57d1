package org.attentionlab.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of BLEU that hold for every input (Papineni et al. 2002; sacreBLEU; NLTK). */
class BleuPropertiesTest {

    private static final List<String> VOCAB = List.of("the", "cat", "sat", "on", "mat", "a", "dog", ".", "猫", "在");

    @Provide
    Arbitrary<List<String>> tokens() {
        return Arbitraries.of(VOCAB).list().ofMinSize(0).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> longTokens() {
        return Arbitraries.of(VOCAB).list().ofMinSize(4).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Smoothing> smoothings() {
        return Arbitraries.of(Smoothing.class);
    }

    private static String text(List<String> t) {
        return String.join(" ", t);
    }

    @Property
    void aSentenceScoresOneHundredAgainstItself(@ForAll("longTokens") List<String> x, @ForAll("smoothings") Smoothing s,
                                                @ForAll boolean eff) {
        BleuConfig config = new BleuConfig(BleuTokenizer.NONE, false, s, null, 4, eff);
        assertEquals(100.0, new SacreBleu(config).sentenceScore(text(x), List.of(text(x))).score(), 1e-9);
        assertEquals(100.0, new SacreBleu(config).corpusScore(List.of(text(x)), List.of(List.of(text(x)))).score(), 1e-9);
    }

    @Property
    void scoresLieBetweenZeroAndOneHundred(@ForAll("tokens") List<String> hyp, @ForAll("tokens") List<String> ref,
                                           @ForAll("tokens") List<String> ref2, @ForAll("smoothings") Smoothing s,
                                           @ForAll boolean eff, @ForAll @IntRange(min = 1, max = 6) int order) {
        BleuConfig config = new BleuConfig(BleuTokenizer.V13A, false, s, null, order, eff);
        BleuScore score = new SacreBleu(config).sentenceScore(text(hyp), List.of(text(ref), text(ref2)));
        assertTrue(score.score() >= 0 && score.score() <= 100 + 1e-9, () -> score.formatted());
        assertTrue(score.bp() >= 0 && score.bp() <= 1);
    }

    @Property
    void detailsAddUpToTheFastStatistics(@ForAll("tokens") List<String> hyp, @ForAll("tokens") List<String> ref,
                                         @ForAll("tokens") List<String> ref2, @ForAll @IntRange(min = 1, max = 5) int order) {
        SacreBleu bleu = new SacreBleu(new BleuConfig(BleuTokenizer.NONE, false, Smoothing.EXP, null, order, false));
        SegmentStatistics fast = bleu.segmentStatistics(List.of(text(hyp)), List.of(List.of(text(ref)), List.of(text(ref2)))).get(0);
        assertEquals(fast, bleu.explain(text(hyp), List.of(text(ref), text(ref2))).statistics());
    }

    @Property
    void corpusStatisticsAreSumsAndIgnoreSegmentOrder(@ForAll("pairs") List<List<String>> pairs) {
        SacreBleu bleu = new SacreBleu(BleuConfig.corpusDefaults());
        List<String> hyps = pairs.stream().map(p -> p.get(0)).toList();
        List<String> refs = pairs.stream().map(p -> p.get(1)).toList();
        BleuScore whole = bleu.corpusScore(hyps, List.of(refs));
        SegmentStatistics sum = bleu.segmentStatistics(hyps, List.of(refs)).stream().reduce(SegmentStatistics::plus).orElseThrow();
        assertEquals(whole.sysLen(), sum.hypLen());
        assertEquals(whole.refLen(), sum.refLen());
        assertEquals(java.util.Arrays.toString(whole.counts()), java.util.Arrays.toString(sum.correct()));

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
        }
        Collections.reverse(order);
        BleuScore reversed = bleu.corpusScore(order.stream().map(hyps::get).toList(), List.of(order.stream().map(refs::get).toList()));
        assertEquals(whole.score(), reversed.score(), 0.0);
    }

    @Provide
    Arbitrary<List<List<String>>> pairs() {
        Arbitrary<String> seg = tokens().map(BleuPropertiesTest::text);
        return Combinators.combine(seg, seg).as(List::of).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property
    void referenceOrderDoesNotMatter(@ForAll("tokens") List<String> hyp, @ForAll("tokens") List<String> r1,
                                     @ForAll("tokens") List<String> r2) {
        SacreBleu bleu = new SacreBleu(BleuConfig.sentenceDefaults());
        assertEquals(bleu.sentenceScore(text(hyp), List.of(text(r1), text(r2))).score(),
                bleu.sentenceScore(text(hyp), List.of(text(r2), text(r1))).score(), 0.0);
    }

    @Property
    void nltkScoresLieBetweenZeroAndOne(@ForAll("tokens") List<String> hyp, @ForAll("longTokens") List<String> ref,
                                        @ForAll @IntRange(min = 0, max = 5) int method) {
        NltkResult r = NltkBleu.sentenceBleu(List.of(ref), hyp, NltkBleu.defaultWeights(),
                NltkSmoothing.of(NltkSmoothing.Method.values()[method]), false);
        assertTrue(r.score() >= 0 && r.score() <= 1 + 1e-12, () -> "score " + r.score());
    }

    @Property
    void nltkScoresOneForAnIdenticalLongSentence(@ForAll("longTokens") List<String> x) {
        assertEquals(1.0, NltkBleu.sentenceBleu(List.of(x), x, NltkBleu.defaultWeights(), NltkSmoothing.none(), false).score(), 1e-12);
    }
}

package org.attentionlab.bleu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The lecture's worked example, 男孩 踢 足球 against 一个 小 男孩 在 踢 足球, with the numbers the
 * issue states (independent of this code): word tokens give c = 3, r = 6, BP = e^(1−6/3) ≈ 0.368;
 * the slide's c = 5, r = 9 are character counts, BP = e^(1−9/5) ≈ 0.449, where p₃ is not 0
 * (踢足球 matches); unsmoothed BLEU-4 is 0, not the slide's 0.4167; sacreBLEU's sentence-level
 * {@code exp} gives 23.17 and {@code add-k} 27.95, both with word tokens.
 */
class LectureExampleTest {

    static final String HYP = "男孩 踢 足球";
    static final String REF = "一个 小 男孩 在 踢 足球";

    private static BleuScore sentence(BleuTokenizer tok, Smoothing smoothing) {
        return new SacreBleu(BleuConfig.sentenceDefaults().withTokenizer(tok).withSmoothing(smoothing, null))
                .sentenceScore(HYP, List.of(REF));
    }

    @ParameterizedTest
    @EnumSource(value = BleuTokenizer.class, names = {"NONE", "V13A", "INTL"})
    void wordTokensGiveC3R6(BleuTokenizer tok) {
        BleuScore s = sentence(tok, Smoothing.EXP);
        assertEquals(3, s.sysLen());
        assertEquals(6, s.refLen());
        assertEquals(Math.exp(1 - 6.0 / 3), s.bp(), 1e-15);
        assertTrue(s.verboseScore().contains("BP = 0.368"), s.verboseScore());
        assertArrayEquals(new long[] {3, 1, 0, 0}, s.counts());
    }

    @ParameterizedTest
    @EnumSource(value = BleuTokenizer.class, names = {"ZH", "CHAR"})
    void characterTokensGiveC5R9AndANonZeroP3(BleuTokenizer tok) {
        BleuScore s = sentence(tok, Smoothing.NONE);
        assertEquals(5, s.sysLen());
        assertEquals(9, s.refLen());
        assertEquals(Math.exp(1 - 9.0 / 5), s.bp(), 1e-15);
        assertTrue(s.verboseScore().contains("BP = 0.449"), s.verboseScore());
        assertEquals(1, s.counts()[2], "p3: 踢足球 matches");
        assertEquals(0, s.counts()[3], "p4: no 4-gram matches");
    }

    @ParameterizedTest
    @EnumSource(BleuTokenizer.class)
    void unsmoothedBleu4IsZero(BleuTokenizer tok) {
        for (boolean eff : new boolean[] {false, true}) {
            BleuScore s = new SacreBleu(new BleuConfig(tok, false, Smoothing.NONE, null, 4, eff)).sentenceScore(HYP, List.of(REF));
            assertEquals(0.0, s.score(), 1e-12, tok + " eff=" + eff);
        }
    }

    @Test
    void sacreBleuSentenceLevelExpIs23Point17WithWordTokens() {
        assertEquals("23.17", sentence(BleuTokenizer.V13A, Smoothing.EXP).scoreString(2));
        assertEquals("23.17", sentence(BleuTokenizer.NONE, Smoothing.EXP).scoreString(2));
    }

    @Test
    void sacreBleuSentenceLevelAddKIs27Point95WithWordTokens() {
        assertEquals("27.95", sentence(BleuTokenizer.V13A, Smoothing.ADD_K).scoreString(2));
    }

    @Test
    void detailsShowWhichNgramsMatchAtCharacterLevel() {
        MatchDetails d = new SacreBleu(BleuConfig.sentenceDefaults().withTokenizer(BleuTokenizer.ZH)).explain(HYP, List.of(REF));
        OrderDetails trigrams = d.order(3);
        assertEquals(3, trigrams.total());
        assertEquals(1, trigrams.matches());
        NgramMatch kick = trigrams.ngrams().stream().filter(NgramMatch::matched).findFirst().orElseThrow();
        assertEquals("踢 足 球", kick.text());
        assertEquals(List.of(2), kick.matchedHypothesisStarts());
        assertEquals(List.of(List.of(6)), kick.matchedReferenceStarts());
        assertArrayEquals(new boolean[] {false, false, true, true, true}, d.hypothesisCoverage(3));
        assertArrayEquals(new boolean[] {false, false, false, false, false, false, true, true, true}, d.referenceCoverage(3, 0));
        assertEquals(0, d.order(4).matches());
        assertEquals(2, d.order(4).total());
    }

    @Test
    void theTextbookFormulaAlsoGivesZeroForBleu4() {
        TextbookBleu.Result r = TextbookBleu.scoreD2l(HYP, REF, 4);
        assertEquals(0.0, r.score());
        assertArrayEquals(new int[] {3, 1, 0}, r.matches(), "d2l stops at min(k, len_pred) = 3 orders");
    }
}

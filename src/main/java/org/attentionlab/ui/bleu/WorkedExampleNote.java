package org.attentionlab.ui.bleu;

import java.util.List;

import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.bleu.Smoothing;

/**
 * The correction of the lecture's worked example (男孩 踢 足球 against 一个 小 男孩 在 踢 足球), every
 * number computed here rather than copied: the slide writes c = 5 and r = 9 next to word n-grams
 * and prints BLEU ≈ 0.4167. With the word tokens c = 3 and r = 6; 5 and 9 are character counts,
 * and at character level p₃ is not 0; with p₄ = 0 unsmoothed BLEU-4 is 0; a tool prints a
 * smoothed sentence score instead.
 *
 * @param wordC           c with word tokens (13a)
 * @param wordR           r with word tokens
 * @param wordBp          BP with word tokens
 * @param charC           c with character tokens (zh)
 * @param charR           r with character tokens
 * @param charBp          BP with character tokens
 * @param charP3Matches   clipped 3-gram matches at character level
 * @param charP3Total     character 3-grams of the candidate
 * @param unsmoothedWord  sacreBLEU BLEU-4 without smoothing, word tokens (0–100)
 * @param unsmoothedChar  the same with character tokens
 * @param expWord         sacreBLEU sentence-level (effective order) with exp smoothing, word tokens
 * @param addKWord        the same with add-k smoothing
 * @param expNoEffWord    exp smoothing without effective order, word tokens
 */
public record WorkedExampleNote(long wordC, long wordR, double wordBp, long charC, long charR, double charBp,
                                long charP3Matches, long charP3Total, double unsmoothedWord, double unsmoothedChar,
                                double expWord, double addKWord, double expNoEffWord) {

    /** The note, when the candidate and the only reference are the worked example's; else null. */
    public static WorkedExampleNote of(String candidate, List<String> references) {
        if (!BleuExamples.WORKED_CANDIDATE.equals(candidate) || references.size() != 1
                || !BleuExamples.WORKED_REFERENCE.equals(references.get(0))) {
            return null;
        }
        BleuScore word = score(BleuTokenizer.V13A, Smoothing.NONE, true);
        BleuScore chars = score(BleuTokenizer.ZH, Smoothing.NONE, true);
        return new WorkedExampleNote(word.sysLen(), word.refLen(), word.bp(), chars.sysLen(), chars.refLen(), chars.bp(),
                chars.counts()[2], chars.totals()[2], word.score(), chars.score(),
                score(BleuTokenizer.V13A, Smoothing.EXP, true).score(), score(BleuTokenizer.V13A, Smoothing.ADD_K, true).score(),
                score(BleuTokenizer.V13A, Smoothing.EXP, false).score());
    }

    private static BleuScore score(BleuTokenizer tok, Smoothing smoothing, boolean effectiveOrder) {
        return new SacreBleu(new BleuConfig(tok, false, smoothing, null, 4, effectiveOrder))
                .sentenceScore(BleuExamples.WORKED_CANDIDATE, List.of(BleuExamples.WORKED_REFERENCE));
    }
}

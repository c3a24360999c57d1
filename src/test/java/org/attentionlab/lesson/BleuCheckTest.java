package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The {@code bleu} check kind through the loader and the check runner: inputs from the step's
 * state, overrides, every mode, and the messages an author sees when a number is wrong. The
 * expected numbers are those of src/test/python/bleu_lecture_verify.py.
 */
class BleuCheckTest {

    static final Path FOLDER = Path.of("lessons", "13-bleu");
    static final String FILE = "lessons/13-bleu/lesson.yaml";

    /** A bleu step on the lecture's example with the given checks (indented as list items under checks:). */
    static String lesson(String state, String checks) {
        return """
                id: bleu
                order: 13
                title: {zh: BLEU, en: BLEU}
                summary:
                  zh: 机器翻译的分数。
                  en: Scoring a translation.
                steps:
                  - id: example
                    view: bleu
                    state:
                      candidate: 男孩 踢 足球
                      references: [一个 小 男孩 在 踢 足球]
                %s
                    text:
                      zh: 课件的例子。
                      en: The lecture's example.
                    checks:
                %s""".formatted(state.indent(6).stripTrailing(), checks.indent(6));
    }

    static List<String> problems(String yaml) {
        LessonLoader.Result r = new LessonLoader().loadText(FOLDER, yaml);
        List<String> out = new java.util.ArrayList<>(r.problems().stream().map(LessonProblem::toString).toList());
        r.lesson().ifPresent(l -> CheckRunner.problems(new CheckRunner().run(l)).forEach(p -> out.add(p.toString())));
        return out;
    }

    @Test
    void theLectureNumbersPassInEveryMode() {
        assertEquals(List.of(), problems(lesson("tokenize: 13a", """
                - id: sacre
                  kind: bleu
                  tolerance: 0.005
                  expect: {score: 23.17, bp: 0.368, sys_len: 3, ref_len: 6, counts: [3, 1, 0, 0], totals: [3, 2, 1, 0], precisions: [100, 50, 50, 0]}
                - id: nltk
                  kind: bleu
                  mode: nltk
                  nltkSmoothing: method1
                  tolerance: 0.00005
                  expect: {score: 0.0978, totals: [3, 2, 1, 1]}
                - id: textbook
                  kind: bleu
                  mode: textbook
                  expect: {score: 0, counts: [3, 1, 0], totals: [3, 2, 1]}
                - id: chars
                  kind: bleu
                  tokenize: zh
                  smooth: none
                  order: 3
                  expect: {score: 0, sys_len: 5, ref_len: 9, bp: 0.449, matched: [踢 足 球]}
                - id: floor
                  kind: bleu
                  smooth: floor
                  smoothValue: 0.5
                  tolerance: 0.005
                  expect: {score: 23.17}
                """)));
    }

    @Test
    void inputsComeFromTheStateAndAbsentOnesAreTheViewsDefaults() {
        // the state says zh; the check does not repeat it
        assertEquals(List.of(), problems(lesson("tokenize: zh\norder: 3", """
                - kind: bleu
                  expect: {sys_len: 5, matched: [踢 足 球]}
                """)));
        // no tokenize anywhere: 13a, as the view; no order: 1
        assertEquals(List.of(), problems(lesson("", """
                - kind: bleu
                  expect: {sys_len: 3, matched: [男孩, 踢, 足球]}
                """)));
    }

    @Test
    void wrongNumbersAreNamed() {
        assertEquals(List.of(
                FILE + ":18: step 'example': check 'check-1' (bleu): sacreBLEU is 23.175 but the lesson says 41.67 (tolerance 0.005)",
                FILE + ":18: step 'example': check 'check-1' (bleu): BP is 0.367879 but the lesson says 0.4493 (tolerance 0.005)",
                FILE + ":18: step 'example': check 'check-1' (bleu): counts are [3, 1, 0, 0] but the lesson says [3, 1, 1, 0]",
                FILE + ":18: step 'example': check 'check-1' (bleu): sys_len (c) is 3 but the lesson says 5 (tolerance 0)",
                FILE + ":18: step 'example': check 'check-1' (bleu): the matched 1-grams are ['男孩', '踢', '足球'] but the lesson says ['男孩']"),
                problems(lesson("tokenize: 13a", """
                        - kind: bleu
                          tolerance: 0.005
                          expect: {score: 41.67, bp: 0.4493, counts: [3, 1, 1, 0], sys_len: 5, matched: [男孩]}
                        """)));
    }

    @Test
    void impossibleInputsAreProblemsNotCrashes() {
        List<String> p = problems(lesson("", """
                - kind: bleu
                  smoothValue: 0.5
                  expect: {score: 0}
                """));
        assertEquals(List.of(FILE + ":18: step 'example': check 'check-1' (bleu): smoothValue only applies to smooth floor or add-k, not exp"), p);
        p = problems(lesson("", """
                - kind: bleu
                  mode: nltk
                  nltkSmoothing: method6
                  expect: {score: 0}
                """));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("NLTK gives no number here: NLTK method6 needs a non-zero trigram precision p3"), p.get(0));
        p = problems(lesson("", """
                - kind: bleu
                  tokenize: klingon
                  expect: {score: 0}
                """));
        assertEquals(List.of(FILE + ":19: step 'example': check 'check-1' (bleu): tokenize is 'klingon'; expected one of 13a, zh, char, intl, none"), p);
    }
}

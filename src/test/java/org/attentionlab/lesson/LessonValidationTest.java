package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation rule, with the exact message an author sees (file, line, field, expectation). */
class LessonValidationTest {

    static final Path FOLDER = Path.of("lessons", "04-cross-attention");
    static final String FILE = "lessons/04-cross-attention/lesson.yaml";

    static List<String> problems(String yaml) {
        LessonLoader.Result r = new LessonLoader().loadText(FOLDER, yaml);
        assertEquals(r.problems().isEmpty(), r.lesson().isPresent());
        return r.problems().stream().map(LessonProblem::toString).toList();
    }

    static String change(String from, String to) {
        assertTrue(LessonTexts.VALID.contains(from), from);
        return LessonTexts.VALID.replace(from, to);
    }

    /**
     * The valid lesson in a folder of its own under {@code root}, its step's English text read from
     * {@code weights.en.md} (holding {@code markdown}), and {@code moreSteps} added at the end.
     */
    static Path lessonWithEnglishTextFile(Path root, String markdown, String moreSteps) throws Exception {
        Path folder = LessonTexts.folder(root, "04-cross-attention");
        Files.writeString(folder.resolve("weights.en.md"), markdown);
        Files.writeString(folder.resolve("lesson.yaml"),
                change("      en: The weights are about [0.274, 0.274, 0.452].", "      en: {file: weights.en.md}") + moreSteps);
        return folder;
    }

    @Test
    void theValidLessonLoads() {
        LessonLoader.Result r = new LessonLoader().loadText(FOLDER, LessonTexts.VALID);
        assertEquals(List.of(), r.problems());
        Lesson l = r.lesson().orElseThrow();
        assertEquals("cross-attention", l.id());
        assertEquals(4, l.order());
        Step s = l.steps().get(0);
        assertEquals("qkv", s.view());
        assertEquals(8, s.line());
        assertEquals(19, s.checks().get(0).line());
        assertEquals("解码器的状态当查询。", l.summary().zh());
    }

    @Test
    void unknownViewNamesTheKnownOnes() {
        assertEquals(List.of(FILE + ":9: step 'weights': unknown view 'heatmapp' (known: qkv, multihead, pe, mask, bleu, tokenizer, embedding, text, model, training, cross-attention, decoding)"),
                problems(change("view: qkv", "view: heatmapp")));
    }

    @Test
    void missingAndUnknownFields() {
        assertEquals(List.of(FILE + ":1: missing field 'summary'"),
                problems(change("summary:\n  zh: 解码器的状态当查询。\n  en: The decoder state is the query.\n", "")));
        assertEquals(List.of(FILE + ":9: step 'weights': unknown field 'veiw' (known: id, view, inherit, state, text, notes, formula, figure, question, checks)",
                        FILE + ":8: step 'weights': missing field 'view'"),
                problems(change("view: qkv", "veiw: qkv")).stream().sorted((a, b) -> b.compareTo(a)).toList());
    }

    @Test
    void bothLanguagesArePresentAndNonEmpty() {
        assertEquals(List.of(FILE + ":16: step 'weights': text: missing field 'en'"),
                problems(change("      en: The weights are about [0.274, 0.274, 0.452].\n", "")));
        assertEquals(List.of(FILE + ":16: step 'weights': text.zh is ''; expected a non-empty text"),
                problems(change("zh: 权重约为 [0.274, 0.274, 0.452]。", "zh: ''")));
        assertEquals(List.of(FILE + ":16: step 'weights': text.zh has no Chinese characters; write the Chinese text here (is it a copy of the English?)",
                        FILE + ":16: step 'weights': text: zh and en are the same text; each language needs its own"),
                problems(change("zh: 权重约为 [0.274, 0.274, 0.452]。", "zh: The weights are about [0.274, 0.274, 0.452].")));
    }

    @Test
    void stepIdsAreUnique() {
        String twice = LessonTexts.VALID + """
                  - id: weights
                    view: text
                    text: {zh: 第二步。, en: Step two.}
                """;
        assertEquals(List.of(FILE + ":23: step id 'weights' is used twice (first on line 8)"), problems(twice));
    }

    @Test
    void stateKeysMustBelongToTheView() {
        assertEquals(List.of(FILE + ":14: step 'weights': state key 'mode' is not understood by view 'qkv' (known: input, tokens, queryTokens,"
                        + " vectors, wq, wk, wv, queries, keys, values, scaled, mask, stage, highlight, dModel, heads, seed, precision, panels, zoom)"),
                problems(change("scaled: false", "mode: causal")));
    }

    @Test
    void stateValuesAreTypedAndInRange() {
        assertEquals(List.of(FILE + ":14: step 'weights': state 'scaled' is 'yes'; expected true or false"),
                problems(change("scaled: false", "scaled: yes")));
        assertEquals(List.of(FILE + ":12: step 'weights': state 'keys' row 2 has 3 numbers but row 1 has 2"),
                problems(change("keys: [[1, 0], [0, 1], [1, 1]]", "keys: [[1, 0], [0, 1, 2], [1, 1]]")));
        assertEquals(List.of(FILE + ":14: step 'weights': state 'zoom' is '9'; expected a number from 0.25 to 4"),
                problems(change("scaled: false", "zoom: 9")));
        assertEquals(List.of(FILE + ":14: step 'weights': state 'mask' row 1, column 2 is 2; expected 0 (masked) or 1 (may attend)"),
                problems(change("scaled: false", "mask: [[1, 2, 0]]")));
        assertEquals(List.of(FILE + ":14: step 'weights': state 'panels' names 'heatmap', which view 'qkv' does not have"
                        + " (panels: inputs, projections, scores, weights, output, controls, formula)"),
                problems(change("scaled: false", "panels: [scores, heatmap]")));
    }

    @Test
    void questionAnswerMustBeAChoice() {
        String q = change("    checks:\n", """
                    question:
                      prompt: {zh: 哪个最大？, en: Which is largest?}
                      choices:
                        - {zh: 我, en: I}
                        - {zh: 高兴, en: happy}
                      answer: 2
                      explanation: {zh: 点积最大。, en: The largest dot product.}
                    checks:
                """);
        assertEquals(List.of(FILE + ":23: step 'weights': question answer is 2 but there are only 2 choices (0 to 1, counting from 0)"),
                problems(q));
    }

    @Test
    void checkSpecsAreWellFormed() {
        assertEquals(List.of(FILE + ":20: step 'weights': check 'alpha': unknown kind 'arithmetic' (known: "
                        + String.join(", ", CheckCatalog.standard().names()) + "); lessons cannot contain expressions or code, only named computations"),
                problems(change("kind: attention", "kind: arithmetic")));
        assertEquals(List.of(FILE + ":19: step 'weights': check 'alpha' (attention): expect weights is 1×2 but the engine gives 1×3"),
                problems(change("weights: [[0.274, 0.274, 0.452]]", "weights: [[0.274, 0.274]]")));
        assertEquals(List.of(FILE + ":22: step 'weights': check 'alpha' (attention): expect: unknown field 'weigths' (known: scores, scaledScores, weights, output)",
                        FILE + ":22: step 'weights': check 'alpha' (attention): expect states nothing; give at least one of scores, scaledScores, weights, output"),
                problems(change("weights: [[0.274, 0.274, 0.452]]", "weigths: [[0.274, 0.274, 0.452]]")));
        assertEquals(List.of(FILE + ":21: step 'weights': check 'alpha' (attention): unknown input 'temperature' (inputs: queries, keys, values, scaled, mask, padding, row; and id, kind, tolerance, expect)"),
                problems(change("        expect:\n", "        temperature: 2\n        expect:\n")));
        String noState = change("    state:\n      queries: [[0.5, 0.5]]\n", "    state:\n");
        assertEquals(List.of(FILE + ":18: step 'weights': check 'alpha' (attention): missing input 'queries' (give it here or in the step's state)"),
                problems(noState));
    }

    @Test
    void theOrderMustMatchTheFolderName() {
        assertEquals(List.of(FILE + ":2: order is 5 but the folder is named '04-cross-attention'; the number in the folder name and the order must agree"),
                problems(change("order: 4", "order: 5")));
    }

    @Test
    void aWrongNumberIsCaughtByTheCheckRunnerWithFileLineStepAndCheck() {
        Lesson l = new LessonLoader().loadText(FOLDER, change("[[0.274, 0.274, 0.452]]", "[[0.27, 0.27, 0.46]]")).lesson().orElseThrow();
        List<String> p = CheckRunner.problems(new CheckRunner().run(l)).stream().map(LessonProblem::toString).toList();
        assertEquals(List.of(
                FILE + ":19: step 'weights': check 'alpha' (attention): weights column 1 is 0.274069 but the lesson says 0.27 (tolerance 0.0005)",
                FILE + ":19: step 'weights': check 'alpha' (attention): weights column 2 is 0.274069 but the lesson says 0.27 (tolerance 0.0005)",
                FILE + ":19: step 'weights': check 'alpha' (attention): weights column 3 is 0.451863 but the lesson says 0.46 (tolerance 0.0005)"), p);
    }

    @Test
    void assetsMustExistInsideTheLessonFolder(@TempDir Path root) throws Exception {
        Path folder = lessonWithEnglishTextFile(root, "The weights: ![plot](plot.png)\n", """
                  - id: files
                    view: text
                    text: {zh: {file: ../secret.md}, en: {file: /etc/passwd}}
                    figure: {file: link.md, caption: {zh: 图, en: figure}}
                """);
        Files.writeString(root.resolve("secret.md"), "outside");
        Files.createSymbolicLink(folder.resolve("link.md"), root.resolve("secret.md"));
        Path file = folder.resolve("lesson.yaml");
        List<String> p = new LessonLoader().load(folder).problems().stream().map(LessonProblem::toString).toList();
        assertEquals(List.of(
                file + ":17: step 'weights': text.en: image 'plot.png': no such file in the lesson folder",
                file + ":25: step 'files': text.zh.file '../secret.md' leaves the lesson folder ('..'); files must be inside the lesson folder",
                file + ":25: step 'files': text.en.file '/etc/passwd' is an absolute path; expected a path relative to the lesson folder",
                file + ":26: step 'files': figure file 'link.md' is a link that leads outside the lesson folder; files must be inside it"), p);
    }

    @Test
    void markdownFromAFileIsRead(@TempDir Path root) throws Exception {
        Path folder = lessonWithEnglishTextFile(root, "The weights are **about** [0.274, 0.274, 0.452].\n", "");
        Lesson l = new LessonLoader().load(folder).lesson().orElseThrow();
        assertEquals("The weights are **about** [0.274, 0.274, 0.452].\n", l.steps().get(0).text().en());
    }
}

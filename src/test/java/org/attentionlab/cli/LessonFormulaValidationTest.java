package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lessons validate} reads every step's formula with jlatexmath and names the step that has a bad one. */
class LessonFormulaValidationTest {

    @Test
    void aFormulaJlatexmathCannotReadIsAProblemAtItsStep(@TempDir Path root) throws Exception {
        LessonsCommandTest.lesson(root, "04-cross-attention", LessonsCommandTest.GOOD.replace("    text:",
                "    formula: '\\alpha = \\softmaxx(q \\cdot k)'\n    text:"));
        LessonsCommandTest.Result r = LessonsCommandTest.run("lessons", "validate", root.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(List.of(root.resolve("04-cross-attention/lesson.yaml") + ":6: step 'weights': the formula cannot be read:"
                + " Unknown symbol or command or predefined TeXFormula: 'softmaxx'"), r.err().lines().toList());
        assertEquals("1 problem in 1 of 1 lessons", r.out().strip());
    }

    @Test
    void aGoodFormulaPasses(@TempDir Path root) throws Exception {
        LessonsCommandTest.lesson(root, "04-cross-attention", LessonsCommandTest.GOOD.replace("    text:",
                "    formula: '\\alpha_i = \\mathrm{softmax}(H_2 \\cdot h_i)'\n    text:"));
        assertEquals(0, LessonsCommandTest.run("lessons", "validate", root.toString()).code());
    }
}

package org.attentionlab.ui.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.mask.MaskViewModel.Mode;
import org.attentionlab.ui.mask.MaskViewModel.Result;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.FormulaRenderer;
import org.junit.jupiter.api.Test;

/**
 * The mask view-model without a Stage (synchronous executors, the real engine). Expected weights
 * come from a plain softmax written here (max-subtracted, masked keys left out), not from the
 * engine; masked weights must be exactly 0.
 */
class MaskViewModelTest {

    private static final double[][] LECTURE = {{1, 0}, {0, 1}, {1, 1}};
    private static final double NEG = Double.NEGATIVE_INFINITY;

    private static MaskViewModel vm() {
        return new MaskViewModel(UiExecutors.direct());
    }

    private static StateMap state(Object... kv) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (StateValue) kv[i + 1]);
        }
        return StateMap.of(m);
    }

    /** softmax over the allowed entries of x·yᵀ rows, 0 elsewhere; all 0 when nothing is allowed. */
    private static double[][] reference(double[][] x, boolean[][] allowed) {
        int t = x.length;
        double[][] w = new double[t][t];
        for (int i = 0; i < t; i++) {
            double max = NEG;
            double[] s = new double[t];
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < x[i].length; k++) {
                    s[j] += x[i][k] * x[j][k];
                }
                if (allowed[i][j]) {
                    max = Math.max(max, s[j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < t; j++) {
                sum += allowed[i][j] ? Math.exp(s[j] - max) : 0;
            }
            for (int j = 0; j < t; j++) {
                w[i][j] = allowed[i][j] ? Math.exp(s[j] - max) / sum : 0;
            }
        }
        return w;
    }

    private static void assertWeights(double[][] expected, Matrix actual) {
        assertEquals(expected.length, actual.rows());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (expected[i][j] == 0) {
                    assertEquals(0.0, actual.get(i, j), "weight (" + i + ", " + j + ") must be exactly 0");
                } else {
                    assertEquals(expected[i][j], actual.get(i, j), 1e-12, "weight (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void theDefaultBatchIsPaddedAndThePaddedSentenceIsInFocus() {
        MaskViewModel vm = vm();
        Result r = vm.result();
        assertEquals(List.of(List.of("我", "爱", "你"), List.of("你", "好", "[PAD]")), r.batch());
        assertArrayEquals(new double[][] {{1, 1, 1}, {1, 1, 0}}, r.attentionMask().toArray());
        assertEquals(1, r.focus());
        assertEquals(2, r.length());
        assertEquals(Mode.PADDING, r.mode());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new double[] {0, 0, NEG}, r.padding().row(i), "no query may look at [PAD]");
            assertEquals(NEG, r.trace().masked().get(i, 2));
            assertEquals(0.0, r.trace().weights().get(i, 2));
            assertEquals(1.0, r.trace().weights().get(i, 0) + r.trace().weights().get(i, 1), 1e-12);
        }
        boolean[][] allowed = {{true, true, false}, {true, true, false}, {true, true, false}};
        assertWeights(reference(r.x().toArray(), allowed), r.trace().weights());
        assertNull(vm.errorProperty().get());
    }

    @Test
    void theCausalMaskGivesTheLecturesTriangle() {
        MaskViewModel vm = vm();
        vm.applyState(state("sentences", new StateValue.Texts(List.of("我 爱 你")), "mode", new StateValue.Text("causal"),
                "vectors", new StateValue.Mat(Matrix.of(LECTURE))));
        Result r = vm.result();
        assertArrayEquals(new double[][] {{0, NEG, NEG}, {0, 0, NEG}, {0, 0, 0}}, r.causal().toArray());
        assertEquals(r.causal(), r.mask());
        assertWeights(new double[][] {{1, 0, 0}, {0.2689414213699951, 0.7310585786300049, 0},
                {0.21194155761708547, 0.21194155761708547, 0.5761168847658291}}, r.trace().weights());
        // the lecture's output row 3 (no mask reaches it)
        assertArrayEquals(new double[] {0.7880584423829146, 0.7880584423829146}, r.trace().output().row(2), 1e-12);
    }

    @Test
    void bothMasksTogetherAreTheirAnd() {
        MaskViewModel vm = vm();
        vm.applyState(state("sentences", new StateValue.Texts(List.of("a b c d", "e f")), "mode", new StateValue.Text("both"),
                "sentence", new StateValue.Int(1)));
        Result r = vm.result();
        boolean[][] allowed = new boolean[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                allowed[i][j] = j <= i && j < 2;
                assertEquals(allowed[i][j] ? 0.0 : NEG, r.mask().get(i, j));
            }
        }
        assertWeights(reference(r.x().toArray(), allowed), r.trace().weights());
        assertEquals(List.of("e", "f", "[PAD]", "[PAD]"), r.tokens());
    }

    @Test
    void clickingCellsMakesACustomMaskAndAFullyMaskedRowIsZeroNotNaN() {
        MaskViewModel vm = vm();
        vm.applyState(state("sentences", new StateValue.Texts(List.of("我 爱 你")),
                "vectors", new StateValue.Mat(Matrix.of(LECTURE))));
        vm.toggle(0, 1);
        assertEquals(Mode.CUSTOM, vm.modeProperty().get());
        Result r = vm.result();
        assertEquals(NEG, r.mask().get(0, 1));
        assertEquals(0.0, r.trace().weights().get(0, 1));
        vm.toggle(0, 0);
        vm.toggle(0, 2);
        r = vm.result();
        assertArrayEquals(new double[] {0, 0, 0}, r.trace().weights().row(0), "every key masked: zeros, never NaN");
        assertArrayEquals(new double[] {0, 0}, r.trace().output().row(0));
        assertTrue(MaskFormulas.cell(withCell(vm, 0, 1)).endsWith("\\alpha_{1,2} = 0"));
        vm.toggle(0, 0);
        assertEquals(1.0, vm.result().trace().weights().get(0, 0), 0.0);
        assertArrayEquals(new double[][] {{1, 0, 0}, {1, 1, 1}, {1, 1, 1}}, vm.customProperty().get().toArray());
    }

    private static Result withCell(MaskViewModel vm, int i, int j) {
        vm.selectedProperty().set(new Cell(i, j));
        return vm.result();
    }

    @Test
    void aCustomMaskFromALessonMustFitTheSentence() {
        MaskViewModel vm = vm();
        vm.applyState(state("mode", new StateValue.Text("custom"),
                "custom", new StateValue.Mat(Matrix.of(new double[][] {{1, 0}, {1, 1}}))));
        assertEquals("mask.error.customShape", vm.errorProperty().get().key());
        assertEquals(List.of(2, 2, 3), vm.errorProperty().get().args());
        vm.applyState(state("mode", new StateValue.Text("custom"),
                "custom", new StateValue.Mat(Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}))));
        assertNull(vm.errorProperty().get());
        assertWeights(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, vm.result().trace().weights());
    }

    @Test
    void inferenceOneStepAtATimeEqualsTheCausalTrainingRow() {
        MaskViewModel vm = vm();
        vm.applyState(state("sentences", new StateValue.Texts(List.of("I am a student")), "mode", new StateValue.Text("causal"),
                "inference", new StateValue.Bool(true), "step", new StateValue.Int(1)));
        for (int step = 0; step < 4; step++) {
            vm.stepProperty().set(step);
            MaskViewModel.Inference inf = vm.result().inference();
            assertNotNull(inf);
            assertEquals(step, inf.step());
            assertEquals(List.of("I", "am", "a", "student").subList(0, step + 1), inf.seen());
            assertEquals(1, inf.trace().weights().rows());
            assertEquals(step + 1, inf.trace().weights().cols(), "the later words do not exist yet");
            Matrix training = vm.result().inference().trainingRow();
            for (int j = 0; j < 4; j++) {
                if (j > step) {
                    assertEquals(0.0, training.get(0, j));
                } else {
                    assertEquals(training.get(0, j), inf.trace().weights().get(0, j), 1e-15);
                }
            }
            assertTrue(inf.maxDifference() <= 1e-15, "difference " + inf.maxDifference());
        }
        vm.stepProperty().set(4);
        assertEquals("mask.error.step", vm.errorProperty().get().key());
        assertEquals(List.of(4, 4, 3), vm.errorProperty().get().args());
        vm.inferenceProperty().set(false);
        assertNull(vm.errorProperty().get(), "the step only matters at inference");
        assertNull(vm.result().inference());
    }

    @Test
    void inferenceStopsAtTheLastRealWordOfAPaddedSentence() {
        MaskViewModel vm = vm();
        vm.applyState(state("inference", new StateValue.Bool(true), "step", new StateValue.Int(2)));
        assertEquals("mask.error.step", vm.errorProperty().get().key(), "你 好 has two words: steps 0 and 1");
    }

    @Test
    void multiplyingByZeroInsteadOfAddingMinusInfinityLeaksWeight() {
        MaskViewModel vm = vm();
        vm.applyState(state("sentences", new StateValue.Texts(List.of("我 爱 你")), "mode", new StateValue.Text("causal"),
                "vectors", new StateValue.Mat(Matrix.of(LECTURE)), "highlight", new StateValue.Pair(0, 1)));
        Result r = vm.result();
        // lesson 11: row 1's scores [1, 0, 1] times [1, 0, 0] = [1, 0, 0]; softmax ≈ [0.576, 0.212, 0.212]
        double e = Math.E;
        assertArrayEquals(new double[] {e / (e + 2), 1 / (e + 2), 1 / (e + 2)}, r.zeroed().row(0), 1e-12);
        String zeroed = MaskFormulas.zeroed(r);
        assertTrue(zeroed.contains("0.5761 & 0.2119 & 0.2119") && zeroed.contains("1.0000 & 0 & 0"), zeroed);
        String cell = MaskFormulas.cell(r);
        assertTrue(cell.contains("0.0000 + (-\\infty) = -\\infty"), cell);
        assertTrue(cell.contains("\\frac{e^{-\\infty}}{\\sum_j \\exp(s''_{1,j})} = \\frac{0}{2.7183} = 0"), cell);
    }

    @Test
    void hugeScoresDoNotOverflow() {
        MaskViewModel vm = vm();
        vm.applyState(state("sentences", new StateValue.Texts(List.of("a b c")), "mode", new StateValue.Text("causal"),
                "vectors", new StateValue.Mat(Matrix.of(new double[][] {{100, 0}, {0, 100}, {100, 100}})),
                "highlight", new StateValue.Pair(2, 2)));
        Matrix w = vm.result().trace().weights();
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                assertTrue(Double.isFinite(w.get(i, j)));
                sum += w.get(i, j);
            }
            assertEquals(1.0, sum, 1e-12);
        }
        assertEquals(1.0, w.get(2, 2), 1e-12, "e^20000 against e^10000: all the weight");
        String cell = MaskFormulas.cell(vm.result());
        assertTrue(cell.contains(" - m)}"), "shown shifted by the row maximum: " + cell);
        FormulaRenderer.parse(cell);
    }

    @Test
    void badInputSaysWhatAndWhereAndTheLastResultStays() {
        MaskViewModel vm = vm();
        Result before = vm.result();
        vm.sentencesProperty().set(List.of("我 爱 你", " "));
        assertEquals("mask.error.emptySentence", vm.errorProperty().get().key());
        assertEquals(List.of(2), vm.errorProperty().get().args());
        assertSame(before, vm.result());
        vm.sentencesProperty().set(List.of());
        assertEquals("mask.error.noSentences", vm.errorProperty().get().key());
        vm.sentencesProperty().set(java.util.Collections.nCopies(9, "a"));
        assertEquals("mask.error.tooManySentences", vm.errorProperty().get().key());
        vm.sentencesProperty().set(List.of("a b", "c"));
        vm.focusProperty().set(5);
        assertEquals("mask.error.focus", vm.errorProperty().get().key());
        vm.focusProperty().set(0);
        vm.vectorsProperty().set(Matrix.of(new double[][] {{1, 0}}));
        assertEquals("mask.error.vectors", vm.errorProperty().get().key());
        assertEquals(List.of(1, 2), vm.errorProperty().get().args());
        vm.vectorsProperty().set(null);
        assertNull(vm.errorProperty().get());
        assertEquals(List.of("a", "b"), vm.result().tokens());
    }

    @Test
    void aLongSentenceIsCutWithANotice() {
        MaskViewModel vm = vm();
        vm.sentencesProperty().set(List.of("w ".repeat(100), "x"));
        assertNull(vm.errorProperty().get());
        assertEquals("mask.notice.truncated", vm.noticeProperty().get().key());
        assertEquals(MaskViewModel.MAX_TOKENS, vm.result().tokens().size());
    }

    @Test
    void lessonElevenStepByStepShowsTheNumbersItsTextStates() {
        Lesson lesson = LessonLibrary.load(Path.of("lessons")).find("masks").orElseThrow();
        MaskViewModel vm = vm();
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Step s : lesson.steps()) {
            steps.put(s.id(), s);
        }
        vm.applyState(steps.get("padding").state());
        Result r = vm.result();
        assertNull(vm.errorProperty().get());
        assertEquals(List.of("你", "好", "[PAD]"), r.tokens());
        assertArrayEquals(new double[] {0.5, 0.5, 0}, r.trace().weights().row(2), 1e-12);
        assertEquals(new Cell(2, 2), r.cell());

        vm.applyState(steps.get("causal").state());
        assertArrayEquals(new double[] {0.269, 0.731, 0}, vm.result().trace().weights().row(1), 5e-4);
        assertArrayEquals(new double[] {0.212, 0.212, 0.576}, vm.result().trace().weights().row(2), 5e-4);

        vm.applyState(steps.get("minus-infinity").state());
        assertArrayEquals(new double[] {0.576, 0.212, 0.212}, vm.result().zeroed().row(0), 5e-4);
        assertArrayEquals(new double[] {1, 0, 0}, vm.result().trace().weights().row(0), 0);

        vm.applyState(steps.get("training").state());
        assertNull(vm.result().inference());
        vm.applyState(steps.get("inference").state());
        assertArrayEquals(new double[] {0.269, 0.731}, vm.result().inference().trace().weights().row(0), 5e-4);
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void everyFormulaIsValidLatex() {
        MaskViewModel vm = vm();
        for (String latex : List.of(MaskFormulas.DEFINITION, MaskFormulas.PADDING, MaskFormulas.CAUSAL, MaskFormulas.INFERENCE)) {
            FormulaRenderer.parse(latex);
        }
        for (Cell c : List.of(new Cell(0, 0), new Cell(2, 2), new Cell(1, 2))) {
            vm.selectedProperty().set(c);
            FormulaRenderer.parse(MaskFormulas.cell(vm.result()));
            if (!MaskFormulas.zeroed(vm.result()).isEmpty()) {
                FormulaRenderer.parse(MaskFormulas.zeroed(vm.result()));
            }
        }
        vm.applyState(state("inference", new StateValue.Bool(true), "step", new StateValue.Int(1)));
        FormulaRenderer.parse(MaskFormulas.inference(vm.result()));
    }

    @Test
    void aNewerRequestSupersedesAnOlderOne() {
        Deque<Runnable> background = new ArrayDeque<>();
        MaskViewModel vm = new MaskViewModel(new UiExecutors(background::add, Runnable::run));
        assertTrue(vm.busyProperty().get());
        vm.modeProperty().set(Mode.CAUSAL);
        vm.modeProperty().set(Mode.BOTH);
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertEquals(Mode.BOTH, vm.result().mode());
        assertFalse(vm.busyProperty().get());
    }
}

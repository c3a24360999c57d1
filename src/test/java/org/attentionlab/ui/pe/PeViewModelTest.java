package org.attentionlab.ui.pe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.PositionalEncoding;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.testing.Golden;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.pe.PeViewModel.Result;
import org.attentionlab.ui.pe.PeViewModel.Rotation;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.FormulaRenderer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The positional-encoding view-model without a Stage (synchronous executors). Table values are
 * compared with the numpy golden file; the similarity and rotation claims with their closed forms
 * (cos(a − b) = cos a cos b + sin a sin b) computed here, independently of the view-model.
 */
class PeViewModelTest {

    private static PeViewModel vm() {
        return new PeViewModel(UiExecutors.direct());
    }

    private static double[][] golden(int positions, int dim) {
        for (JsonNode c : Golden.cases("positional_encoding.json")) {
            if (c.get("positions").asInt() == positions && c.get("dim").asInt() == dim) {
                return Golden.matrix(c.get("expected"));
            }
        }
        throw new IllegalStateException("no golden case " + positions + "×" + dim);
    }

    private static StateMap state(Object... kv) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (StateValue) kv[i + 1]);
        }
        return StateMap.of(m);
    }

    @Test
    void defaultsAreTheLecturesTableAndMatchTheNumpyGolden() {
        PeViewModel vm = vm();
        Result r = vm.result();
        assertNotNull(r);
        assertEquals(50, r.table().rows());
        assertEquals(128, r.table().cols());
        double[][] expected = golden(50, 128);
        for (int p = 0; p < 50; p++) {
            assertArrayEquals(expected[p], r.table().row(p), 1e-12, "row " + p);
        }
        assertEquals(List.of(0, 1, 8, 32), r.curves().stream().map(PeViewModel.Curve::dim).toList());
        for (PeViewModel.Curve c : r.curves()) {
            assertEquals(c.dim() % 2 == 0, c.sine());
            for (int p = 0; p < 50; p++) {
                assertEquals(expected[p][c.dim()], c.values()[p], 1e-12);
            }
        }
        assertNull(vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void smallTablesMatchTheGoldenToo() {
        PeViewModel vm = vm();
        vm.batch(() -> {
            vm.positionsProperty().set(10);
            vm.dimProperty().set(4);
            vm.dimsProperty().set(List.of(0, 3));
        });
        double[][] expected = golden(10, 4);
        for (int p = 0; p < 10; p++) {
            assertArrayEquals(expected[p], vm.result().table().row(p), 1e-12);
        }
    }

    @Test
    void theEnginesRowFunctionAgreesWithTheGoldenTable() {
        double[][] expected = golden(50, 128);
        for (int p : new int[] {0, 1, 17, 49}) {
            assertArrayEquals(expected[p], PositionalEncoding.sinusoidalRow(p, 128), 1e-12);
        }
    }

    @Test
    void similarityDependsOnlyOnTheOffset() {
        Result r = vm().result();
        assertTrue(r.diagonalSpread() < 1e-9, "spread " + r.diagonalSpread());
        // closed form: PE(p)·PE(q) = Σ_i cos(ω_i (q − p)), ω_i = 10000^(−2i/d)
        for (int[] pq : new int[][] {{0, 0}, {2, 5}, {10, 13}, {7, 40}, {40, 7}}) {
            double expected = 0;
            for (int i = 0; i < 64; i++) {
                expected += Math.cos((pq[1] - pq[0]) * Math.pow(10000, -2.0 * i / 128));
            }
            assertEquals(expected, r.similarity().get(pq[0], pq[1]), 1e-9, "PE(" + pq[0] + ")·PE(" + pq[1] + ")");
        }
        assertEquals(64, r.similarity().get(3, 3), 1e-12, "|PE(p)|² = d/2");
    }

    @Test
    void aLearnedTableIsRandomSmallAndHasNoOffsetStructure() {
        PeViewModel vm = vm();
        vm.learnedProperty().set(true);
        Result r = vm.result();
        assertTrue(r.learned());
        double sum = 0;
        double sq = 0;
        for (int p = 0; p < 50; p++) {
            for (double x : r.table().row(p)) {
                sum += x;
                sq += x * x;
                assertTrue(Math.abs(x) < 0.2, "N(0, 0.02²) value " + x);
            }
        }
        double n = 50 * 128;
        double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
        assertEquals(0.02, sd, 0.002, "BERT initialises position embeddings with σ = 0.02");
        assertTrue(r.diagonalSpread() > 1e-3, "no offset structure: spread " + r.diagonalSpread());
        assertNull(r.rotation(), "a learned table has no rotation");
        assertEquals("", PeFormulas.rotation(r));
        vm.learnedProperty().set(false);
        assertFalse(vm.result().learned());
    }

    @Test
    void peOfPosPlusKIsARotationOfPeOfPosAsInLessonNine() {
        PeViewModel vm = vm();
        vm.selectedProperty().set(new Cell(2, 0));
        Rotation t = vm.result().rotation();
        assertEquals(2, t.pos());
        assertEquals(0, t.pair());
        assertEquals(3, t.offset());
        // the lesson's numbers: [PE(2,0), PE(2,1)] = [sin 2, cos 2], R from sin 3 and cos 3
        assertArrayEquals(new double[] {Math.sin(2), Math.cos(2)}, t.from(), 1e-15);
        assertArrayEquals(new double[] {Math.cos(3), -Math.sin(3)}, t.rotation()[0], 1e-15);
        assertArrayEquals(new double[] {Math.sin(3), Math.cos(3)}, t.rotation()[1], 1e-15);
        assertArrayEquals(new double[] {-0.9589, 0.2837}, t.product(), 5e-5);
        assertArrayEquals(golden(50, 128)[5], PositionalEncoding.sinusoidalRow(5, 128), 1e-12);
        assertArrayEquals(new double[] {golden(50, 128)[5][0], golden(50, 128)[5][1]}, t.target(), 1e-12);
        assertArrayEquals(t.target(), t.product(), 1e-12);
        assertTrue(t.maxError() < 1e-12, "one R_k for every position and pair: " + t.maxError());

        String latex = PeFormulas.rotation(vm.result());
        assertTrue(latex.contains("0.9093 & -0.4161"), latex);
        assertTrue(latex.contains("-0.9900 & -0.1411 \\\\ 0.1411 & -0.9900"), latex);
        assertTrue(latex.contains("-0.9589 & 0.2837"), latex);
        assertTrue(latex.contains("PE_{5,\\,0}"), latex);
    }

    @Test
    void aHighFrequencyPairAndAnOffsetPastTheTable() {
        PeViewModel vm = vm();
        vm.batch(() -> {
            vm.selectedProperty().set(new Cell(40, 127));
            vm.offsetProperty().set(60);
        });
        Rotation t = vm.result().rotation();
        assertEquals(63, t.pair());
        double[] at100 = PositionalEncoding.sinusoidalRow(100, 128);
        assertArrayEquals(new double[] {at100[126], at100[127]}, t.product(), 1e-12);
        assertTrue(Double.isNaN(t.maxError()), "k ≥ pos_max: no pair of rows in the table is k apart");
    }

    @Test
    void theHighlightedCellsFormulaShowsTheLessonsNumbers() {
        PeViewModel vm = vm();
        assertEquals(new Cell(1, 0), vm.selectedProperty().get());
        String cell = PeFormulas.cell(vm.result());
        assertTrue(cell.contains("\\sin\\!\\left(\\frac{1}{10000^{0/128}}\\right) = \\sin(1.0000) = 0.8415"), cell);
        vm.selectedProperty().set(new Cell(1, 1));
        assertTrue(PeFormulas.cell(vm.result()).endsWith("\\cos(1.0000) = 0.5403"), PeFormulas.cell(vm.result()));
        vm.selectedProperty().set(new Cell(10, 126));
        String slow = PeFormulas.cell(vm.result());
        assertTrue(slow.contains("10000^{126/128}") && slow.endsWith("= 0.0012"), slow);
        String sim = PeFormulas.similarity(vm.result());
        assertTrue(sim.startsWith("PE_{10} \\cdot PE_{13}"), sim);
    }

    @Test
    void everyFormulaIsValidLatex() {
        PeViewModel vm = vm();
        for (Cell c : List.of(new Cell(0, 0), new Cell(2, 1), new Cell(49, 127))) {
            vm.selectedProperty().set(c);
            for (String latex : List.of(PeFormulas.DEFINITION, PeFormulas.ROTATION, PeFormulas.SIMILARITY,
                    PeFormulas.cell(vm.result()), PeFormulas.rotation(vm.result()), PeFormulas.angle(vm.result()),
                    PeFormulas.similarity(vm.result()))) {
                if (!latex.isEmpty()) {
                    FormulaRenderer.parse(latex);
                }
            }
        }
    }

    @Test
    void anOddDimensionIsRefusedWithAReasonAndTheTableStays() {
        PeViewModel vm = vm();
        Result before = vm.result();
        vm.dimProperty().set(127);
        assertEquals("pe.error.odd", vm.errorProperty().get().key());
        assertEquals(List.of(127), vm.errorProperty().get().args());
        assertSame(before, vm.result(), "the last good table stays shown");
        vm.dimProperty().set(16);
        assertNull(vm.errorProperty().get());
        assertEquals(16, vm.result().dim());
    }

    @Test
    void badSizesAndDimensionsSayWhatWasWrong() {
        PeViewModel vm = vm();
        vm.positionsProperty().set(0);
        assertEquals("pe.error.positions", vm.errorProperty().get().key());
        vm.positionsProperty().set(PeViewModel.MAX_POSITIONS + 1);
        assertEquals("pe.error.positions", vm.errorProperty().get().key());
        vm.positionsProperty().set(50);
        vm.dimProperty().set(0);
        assertEquals("pe.error.dim", vm.errorProperty().get().key());
        vm.dimProperty().set(8);
        vm.dimsProperty().set(List.of(0, 9));
        assertNull(vm.errorProperty().get(), "a curve past d is skipped, not an error (d may come from a slider)");
        assertEquals("pe.notice.dims", vm.noticeProperty().get().key());
        assertEquals(List.of(9, 8, 7), vm.noticeProperty().get().args());
        assertEquals(List.of(0), vm.result().curves().stream().map(PeViewModel.Curve::dim).toList());
        vm.setDimsText("0, x");
        assertEquals("pe.error.dimsText", vm.errorProperty().get().key());
        assertEquals(List.of("x"), vm.errorProperty().get().args());
        vm.setDimsText(" ,");
        assertEquals("pe.error.dimsEmpty", vm.errorProperty().get().key());
        vm.setDimsText("0，1、2 3");
        assertNull(vm.errorProperty().get());
        assertEquals(List.of(0, 1, 2, 3), vm.dimsProperty().get());
        vm.offsetProperty().set(-1);
        assertEquals("pe.error.offset", vm.errorProperty().get().key());
        vm.reportBadNumber("d", "abc");
        assertEquals(List.of("d", "abc"), vm.errorProperty().get().args());
    }

    @Test
    void tooManyCurvesAndABigTableGiveNoticesNotErrors() {
        PeViewModel vm = vm();
        vm.setDimsText("0 1 2 3 4 5 6 7 8 9");
        assertNull(vm.errorProperty().get());
        assertEquals("pe.notice.curves", vm.noticeProperty().get().key());
        assertEquals(PeViewModel.MAX_CURVES, vm.result().curves().size());
        vm.setDimsText("0 1");
        vm.positionsProperty().set(300);
        assertEquals("pe.notice.similarity", vm.noticeProperty().get().key());
        assertEquals(PeViewModel.MAX_SIMILARITY, vm.result().similarity().rows());
        assertEquals(300, vm.result().table().rows());
    }

    @Test
    void embeddingsPlusPeAndEditingACellOfE() {
        PeViewModel vm = vm();
        PeViewModel.Sum s = vm.result().sum();
        assertEquals(List.of("The", "weather", "is", "nice", "today"), s.tokens());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 128; j++) {
                assertEquals(s.embedding().get(i, j) + vm.result().table().get(i, j), s.x().get(i, j), 1e-15);
            }
        }
        vm.editEmbedding(1, 0, 2.5);
        assertEquals(2.5, vm.result().sum().embedding().get(1, 0));
        assertEquals(2.5 + Math.sin(1), vm.result().sum().x().get(1, 0), 1e-12);
        vm.editEmbedding(1, 0, Double.NaN);
        assertEquals("pe.error.notFinite", vm.errorProperty().get().key());
        assertEquals(2.5, vm.result().sum().embedding().get(1, 0), "the old value stays");
        // the same word at another position gets another X
        vm.textProperty().set("猫 猫");
        Result r = vm.result();
        assertEquals(List.of("猫", "猫"), r.sum().tokens());
        assertArrayEquals(r.sum().embedding().row(0), r.sum().embedding().row(1));
        assertFalse(java.util.Arrays.equals(r.sum().x().row(0), r.sum().x().row(1)));
    }

    @Test
    void aSentenceLongerThanTheTableOrEmptyExplainsItselfAndTheRestStays() {
        PeViewModel vm = vm();
        vm.positionsProperty().set(3);
        assertNull(vm.result().sum());
        assertEquals("pe.error.sentenceTooLong", vm.result().sumProblem().key());
        assertEquals(List.of(5, 3), vm.result().sumProblem().args());
        assertEquals(3, vm.result().table().rows(), "the table is still shown");
        vm.textProperty().set("   ");
        assertEquals("pe.error.emptySentence", vm.result().sumProblem().key());
    }

    @Test
    void lessonStatesSetEverythingAndAbsentKeysTakeTheDefaults() {
        PeViewModel vm = vm();
        vm.applyState(state("positions", new StateValue.Int(20), "dim", new StateValue.Int(8),
                "dims", new StateValue.Ints(List.of(2, 3)), "learned", new StateValue.Bool(true),
                "offset", new StateValue.Int(5), "highlight", new StateValue.Pair(4, 6), "text", new StateValue.Text("a b")));
        Result r = vm.result();
        assertEquals(20, r.positions());
        assertEquals(8, r.dim());
        assertTrue(r.learned());
        assertEquals(5, r.offset());
        assertEquals(new Cell(4, 6), r.cell());
        assertEquals(List.of("a", "b"), r.sum().tokens());
        vm.applyState(StateMap.empty());
        r = vm.result();
        assertEquals(50, r.positions());
        assertEquals(128, r.dim());
        assertFalse(r.learned());
        assertEquals(PeViewModel.DEFAULT_HIGHLIGHT, r.cell());
        assertEquals(PeViewModel.DEFAULT_DIMS, vm.dimsProperty().get());
        // a cell outside the table is a message, not an exception
        vm.applyState(state("positions", new StateValue.Int(10), "highlight", new StateValue.Pair(60, 0)));
        assertEquals("pe.error.highlight", vm.errorProperty().get().key());
        assertEquals(10, vm.result().positions());
        // an odd d from a lesson goes to the error display too
        vm.applyState(state("dim", new StateValue.Int(5)));
        assertEquals("pe.error.odd", vm.errorProperty().get().key());
    }

    @Test
    void lessonNineStepByStepShowsTheNumbersItsTextStates() {
        org.attentionlab.lesson.Lesson lesson = org.attentionlab.lesson.LessonLibrary.load(java.nio.file.Path.of("lessons"))
                .find("positional-encoding").orElseThrow();
        PeViewModel vm = vm();
        Map<String, StateMap> states = new LinkedHashMap<>();
        lesson.steps().stream().filter(s -> s.view().equals("pe")).forEach(s -> states.put(s.id(), s.state()));
        vm.applyState(states.get("formula"));
        assertNull(vm.errorProperty().get());
        assertTrue(PeFormulas.cell(vm.result()).endsWith("= 0.8415"), PeFormulas.cell(vm.result()));
        vm.applyState(states.get("frequencies"));
        assertEquals(-0.5440, vm.result().table().get(10, 0), 5e-5);
        assertTrue(PeFormulas.cell(vm.result()).endsWith("= 0.0012"), PeFormulas.cell(vm.result()));
        vm.applyState(states.get("relative"));
        Rotation t = vm.result().rotation();
        assertEquals(2, t.pos());
        assertArrayEquals(new double[] {0.9093, -0.4161}, t.from(), 5e-5);
        assertArrayEquals(new double[] {-0.9589, 0.2837}, t.product(), 5e-5);
        vm.applyState(states.get("learned"));
        assertTrue(vm.result().learned());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aNewerRequestSupersedesAnOlderOne() {
        Deque<Runnable> background = new ArrayDeque<>();
        PeViewModel vm = new PeViewModel(new UiExecutors(background::add, Runnable::run));
        assertTrue(vm.busyProperty().get());
        vm.dimProperty().set(8);
        vm.dimsProperty().set(List.of(0));
        vm.positionsProperty().set(7);
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertEquals(7, vm.result().positions());
        assertEquals(8, vm.result().dim());
        assertFalse(vm.busyProperty().get());
    }
}

package org.attentionlab.ui.qkv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.widgets.Cell;
import org.junit.jupiter.api.Test;

/** The Q/K/V view-model without a Stage: synchronous executors, the real engine. */
class QkvViewModelTest {

    private static final EngineService ENGINE = new Nd4jEngineService();
    private static final double TOL = 1e-4;

    private static QkvViewModel vm() {
        return new QkvViewModel(ENGINE, UiExecutors.direct());
    }

    @Test
    void startsWithTheLectureExample() {
        QkvViewModel vm = vm();
        assertEquals(List.of("x₁", "x₂", "x₃"), vm.tokensProperty().get());
        assertArrayEquals(new double[][] {{1, 0}, {0, 1}, {1, 1}}, vm.stage(Stage.X).toArray());
        // the lecture: query x₃ = [1, 1] against keys x₁, x₂, x₃, no scaling
        assertArrayEquals(new double[] {0.2119, 0.2119, 0.5761}, vm.stage(Stage.WEIGHTS).row(2), TOL);
        assertArrayEquals(new double[] {0.7881, 0.7881}, vm.stage(Stage.OUTPUT).row(2), TOL);
        assertNull(vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void derivationOfTheSelectedWeightShowsTheLectureNumbers() {
        QkvViewModel vm = vm();
        vm.selectedProperty().set(new Cell(2, 0));
        Derivation d = vm.derivationProperty().get();
        assertNotNull(d);
        String all = String.join("\n", d.steps().stream().map(Derivation.Step::math).toList());
        assertTrue(all.contains("q₃ = [1.0000, 1.0000]"), all);
        assertTrue(all.contains("k₁ = [1.0000, 0.0000]"), all);
        assertTrue(all.contains("q₃·k₁ = 1.0000 + 0.0000 = 1.0000"), all);
        assertTrue(all.contains("[2.7183, 2.7183, 7.3891]"), all);
        assertTrue(all.contains("= 12.8256"), all);
        assertTrue(all.contains("α₃,₁ = 2.7183 ÷ 12.8256 = 0.2119"), all);
        assertTrue(all.contains("z₃ = [0.7881, 0.7881]"), all);
        assertEquals("qkv.derivation.noScale", d.steps().get(4).captionKey());
    }

    @Test
    void editingXRecomputesEverythingDownstream() {
        QkvViewModel vm = vm();
        vm.editX(0, 0, 2.0);
        assertEquals(2.0, vm.stage(Stage.X).get(0, 0));
        assertEquals(2.0, vm.stage(Stage.Q).get(0, 0), "W_Q = I, so Q = X");
        assertEquals(2.0, vm.stage(Stage.SCORES).get(2, 0), TOL, "x₃·x₁ = 1·2 + 1·0");
        double[] row = vm.stage(Stage.WEIGHTS).row(2);
        assertEquals(1.0, row[0] + row[1] + row[2], 1e-12);
    }

    @Test
    void editingAWeightChangesItsProjection() {
        QkvViewModel vm = vm();
        vm.editWeight(Stage.WK, 0, 1, 3.0);
        assertEquals(3.0, vm.stage(Stage.WK).get(0, 1));
        assertEquals(3.0, vm.stage(Stage.K).get(0, 1), "k₁ = x₁·W_K = [1, 0]·W_K");
        assertArrayEquals(vm.stage(Stage.X).toArray(), vm.stage(Stage.Q).toArray(), "W_Q untouched");
    }

    @Test
    void aNonFiniteNumberIsRejectedAndTheOldStateStays() {
        QkvViewModel vm = vm();
        Matrix before = vm.stage(Stage.X);
        vm.editX(1, 1, Double.NaN);
        assertEquals("qkv.error.notFinite", vm.errorProperty().get().key());
        assertEquals(before, vm.stage(Stage.X));
    }

    @Test
    void causalMaskGivesMinusInfinityAndExactZeros() {
        QkvViewModel vm = vm();
        vm.maskProperty().set(MaskKind.CAUSAL);
        Matrix masked = vm.stage(Stage.MASKED);
        Matrix w = vm.stage(Stage.WEIGHTS);
        assertEquals(Double.NEGATIVE_INFINITY, masked.get(0, 1));
        assertEquals(0.0, w.get(0, 1));
        assertEquals(0.0, w.get(1, 2));
        assertEquals(1.0, w.get(0, 0), 1e-12);
        vm.selectedProperty().set(new Cell(0, 2));
        String all = String.join("\n", vm.derivationProperty().get().steps().stream().map(Derivation.Step::math).toList());
        assertTrue(all.contains("α₁,₃ = 0"), all);
        assertTrue(all.contains("(−∞)"), all);
    }

    @Test
    void scalingDividesByRootDk() {
        QkvViewModel vm = vm();
        vm.scaledProperty().set(true);
        assertEquals(2.0 / Math.sqrt(2), vm.stage(Stage.SCALED).get(2, 2), 1e-12);
        assertEquals("√d_k = √2 = 1.4142", vm.scaleText());
        vm.selectedProperty().set(new Cell(2, 2));
        assertEquals("qkv.derivation.scale", vm.derivationProperty().get().steps().get(4).captionKey());
    }

    @Test
    void sentencesGetOneSeededVectorPerToken() {
        QkvViewModel vm = vm();
        vm.dModelProperty().set(4);
        vm.sentenceProperty().set("the cat saw the dog");
        vm.applySentence();
        assertEquals(List.of("the", "cat", "saw", "the", "dog"), vm.tokensProperty().get());
        Matrix x = vm.stage(Stage.X);
        assertEquals(5, x.rows());
        assertEquals(4, x.cols());
        assertArrayEquals(x.row(0), x.row(3), "the same token has the same embedding");
        assertEquals(QkvViewModel.embed(List.of("the"), 4, 42).row(0)[0], x.get(0, 0));
        assertEquals(5, vm.stage(Stage.WEIGHTS).rows());
    }

    @Test
    void characterSplitForChinese() {
        assertEquals(List.of("我", "爱", "你"), QkvViewModel.split(" 我 爱你 ", QkvViewModel.Split.CHARACTERS));
        assertEquals(List.of(), QkvViewModel.split("   ", QkvViewModel.Split.WHITESPACE));
        assertEquals(List.of("😀", "a"), QkvViewModel.split("😀a", QkvViewModel.Split.CHARACTERS));
    }

    @Test
    void anEmptySentenceIsAnErrorAndNothingBreaks() {
        QkvViewModel vm = vm();
        vm.sentenceProperty().set("   ");
        vm.applySentence();
        assertEquals("qkv.error.emptySentence", vm.errorProperty().get().key());
        assertEquals(3, vm.stage(Stage.WEIGHTS).rows());
    }

    @Test
    void headsSplitDModelAndEachHeadHasItsOwnSlice() {
        QkvViewModel vm = vm();
        vm.weightInitProperty().set(QkvViewModel.WeightInit.RANDOM);
        vm.dModelProperty().set(8);
        vm.headsProperty().set(2);
        assertEquals(4, vm.dKProperty().get(), "d_k = d_model / h");
        assertEquals(8, vm.stage(Stage.WQ).rows());
        assertEquals(4, vm.stage(Stage.WQ).cols());
        Matrix head1 = vm.stage(Stage.WQ);
        vm.headProperty().set(2);
        assertFalse(head1.equals(vm.stage(Stage.WQ)), "head 2 has other weights");
        vm.headsProperty().set(1);
        assertEquals(1, vm.headProperty().get(), "the shown head stays in range");
    }

    @Test
    void randomWeightsAreReproducibleFromTheSeed() {
        QkvViewModel a = vm();
        QkvViewModel b = vm();
        for (QkvViewModel vm : List.of(a, b)) {
            vm.weightInitProperty().set(QkvViewModel.WeightInit.RANDOM);
            vm.seedProperty().set(7);
        }
        assertEquals(a.stage(Stage.WQ), b.stage(Stage.WQ));
        b.seedProperty().set(8);
        assertFalse(a.stage(Stage.WQ).equals(b.stage(Stage.WQ)));
    }

    @Test
    void float32IsCloseToFloat64() {
        QkvViewModel vm = vm();
        Matrix w64 = vm.stage(Stage.WEIGHTS);
        vm.precisionProperty().set(Precision.FLOAT32);
        assertTrue(w64.allClose(vm.stage(Stage.WEIGHTS), 1e-5, 1e-6));
    }

    @Test
    void addingAndRemovingTokens() {
        QkvViewModel vm = vm();
        vm.addToken();
        assertEquals(List.of("x₁", "x₂", "x₃", "x₄"), vm.tokensProperty().get());
        assertArrayEquals(new double[] {0, 0}, vm.stage(Stage.X).row(3));
        vm.removeToken();
        vm.removeToken();
        assertEquals(2, vm.stage(Stage.X).rows());
    }

    @Test
    void aNewerRequestSupersedesAnOlderOne() {
        Deque<Runnable> background = new ArrayDeque<>();
        QkvViewModel vm = new QkvViewModel(ENGINE, new UiExecutors(background::add, Runnable::run));
        assertTrue(vm.busyProperty().get());
        vm.editX(0, 0, 5);
        vm.editX(0, 0, 7);
        assertEquals(3, background.size());
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertEquals(7.0, vm.stage(Stage.X).get(0, 0), "only the newest request is shown");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aResultThatArrivesAfterANewerRequestIsDropped() {
        Deque<Runnable> background = new ArrayDeque<>();
        Deque<Runnable> fx = new ArrayDeque<>();
        QkvViewModel vm = new QkvViewModel(ENGINE, new UiExecutors(background::add, fx::add));
        background.poll().run(); // the first request computes; its result waits for the FX thread
        vm.editX(0, 0, 9);        // meanwhile the user types
        fx.poll().run();          // the stale result arrives: dropped
        assertNull(vm.stage(Stage.X));
        background.poll().run();
        fx.poll().run();
        assertEquals(9.0, vm.stage(Stage.X).get(0, 0));
    }
}

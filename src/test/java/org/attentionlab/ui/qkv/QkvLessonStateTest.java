package org.attentionlab.ui.qkv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.qkv.QkvViewModel.WeightInit;
import org.attentionlab.ui.widgets.Cell;
import org.junit.jupiter.api.Test;

/**
 * A lesson step's {@code qkv} state applied to the view-model, without a Stage: every key, the
 * defaults, cross-attention with Q/K/V given directly, and that applying a state again gives the
 * same picture whatever came before. Expected numbers are the lecture's (and the lesson files'
 * checks, which the engine recomputes independently of this mapping).
 */
class QkvLessonStateTest {

    private static final double TOL = 5e-5;

    private static QkvViewModel vm() {
        return new QkvViewModel(new Nd4jEngineService(), UiExecutors.direct());
    }

    private static void apply(QkvViewModel vm, StateMap state) {
        vm.applySetup(QkvLessonState.map(state).setup());
    }

    private static StateMap state(Object... keysAndValues) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (StateValue) keysAndValues[i + 1]);
        }
        return StateMap.of(m);
    }

    private static StateValue.Mat mat(double[][] a) {
        return new StateValue.Mat(Matrix.of(a));
    }

    private static StateValue.Texts texts(String... t) {
        return new StateValue.Texts(List.of(t));
    }

    private static final double[][] H = {{1, 0}, {0, 1}, {1, 1}};

    /** Lesson 4's first state, as the loader gives it. */
    private static StateMap crossAttention() {
        return state("tokens", texts("我", "很", "高兴"), "queryTokens", texts("H₂"),
                "queries", mat(new double[][] {{0.5, 0.5}}), "keys", mat(H), "values", mat(H),
                "scaled", new StateValue.Bool(false), "stage", new StateValue.Text("weights"),
                "highlight", new StateValue.Pair(0, 2));
    }

    @Test
    void crossAttentionWithQkvGivenShowsTheLectureNumbers() {
        QkvViewModel vm = vm();
        apply(vm, crossAttention());
        assertNull(vm.errorProperty().get());
        assertTrue(vm.isGiven());
        assertArrayEquals(new double[] {0.5, 0.5, 1.0}, vm.stage(Stage.SCORES).row(0), TOL);
        assertArrayEquals(new double[] {0.2741, 0.2741, 0.4519}, vm.stage(Stage.WEIGHTS).row(0), TOL);
        assertArrayEquals(new double[] {0.7259, 0.7259}, vm.stage(Stage.OUTPUT).row(0), TOL);
        assertNull(vm.stage(Stage.X), "X plays no part when Q, K, V are given");
        assertEquals(List.of("我", "很", "高兴"), vm.tokensProperty().get());
        assertEquals(List.of("H₂"), vm.queryTokensProperty().get());
        assertEquals(new Cell(0, 2), vm.selectedProperty().get());
        assertEquals(Stage.WEIGHTS, vm.focusProperty().get());
        // the derivation names the decoder state as the query and 高兴 as the key
        Derivation d = vm.derivationProperty().get();
        assertEquals(List.of("H₂", 1), d.steps().get(0).captionArgs());
        assertEquals(List.of("高兴", 3), d.steps().get(1).captionArgs());
        assertTrue(d.steps().stream().anyMatch(s -> s.math().endsWith("= 0.4519")));
    }

    @Test
    void theEmptyStateIsTheLectureExampleScaledAsInThePaper() {
        QkvViewModel vm = vm();
        apply(vm, crossAttention());
        apply(vm, StateMap.empty());
        assertFalse(vm.isGiven());
        assertArrayEquals(H, vm.stage(Stage.X).toArray());
        assertTrue(vm.scaledProperty().get(), "scaled is true unless a lesson says otherwise");
        assertEquals(Precision.FLOAT64, vm.precisionProperty().get());
        assertEquals(MaskKind.NONE, vm.maskProperty().get());
        assertNull(vm.selectedProperty().get());
        assertNull(vm.focusProperty().get());
        assertEquals(List.of("x₁", "x₂", "x₃"), vm.queryTokensProperty().get());
        // x₃·[x₁, x₂, x₃] / √2 = [0.7071, 0.7071, 1.4142] -> softmax
        double e1 = Math.exp(1 / Math.sqrt(2));
        double e3 = Math.exp(2 / Math.sqrt(2));
        assertEquals(e3 / (2 * e1 + e3), vm.stage(Stage.WEIGHTS).get(2, 2), 1e-12);
    }

    @Test
    void applyingAStateAgainRestoresExactlyWhatWasShown() {
        QkvViewModel vm = vm();
        StateMap lesson3 = state("tokens", texts("x₁", "x₂"), "vectors", mat(new double[][] {{1, 0, 1, 0}, {0, 1, 0, 1}}),
                "wq", mat(new double[][] {{0.1343, 0.2890, 0.2539}, {-0.1356, -0.2186, -0.3048}, {0.2104, 0.2886, -0.4950},
                        {0.4464, 0.0895, -0.1932}}),
                "wk", mat(new double[][] {{0.2071, -0.3553, -0.1722}, {0.1581, 0.0315, 0.1532}, {-0.0087, -0.3413, -0.1042},
                        {0.3913, 0.1542, 0.4147}}),
                "wv", mat(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}}),
                "stage", new StateValue.Text("scores"));
        apply(vm, lesson3);
        Map<Stage, Matrix> first = snapshot(vm);
        List<String> labels = vm.tokensProperty().get();
        // the user plays with the view, other steps come and go
        vm.editX(0, 0, 5);
        vm.maskProperty().set(MaskKind.CAUSAL);
        apply(vm, crossAttention());
        apply(vm, state("input", new StateValue.Text("我 很 高兴"), "dModel", new StateValue.Int(64),
                "seed", new StateValue.Int(7)));
        apply(vm, lesson3);
        assertEquals(first, snapshot(vm));
        assertEquals(labels, vm.tokensProperty().get());
        assertEquals(Stage.SCORES, vm.focusProperty().get());
        assertNull(vm.errorProperty().get());
        // x₁·W_Q = rows 1 and 3 of W_Q added: [0.3447, 0.5776, −0.2411]
        assertArrayEquals(new double[] {0.3447, 0.5776, -0.2411}, vm.stage(Stage.Q).row(0), TOL);
        // W_V of width 3 keeps d_v = 3
        assertEquals(3, vm.stage(Stage.OUTPUT).cols());
    }

    private static Map<Stage, Matrix> snapshot(QkvViewModel vm) {
        Map<Stage, Matrix> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, vm.stage(s));
        }
        return m;
    }

    @Test
    void aSentenceIsSplitAndEmbeddedWithSeededRandomWeights() {
        QkvViewModel vm = vm();
        apply(vm, state("input", new StateValue.Text("我 很 高兴"), "dModel", new StateValue.Int(64), "heads",
                new StateValue.Int(1), "seed", new StateValue.Int(7), "scaled", new StateValue.Bool(false)));
        assertEquals(List.of("我", "很", "高兴"), vm.tokensProperty().get());
        assertEquals(64, vm.stage(Stage.X).cols());
        assertEquals(WeightInit.RANDOM, vm.weightInitProperty().get());
        assertNotNull(vm.stage(Stage.WEIGHTS));
        assertEquals(Split.CHARACTERS, QkvLessonState.splitOf("我很高兴"));
        assertEquals(Split.WHITESPACE, QkvLessonState.splitOf("The weather is nice"));
        assertEquals(Split.WHITESPACE, QkvLessonState.splitOf("我 很 高兴"));
        apply(vm, state("input", new StateValue.Text("我很高兴")));
        assertEquals(List.of("我", "很", "高", "兴"), vm.tokensProperty().get());
        assertEquals(QkvLessonState.SENTENCE_D_MODEL, vm.stage(Stage.X).cols());
    }

    @Test
    void aCustomMaskAndACausalMask() {
        QkvViewModel vm = vm();
        apply(vm, state("scaled", new StateValue.Bool(false), "mask", mat(new double[][] {{1, 0, 0}, {1, 1, 0}, {1, 0, 1}})));
        assertEquals(MaskKind.CUSTOM, vm.maskProperty().get());
        assertArrayEquals(new double[] {1, 0, 0}, vm.stage(Stage.WEIGHTS).row(0), 0);
        // x₃ sees x₁ and itself: scores 1 and 2
        double e = Math.exp(1);
        assertArrayEquals(new double[] {e / (e + e * e), 0, e * e / (e + e * e)}, vm.stage(Stage.WEIGHTS).row(2), 1e-12);
        apply(vm, state("scaled", new StateValue.Bool(false), "mask", new StateValue.Text("causal")));
        assertArrayEquals(new double[] {0.2689, 0.7311, 0}, vm.stage(Stage.WEIGHTS).row(1), TOL);
        assertTrue(Double.isInfinite(vm.stage(Stage.MASKED).get(0, 1)));
    }

    @Test
    void wellTypedButImpossibleValuesGoToTheErrorDisplayAndTheRestIsShown() {
        QkvViewModel vm = vm();
        apply(vm, state("tokens", texts("a", "b")));
        assertEquals("qkv.lesson.labels", vm.errorProperty().get().key());
        assertEquals(List.of("x₁", "x₂", "x₃"), vm.tokensProperty().get());
        assertNotNull(vm.stage(Stage.WEIGHTS));

        apply(vm, state("input", new StateValue.Text("a b c"), "dModel", new StateValue.Int(6), "heads", new StateValue.Int(4)));
        assertEquals("qkv.lesson.heads", vm.errorProperty().get().key());
        assertEquals(List.of("6", "4"), vm.errorProperty().get().args());
        assertEquals(1, vm.headsProperty().get());

        apply(vm, state("highlight", new StateValue.Pair(5, 0)));
        assertEquals("qkv.lesson.highlight", vm.errorProperty().get().key());
        assertNull(vm.selectedProperty().get());

        apply(vm, state("wq", mat(new double[][] {{1}})));
        assertEquals("qkv.lesson.weights", vm.errorProperty().get().key());

        // causal needs as many queries as keys: the engine says so, nothing is thrown
        StateMap causalCross = crossAttention().overlaidWith(state("mask", new StateValue.Text("causal")));
        apply(vm, causalCross);
        assertEquals("qkv.error.engine", vm.errorProperty().get().key());

        // and a good state clears the error
        apply(vm, crossAttention());
        assertNull(vm.errorProperty().get());
    }

    @Test
    void panelsAndZoomDefaultToEverythingAtNormalSize() {
        QkvLessonState.Mapped all = QkvLessonState.map(StateMap.empty());
        assertEquals(QkvLessonState.PANELS, all.panels());
        assertEquals(1.0, all.zoom());
        QkvLessonState.Mapped some = QkvLessonState.map(state("panels", texts("scores", "formula"), "zoom",
                new StateValue.Num(1.5)));
        assertEquals(List.of("scores", "formula"), some.panels());
        assertEquals(1.5, some.zoom());
    }

    @Test
    void everyQkvStepOfTheShippedLessonsAppliesWithoutAProblem() {
        LessonLibrary library = LessonLibrary.load(Path.of("lessons"));
        QkvViewModel vm = vm();
        int steps = 0;
        for (var lesson : library.lessons()) {
            for (Step step : lesson.steps()) {
                if (step.view().equals("qkv")) {
                    apply(vm, step.state());
                    assertNull(vm.errorProperty().get(), lesson.id() + "/" + step.id() + ": " + vm.errorProperty().get());
                    assertNotNull(vm.stage(Stage.WEIGHTS));
                    steps++;
                }
            }
        }
        assertTrue(steps >= 20, "qkv steps: " + steps);
    }
}

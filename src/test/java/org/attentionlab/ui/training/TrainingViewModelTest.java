package org.attentionlab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.ui.LessonStates;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.training.TrainingViewModel.Phase;
import org.junit.jupiter.api.Test;

/**
 * The training view-model without a Stage. Runs are short and seeded: the notebook's 20 steps
 * (its printed losses are the reference), a few dozen copy steps, and a long SimpleAttention run
 * that is paused, stepped, resumed and cancelled on a real training thread.
 */
class TrainingViewModelTest {

    /** seeds/000, "Epoch n: Loss = …": PyTorch's own printout for torch.manual_seed(42), Adam lr 0.01. */
    private static final double[] NOTEBOOK_LOSSES = {1.7862, 1.6117, 1.4567, 1.3198, 1.1993, 1.0938, 1.0016, 0.9211, 0.8508,
        0.7894, 0.7355, 0.6880, 0.6458, 0.6080, 0.5738, 0.5425, 0.5137, 0.4869, 0.4618, 0.4381};
    /** The notebook's printed W_Q before and after the 20 steps. */
    private static final double[][] WQ_BEFORE = {{0.1343, -0.1356, 0.2104, 0.4464}, {0.2890, -0.2186, 0.2886, 0.0895},
        {0.2539, -0.3048, -0.4950, -0.1932}};
    private static final double[][] WQ_AFTER = {{0.0748, -0.2188, 0.1299, 0.4619}, {0.4518, -0.3880, 0.3979, -0.0676},
        {0.4217, -0.4694, -0.3718, -0.3555}};

    private static TrainingViewModel direct() {
        return new TrainingViewModel(UiExecutors.direct(), Runnable::run);
    }

    private static void assertRounded(double[][] printed, Matrix m, String what) {
        for (int i = 0; i < printed.length; i++) {
            for (int j = 0; j < printed[i].length; j++) {
                assertEquals(printed[i][j], Math.round(m.get(i, j) * 1e4) / 1e4, 0.0, what + " (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void theNotebooksTwentyStepsPrintItsLossesAndChangeWq() {
        TrainingViewModel vm = direct();
        vm.activate();
        assertEquals(Phase.READY, vm.phaseProperty().get());
        assertEquals(0, vm.stepsDoneProperty().get());
        assertTrue(vm.start());
        assertEquals(Phase.FINISHED, vm.phaseProperty().get());
        Curve loss = vm.lossCurveProperty().get();
        assertEquals(20, loss.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, loss.x(i), 0.0);
            assertEquals(NOTEBOOK_LOSSES[i], Math.round(loss.y(i) * 1e4) / 1e4, 0.0, "Epoch " + (i + 1));
        }
        assertEquals(0.01, vm.rateCurveProperty().get().y(19), 0.0, "Adam's constant η");
        assertEquals(20, vm.stepsDoneProperty().get());
        assertEquals(0, vm.beforeProperty().get().step());
        assertEquals(20, vm.snapshotProperty().get().step());
        TrainingViewModel.Change wq = vm.changesProperty().get().get("W_Q");
        assertRounded(WQ_BEFORE, wq.before(), "W_Q before");
        assertRounded(WQ_AFTER, wq.after(), "W_Q after");
        assertEquals(wq.after().get(1, 0) - wq.before().get(1, 0), wq.difference().get(1, 0), 1e-15);
        assertEquals(List.of("W_Q", "W_K", "W_V"), List.copyOf(vm.changesProperty().get().keySet()), "in the notebook's order");
        // one map per sample, rows summing to 1, and they moved
        List<AttentionMap> now = vm.mapsProperty().get();
        assertEquals(2, now.size());
        assertEquals(AttentionKind.SELF, now.get(0).kind());
        for (double[] row : now.get(0).weights().toArray()) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-12);
        }
        assertFalse(now.get(0).weights().allClose(vm.mapsBeforeProperty().get().get(0).weights(), 0, 1e-6));
        assertNull(vm.headMeanProperty().get(), "one head: no mean");
        assertEquals("W_Q", vm.shownParameterProperty().get());
        assertEquals(3, vm.parameterGradientProperty().get().rows());
    }

    @Test
    void aShortCopyRunLowersTheLossAndShowsTheCrossAttentionOfEveryHead() {
        TrainingViewModel vm = direct();
        vm.applyState(LessonStates.of("experiment", "copy", "steps", 40));
        assertEquals(Experiment.COPY, vm.experimentProperty().get());
        assertEquals(1L, vm.seedProperty().get(), "copy's default seed");
        assertEquals(3e-3, vm.learningRateProperty().get(), 0.0);
        assertEquals(Phase.READY, vm.phaseProperty().get());
        assertEquals(2, vm.mapsProperty().get().size(), "two heads of the one layer");
        assertEquals(1, vm.layersProperty().get());
        assertEquals(AttentionKind.CROSS, vm.mapsProperty().get().get(0).kind());
        assertEquals(List.of("7", "2", "9", "4", "1", "5", "<eos>"), vm.mapsProperty().get().get(0).keyTokens());
        assertNotNull(vm.headMeanProperty().get());
        assertTrue(vm.parameterNamesProperty().get().size() > 10, "every parameter of the small model");
        vm.start();
        assertEquals(Phase.FINISHED, vm.phaseProperty().get());
        Curve loss = vm.lossCurveProperty().get();
        assertEquals(40, loss.size());
        double first = (loss.y(0) + loss.y(1) + loss.y(2) + loss.y(3) + loss.y(4)) / 5;
        double last = (loss.y(35) + loss.y(36) + loss.y(37) + loss.y(38) + loss.y(39)) / 5;
        assertTrue(last < first * 0.9, "the loss falls: " + first + " -> " + last);
        assertTrue(vm.rateCurveProperty().get().y(39) > vm.rateCurveProperty().get().y(0), "the warm-up raises η");
        vm.probeProperty().set(TrainingViewModel.Probe.ENCODER_SELF);
        assertEquals(AttentionKind.ENCODER_SELF, vm.mapsProperty().get().get(0).kind());
    }

    @Test
    void aLessonStateTrainsItsFirstStepsAndStartGoesOnFromThere() {
        TrainingViewModel vm = direct();
        vm.applyState(LessonStates.of("experiment", "simple-attention", "trained", 5));
        assertFalse(vm.busyProperty().get());
        assertEquals(5, vm.stepsDoneProperty().get());
        assertEquals(20, vm.totalStepsProperty().get());
        assertEquals(Phase.READY, vm.phaseProperty().get());
        assertEquals(5, vm.lossCurveProperty().get().size());
        assertEquals(1.1993, Math.round(vm.lastLossProperty().get() * 1e4) / 1e4, 0.0, "Epoch 5");
        assertEquals(5, vm.snapshotProperty().get().step());
        vm.start();
        assertEquals(Phase.FINISHED, vm.phaseProperty().get());
        Curve loss = vm.lossCurveProperty().get();
        assertEquals(20, loss.size(), "continued, not restarted");
        for (int i = 0; i < 20; i++) {
            assertEquals(NOTEBOOK_LOSSES[i], Math.round(loss.y(i) * 1e4) / 1e4, 0.0, "Epoch " + (i + 1));
        }
        assertEquals(0, vm.beforeProperty().get().step(), "before is still the untrained model");
        // the same state again shows the same numbers (lessons go back and forth)
        vm.applyState(LessonStates.of("experiment", "simple-attention", "trained", 20));
        Matrix after = vm.changesProperty().get().get("W_V").after();
        vm.applyState(LessonStates.of("experiment", "simple-attention", "trained", 20));
        assertEquals(after, vm.changesProperty().get().get("W_V").after());
        assertEquals(Phase.FINISHED, vm.phaseProperty().get(), "all 20 steps trained");
    }

    @Test
    void whatALessonStateCannotShowIsReportedAndTheRestShown() {
        TrainingViewModel vm = direct();
        vm.applyState(LessonStates.of("steps", 3, "trained", 7));
        assertEquals("training.error.trainedTooMany", vm.errorProperty().get().key());
        assertEquals(3, vm.stepsDoneProperty().get());
        vm.applyState(LessonStates.of("experiment", "copy", "steps", 5, "layer", 3));
        assertNull(vm.errorProperty().get());
        assertEquals("training.error.layer", vm.choiceProblemProperty().get().key());
        assertEquals(0, vm.shownLayerProperty().get());
        vm.applyState(LessonStates.of("experiment", "copy", "steps", 5, "parameter", "no.such.weight"));
        assertEquals("training.error.parameter", vm.choiceProblemProperty().get().key());
        assertEquals(vm.parameterNamesProperty().get().get(0), vm.shownParameterProperty().get());
        vm.applyState(LessonStates.of("experiment", "copy", "steps", 5, "parameter", "decoder.0.cross_attention.w_q.weight"));
        assertNull(vm.choiceProblemProperty().get());
        assertEquals(32, vm.parameterValueProperty().get().rows());
    }

    @Test
    void reportsReachTheFxThreadInBatchesNotOnePerStep() {
        // an FX thread that is busy: nothing it is handed runs until the test lets it
        List<Runnable> fxQueue = new ArrayList<>();
        TrainingViewModel vm = new TrainingViewModel(new UiExecutors(Runnable::run, fxQueue::add), Runnable::run, () -> 0L);
        vm.applyState(LessonStates.of("steps", 100));
        fxQueue.forEach(Runnable::run); // the untrained model
        fxQueue.clear();
        vm.start(); // 100 steps, 100 progress reports, 101 snapshots, run synchronously
        assertEquals(1, fxQueue.size(), "one flush waits for the FX thread however many reports came");
        fxQueue.forEach(Runnable::run);
        assertEquals(100, vm.lossCurveProperty().get().size(), "the flush brought every point");
        assertEquals(Phase.FINISHED, vm.phaseProperty().get());
        assertEquals(100, vm.snapshotProperty().get().step());

        // an idle FX thread and a clock that stands still: only state changes and the end go through
        TrainingViewModel idle = new TrainingViewModel(UiExecutors.direct(), Runnable::run, () -> 0L);
        idle.applyState(LessonStates.of("steps", 100));
        idle.start();
        assertTrue(idle.flushes() <= 4, "flushes: " + idle.flushes());
        assertEquals(100, idle.lossCurveProperty().get().size());

        // a clock that moves 10 ms a report: at most one flush per 50 ms of training
        long[] now = {0};
        TrainingViewModel timed = new TrainingViewModel(UiExecutors.direct(), Runnable::run, () -> now[0] += 10_000_000L);
        timed.applyState(LessonStates.of("steps", 100));
        timed.start();
        assertTrue(timed.flushes() < 100 / 2, "flushes: " + timed.flushes());
        assertEquals(100, timed.lossCurveProperty().get().size());
    }

    @Test
    void pauseStepResumeCancelOnARealTrainingThreadAndASecondStartIsRefused() throws Exception {
        ExecutorService fx = Executors.newSingleThreadExecutor();
        ExecutorService training = TrainingViewModel.newTrainingThread();
        try {
            TrainingViewModel vm = on(fx, () -> new TrainingViewModel(new UiExecutors(Runnable::run, fx), training));
            on(fx, () -> {
                vm.applyState(LessonStates.of("steps", 100_000));
                return null;
            });
            waitFor(fx, () -> !vm.busyProperty().get() && vm.snapshotProperty().get() != null);
            assertTrue(on(fx, vm::start));
            waitFor(fx, () -> vm.stepsDoneProperty().get() > 20);
            assertFalse(on(fx, vm::start), "a second Start is refused");
            assertEquals("training.notice.alreadyRunning", on(fx, () -> vm.noticeProperty().get().key()));

            on(fx, () -> {
                vm.pause();
                return null;
            });
            waitFor(fx, () -> vm.phaseProperty().get() == Phase.PAUSED);
            int paused = on(fx, () -> vm.stepsDoneProperty().get());
            Thread.sleep(100);
            assertEquals(paused, (int) on(fx, () -> vm.stepsDoneProperty().get()), "paused means no steps");

            on(fx, () -> {
                vm.stepOnce();
                return null;
            });
            waitFor(fx, () -> vm.stepsDoneProperty().get() == paused + 1 && vm.phaseProperty().get() == Phase.PAUSED);
            Thread.sleep(50);
            assertEquals(paused + 1, (int) on(fx, () -> vm.stepsDoneProperty().get()), "exactly one step");

            on(fx, () -> {
                vm.resume();
                return null;
            });
            waitFor(fx, () -> vm.phaseProperty().get() == Phase.RUNNING && vm.stepsDoneProperty().get() > paused + 5);

            on(fx, () -> {
                vm.cancel();
                return null;
            });
            waitFor(fx, () -> vm.phaseProperty().get() == Phase.CANCELLED);
            int done = on(fx, () -> vm.stepsDoneProperty().get());
            assertTrue(done < 100_000, "cancelled early: " + done);
            assertEquals(done, on(fx, () -> vm.lossCurveProperty().get().size()));
            // the curve is shown in order, without gaps
            Curve c = on(fx, () -> vm.lossCurveProperty().get());
            for (int i = 0; i < c.size(); i++) {
                assertEquals(i + 1, c.x(i), 0.0);
            }

            // Step from a stopped run: a new run that takes one step and waits
            on(fx, () -> {
                vm.stepOnce();
                return null;
            });
            waitFor(fx, () -> vm.phaseProperty().get() == Phase.PAUSED && vm.stepsDoneProperty().get() == 1);
            // the window closes: the run stops
            on(fx, () -> {
                vm.shutdown();
                return null;
            });
            training.submit(() -> { }).get(10, TimeUnit.SECONDS); // the training thread is free again
        } finally {
            training.shutdownNow();
            fx.shutdownNow();
        }
    }

    @Test
    void changingTheExperimentStartsFromItsDefaultsAndShowsItsUntrainedModel() {
        TrainingViewModel vm = direct();
        vm.activate();
        vm.experimentProperty().set(Experiment.REVERSE);
        assertEquals(600, vm.stepsProperty().get());
        assertEquals(Experiment.REVERSE, vm.shownSettingsProperty().get().experiment());
        assertEquals(List.of("5", "1", "4", "9", "2", "7", "<eos>"), vm.mapsProperty().get().get(0).queryTokens(),
                "the probe's reversed target");
        vm.seedProperty().set(7);
        assertEquals(7L, vm.shownSettingsProperty().get().seed());
        assertNotEquals(0, vm.parameterNamesProperty().get().size());
    }

    @Test
    void theTranslatorExperimentReadsTheShippedCorpus() {
        TrainingViewModel vm = direct();
        vm.applyState(LessonStates.of("experiment", "translator", "attention", "cross"));
        assertNull(vm.errorProperty().get(), () -> String.valueOf(vm.errorProperty().get()));
        assertEquals(2, vm.layersProperty().get());
        assertEquals(4, vm.mapsProperty().get().size(), "4 heads in the layer shown");
        assertEquals(1, vm.shownLayerProperty().get(), "the last layer by default");
        assertEquals(List.of("the", "teacher", "visits", "the", "european", "economic", "area", "<eos>"),
                vm.mapsProperty().get().get(0).keyTokens());
        assertTrue(vm.parameterNamesProperty().get().isEmpty(), "too large to show its parameters");
    }

    private static <T> T on(ExecutorService fx, Callable<T> c) throws Exception {
        return fx.submit(c).get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(ExecutorService fx, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!on(fx, condition)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }
}

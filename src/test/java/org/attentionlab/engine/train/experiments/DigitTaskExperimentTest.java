package org.attentionlab.engine.train.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.Trainer;
import org.attentionlab.engine.train.TrainerOptions;
import org.attentionlab.engine.train.TrainingListener;
import org.attentionlab.engine.train.TrainingProgress;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Copy and reverse: a short seeded run lowers the loss and turns the cross-attention of the
 * probe 7 2 9 4 1 5 into (most of) a diagonal or an anti-diagonal. The runs are deliberately
 * short; `train copy` and `train reverse` run longer and finish the pattern.
 */
class DigitTaskExperimentTest {

    @ParameterizedTest(name = "{0}, {1} steps")
    @CsvSource({"COPY, 150", "REVERSE, 200"})
    void aShortRunLowersTheLossAndAlignsTheCrossAttention(DigitTask task, int steps) {
        DigitTaskExperiment e = new DigitTaskExperiment(
                new DigitTaskExperiment.Settings(task, 1, steps, 5e-3, 30, 32, 3, 6, 32, 2, 64));
        double before = e.probeAlignment();
        List<Double> losses = new ArrayList<>();
        List<TrainingSnapshot> snapshots = new ArrayList<>();
        new Trainer(e.task(), new TrainerOptions(1, 0, false), new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                losses.add(p.loss());
            }

            @Override
            public void onSnapshot(TrainingSnapshot s) {
                snapshots.add(s);
            }
        }).start(Runnable::run);
        double first = losses.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(steps - 10, steps).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first / 3, task + ": loss " + first + " -> " + last);
        double after = e.probeAlignment();
        System.out.printf("%s: probe alignment %.2f -> %.2f after %d steps, loss %.3f -> %.3f%n", task, before, after, steps, first, last);
        assertTrue(before <= 1.0 / 3, task + " starts unaligned: " + before);
        assertTrue(after >= 4.0 / 6, task + " aligns at least 4 of the 6 positions: " + after);
        List<AttentionMap> cross = snapshots.get(1).attention(AttentionKind.CROSS);
        assertEquals(2, cross.size(), "one layer, two heads");
        assertEquals(List.of("7", "2", "9", "4", "1", "5", "<eos>"), cross.get(0).keyTokens());
        assertEquals(task == DigitTask.COPY ? List.of("7", "2", "9", "4", "1", "5", "<eos>")
                : List.of("5", "1", "4", "9", "2", "7", "<eos>"), cross.get(0).queryTokens());
    }

    @Test
    void alignmentScoresAPerfectDiagonalAndAntiDiagonal() {
        double[][] diag = new double[4][4];
        double[][] anti = new double[4][4];
        for (int i = 0; i < 3; i++) {
            diag[i][i] = 1;
            anti[i][2 - i] = 1;
        }
        diag[3][3] = 1;
        anti[3][3] = 1;
        List<String> t = List.of("a", "b", "c", "<eos>");
        List<AttentionMap> d = List.of(new AttentionMap(AttentionKind.CROSS, 0, 0, 0, t, t, Matrix.of(diag)));
        List<AttentionMap> a = List.of(new AttentionMap(AttentionKind.CROSS, 0, 0, 0, t, t, Matrix.of(anti)));
        assertEquals(1.0, DigitTaskExperiment.alignment(d, DigitTask.COPY), 0.0);
        assertEquals(1.0 / 3, DigitTaskExperiment.alignment(d, DigitTask.REVERSE), 1e-15, "only the middle row agrees");
        assertEquals(1.0, DigitTaskExperiment.alignment(a, DigitTask.REVERSE), 0.0);
        assertArrayEquals(new int[] {5, 1, 4}, DigitTask.REVERSE.target(new int[] {4, 1, 5}));
    }

    @Test
    void snapshotsOfTheSmallModelCarryParametersAndTheirGradients() {
        DigitTaskExperiment e = new DigitTaskExperiment(DigitTaskExperiment.Settings.defaults(DigitTask.COPY).withSteps(1));
        TrainingSnapshot s = e.task().snapshot(0);
        assertEquals(e.task().model().parameters().list().size(), s.parameters().size());
        Matrix wq = s.parameter("encoder.0.self_attention.w_q.weight").orElseThrow();
        assertEquals(32, wq.rows());
        assertEquals(32, wq.cols());
        assertTrue(s.gradient("encoder.0.self_attention.w_q.weight").orElseThrow().finiteRange()[1] > 0,
                "the probe's gradient, not zeros");
        assertEquals(3 * 2, s.attention().size(), "encoder self, decoder self and cross, 2 heads each");
    }
}

package org.attentionlab.ui.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.attentionlab.engine.train.TrainingTask;
import org.attentionlab.engine.train.StepResult;
import org.attentionlab.engine.train.experiments.DigitTask;
import org.attentionlab.engine.train.experiments.DigitTaskExperiment;
import org.attentionlab.engine.train.experiments.SimpleAttentionExperiment;
import org.attentionlab.engine.train.experiments.TranslatorExperiment;
import org.attentionlab.io.Assets;

/** Builds the engine's training task for the view's settings, and continues one from a later step. No JavaFX. */
final class TrainingTasks {

    private TrainingTasks() {
    }

    /**
     * A new task at step 0 (touches ND4J and, for the translator, reads the corpus: call it on
     * the training thread).
     *
     * @throws MissingCorpusException when the translator's corpus is not where the app ships it
     */
    static TrainingTask create(TrainingSettings s) {
        return switch (s.experiment()) {
            case SIMPLE_ATTENTION -> new SimpleAttentionExperiment(
                    new SimpleAttentionExperiment.Settings(s.seed(), s.learningRate(), s.steps()));
            case COPY, REVERSE -> new DigitTaskExperiment(DigitTaskExperiment.Settings
                    .defaults(s.experiment() == Experiment.COPY ? DigitTask.COPY : DigitTask.REVERSE)
                    .withSeed(s.seed()).withSteps(s.steps()).withPeakRate(s.learningRate())).task();
            case TRANSLATOR -> new TranslatorExperiment(corpus(), TranslatorExperiment.Settings.defaults()
                    .withSeed(s.seed()).withSteps(s.steps()).withPeakRate(s.learningRate())).task();
        };
    }

    private static ParallelCorpus corpus() {
        String file = ParallelCorpus.SHIPPED_PATH + "/train.en";
        Path en = Assets.find(file).orElseThrow(() -> new MissingCorpusException(file, Assets.candidates(file).toString()));
        try {
            return ParallelCorpus.load(en.getParent(), "train");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped corpus is not there. */
    static final class MissingCorpusException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String file;
        final String lookedIn;

        MissingCorpusException(String file, String lookedIn) {
            super("the corpus " + file + " was not found (looked in " + lookedIn + ")");
            this.file = file;
            this.lookedIn = lookedIn;
        }
    }

    /**
     * {@code task} after {@code done} of its steps, as a task of the remaining ones: step i is the
     * task's step done + i, snapshots carry the task's own step numbers. The trainer counts from 1,
     * the listener adds {@code done} back to its progress reports.
     */
    static TrainingTask continuing(TrainingTask task, int done) {
        if (done == 0) {
            return task;
        }
        return new TrainingTask() {
            @Override
            public String name() {
                return task.name();
            }

            @Override
            public int totalSteps() {
                return task.totalSteps() - done;
            }

            @Override
            public StepResult step(int step) {
                return task.step(step + done);
            }

            @Override
            public TrainingSnapshot snapshot(int step) {
                return task.snapshot(step + done);
            }
        };
    }
}

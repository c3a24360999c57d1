package org.attentionlab.ui.training;

import java.util.Objects;

/**
 * The settings of one run, as the view's inputs stood when it was asked for.
 *
 * @param experiment   what is trained
 * @param seed         seed of the data and the initial weights
 * @param learningRate Adam's η (SimpleAttention) or the schedule's peak (the encoder-decoders)
 * @param steps        optimizer steps of the whole run
 */
public record TrainingSettings(Experiment experiment, long seed, double learningRate, int steps) {

    public TrainingSettings {
        Objects.requireNonNull(experiment, "experiment");
    }

    public static TrainingSettings defaults(Experiment e) {
        return new TrainingSettings(e, e.defaultSeed(), e.defaultLearningRate(), e.defaultSteps());
    }
}

package org.attentionlab.engine.train;

/**
 * A training run the {@link Trainer} can drive: a model, its data, its optimizer. All methods are
 * called on the trainer's one training thread, one at a time.
 */
public interface TrainingTask {

    /** A short name for logs, e.g. {@code "copy"}. */
    String name();

    /** How many optimizer steps the run takes. */
    int totalSteps();

    /** Takes optimizer step {@code step} (1-based): forward, backward, update. */
    StepResult step(int step);

    /** The model after {@code step} steps, as plain numbers (see {@link TrainingSnapshot}). */
    TrainingSnapshot snapshot(int step);
}

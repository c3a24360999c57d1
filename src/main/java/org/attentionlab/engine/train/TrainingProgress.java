package org.attentionlab.engine.train;

import java.time.Duration;

/**
 * One progress report of a {@link Trainer}.
 *
 * @param step         steps done so far (the one just taken), from 1
 * @param totalSteps   steps the run will take
 * @param loss         that step's training loss
 * @param learningRate η of that step
 * @param gradientNorm ‖∂L/∂θ‖₂ of that step, before clipping
 * @param elapsed      time spent training, pauses not counted
 * @param eta          estimated time to the last step at the average pace so far
 */
public record TrainingProgress(int step, int totalSteps, double loss, double learningRate, double gradientNorm,
                               Duration elapsed, Duration eta) {

    /** Fraction done, 0 to 1. */
    public double fraction() {
        return totalSteps == 0 ? 1.0 : (double) step / totalSteps;
    }
}

package org.attentionlab.engine.train;

import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link Trainer}'s run ended.
 *
 * @param state     {@link TrainerState#FINISHED}, {@link TrainerState#CANCELLED} or {@link TrainerState#FAILED}
 * @param steps     steps taken
 * @param lastLoss  the loss of the last step taken (NaN when none was)
 * @param elapsed   training time, pauses not counted
 * @param error     why it failed, for {@link TrainerState#FAILED}; otherwise null
 */
public record TrainingOutcome(TrainerState state, int steps, double lastLoss, Duration elapsed, Throwable error) {

    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }
}

package org.attentionlab.engine.train;

/** Where a {@link Trainer} is in its life. */
public enum TrainerState {
    /** Created, not started. */
    NEW,
    /** Taking steps. */
    RUNNING,
    /** Waiting for resume, a single step, or cancel. */
    PAUSED,
    /** Ran all its steps. */
    FINISHED,
    /** Stopped early on request. */
    CANCELLED,
    /** Stopped by an error (for example a loss that became NaN). */
    FAILED;

    /** Whether the trainer is done for good. */
    public boolean isTerminal() {
        return this == FINISHED || this == CANCELLED || this == FAILED;
    }
}

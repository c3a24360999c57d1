package org.attentionlab.engine.train;

/**
 * Receives a {@link Trainer}'s reports. Every call comes on the training thread, in order; a UI
 * hands them to its own thread (JavaFX: {@code Platform.runLater}, coalescing what it cannot
 * draw in time). A listener that throws is logged and ignored; training goes on.
 */
public interface TrainingListener {

    default void onStateChanged(TrainerState state) {
    }

    default void onProgress(TrainingProgress progress) {
    }

    default void onSnapshot(TrainingSnapshot snapshot) {
    }

    default void onFinished(TrainingOutcome outcome) {
    }
}

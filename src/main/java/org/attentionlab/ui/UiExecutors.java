package org.attentionlab.ui;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where work runs: {@code background} for the engine, {@code fx} for touching properties and
 * nodes. The app passes a single daemon thread and {@code Platform::runLater}; tests pass
 * {@code Runnable::run} for both, so a view-model computes synchronously without a Stage.
 */
public record UiExecutors(Executor background, Executor fx) {

    public UiExecutors {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fx, "fx");
    }

    /** Both synchronous, for tests. */
    public static UiExecutors direct() {
        return new UiExecutors(Runnable::run, Runnable::run);
    }
}

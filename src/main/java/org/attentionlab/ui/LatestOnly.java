package org.attentionlab.ui;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Runs requests on the background executor so that a newer request supersedes an older one: a
 * request that has not started when a newer one arrives is skipped, and the result of a
 * superseded request is dropped instead of being shown. The FX thread never waits.
 */
public final class LatestOnly {

    private final UiExecutors executors;
    private final AtomicLong generation = new AtomicLong();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    public LatestOnly(UiExecutors executors) {
        this.executors = executors;
    }

    /** True from a submit until the newest request has answered. Call from the FX thread. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Computes {@code work} in the background; {@code onResult} or {@code onError} runs on the FX
     * executor, and only if no newer request was submitted meanwhile.
     */
    public <R> void submit(Supplier<R> work, Consumer<R> onResult, Consumer<RuntimeException> onError) {
        long mine = generation.incrementAndGet();
        busy.set(true);
        executors.background().execute(() -> {
            if (generation.get() != mine) {
                return; // superseded before it started
            }
            R result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                executors.fx().execute(() -> {
                    if (generation.get() == mine) {
                        busy.set(false);
                        onError.accept(e);
                    }
                });
                return;
            }
            executors.fx().execute(() -> {
                if (generation.get() == mine) {
                    busy.set(false);
                    onResult.accept(result);
                }
            });
        });
    }
}

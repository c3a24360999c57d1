package org.attentionlab.ui;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The recompute plumbing a view-model holds (by composition) instead of writing it again: a
 * {@link #batch batch} of setting changes computes once at its end, the computation runs
 * {@link LatestOnly} in the background (a newer request supersedes an older one), and a failure
 * becomes the view-model's error message while the last good result stays shown.
 *
 * <p>The view-model keeps its own error property (it also sets it for bad input it finds itself);
 * this class only writes a failure there. Call it from the FX thread.
 */
public final class Recompute {

    /** Bad input found while preparing a request: the message names what was wrong. */
    public static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Message message;

        public BadInput(Message message) {
            super(message.key(), null, false, false);
            this.message = message;
        }

        public Message message() {
            return message;
        }
    }

    /** Prepares a request from the settings (on the FX thread), or says what is wrong with them. */
    @FunctionalInterface
    public interface Prepare<Q> {
        Q request() throws BadInput;
    }

    private final LatestOnly latest;
    private final ReadOnlyObjectWrapper<Message> error;
    private final Function<RuntimeException, Message> failure;
    private final Runnable afterBatch;
    private int suspended;

    /**
     * @param error      where a failure is shown (the view-model's error property)
     * @param failureKey the message key for a failure, with the exception's message as its argument
     * @param afterBatch what the end of the outermost {@link #batch} runs (the view-model's recompute)
     */
    public Recompute(UiExecutors executors, ReadOnlyObjectWrapper<Message> error, String failureKey, Runnable afterBatch) {
        this(executors, error, e -> Message.of(failureKey, String.valueOf(e.getMessage())), afterBatch);
        Objects.requireNonNull(failureKey, "failureKey");
    }

    /** @param failure the message shown for a failure of the background work */
    public Recompute(UiExecutors executors, ReadOnlyObjectWrapper<Message> error,
                     Function<RuntimeException, Message> failure, Runnable afterBatch) {
        this.latest = new LatestOnly(Objects.requireNonNull(executors, "executors"));
        this.error = Objects.requireNonNull(error, "error");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.afterBatch = Objects.requireNonNull(afterBatch, "afterBatch");
    }

    /** Runs {@code change}, then (at the end of the outermost batch) recomputes once, however many settings it touched. */
    public void batch(Runnable change) {
        suspended++;
        try {
            change.run();
        } finally {
            suspended--;
        }
        if (suspended == 0) {
            afterBatch.run();
        }
    }

    /** True inside a {@link #batch}: a change waits for the batch's end instead of recomputing. */
    public boolean suspended() {
        return suspended > 0;
    }

    /**
     * Computes {@code work} in the background; {@code onResult} runs on the FX executor unless a
     * newer request came meanwhile; a failure sets the error.
     */
    public <R> void submit(Supplier<R> work, Consumer<R> onResult) {
        latest.submit(work, onResult, e -> error.set(failure.apply(e)));
    }

    /**
     * The usual recompute: nothing inside a batch; otherwise prepares the request (bad input goes
     * to the error and nothing is computed) and computes it in the background.
     */
    public <Q, R> void recompute(Prepare<Q> prepare, Function<Q, R> compute, Consumer<R> onResult) {
        if (suspended()) {
            return;
        }
        Q request;
        try {
            request = prepare.request();
        } catch (BadInput e) {
            error.set(e.message());
            return;
        }
        submit(() -> compute.apply(request), onResult);
    }

    /** True from a submit until the newest request has answered. */
    public ReadOnlyBooleanProperty busyProperty() {
        return latest.busyProperty();
    }
}

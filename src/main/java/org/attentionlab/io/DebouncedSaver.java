package org.attentionlab.io;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Saves what the user changed a moment after the last change, on its own thread: dragging a
 * font-size slider or typing ten numbers writes the file once, and the thread that asked (the FX
 * thread) never waits for the disk. Each {@link #schedule} replaces the save still waiting; saves
 * never overlap, so an older snapshot can never land after a newer one. {@link #flush()} writes
 * what is waiting at once (the app calls it when it closes).
 */
public final class DebouncedSaver implements AutoCloseable {

    /** One save; it captures what to write when it is made. */
    @FunctionalInterface
    public interface Save {
        void run() throws IOException;
    }

    private final ScheduledExecutorService scheduler;
    private final long delayMillis;
    private final Consumer<Exception> onError;
    private final Object runLock = new Object();
    private ScheduledFuture<?> pendingFuture;
    private Save pending;
    private int saves;

    /**
     * @param name    the thread's name
     * @param delay   how long after the last {@link #schedule} the save runs
     * @param onError receives a save that failed (on the saver's thread); the next save tries again
     */
    public DebouncedSaver(String name, Duration delay, Consumer<Exception> onError) {
        this.delayMillis = delay.toMillis();
        this.onError = Objects.requireNonNull(onError, "onError");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code save} after the delay unless another {@code schedule} comes first. */
    public synchronized void schedule(Save save) {
        Objects.requireNonNull(save, "save");
        if (scheduler.isShutdown()) {
            return;
        }
        pending = save;
        if (pendingFuture != null) {
            pendingFuture.cancel(false);
        }
        pendingFuture = scheduler.schedule(this::runPending, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs the waiting save now, on the calling thread (nothing happens when none waits). */
    public void flush() {
        synchronized (this) {
            if (pendingFuture != null) {
                pendingFuture.cancel(false);
                pendingFuture = null;
            }
        }
        runPending();
    }

    /** How many saves have run (for tests and the soak benchmark). */
    public synchronized int saves() {
        return saves;
    }

    private void runPending() {
        synchronized (runLock) {
            Save save;
            synchronized (this) {
                save = pending;
                pending = null;
            }
            if (save == null) {
                return;
            }
            try {
                save.run();
            } catch (IOException | RuntimeException e) {
                onError.accept(e);
            } finally {
                synchronized (this) {
                    saves++;
                }
            }
        }
    }

    /** Writes what waits, then stops the thread. */
    @Override
    public void close() {
        flush();
        scheduler.shutdown();
    }
}

package org.attentionlab.engine.train;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link TrainingTask} on a thread it is given and lets other threads steer it: pause,
 * resume, take one step while paused, cancel, ask for a snapshot. Reports go to one
 * {@link TrainingListener}, on the training thread.
 *
 * <p>The loop: a snapshot of the untrained model (step 0); then for each step, wait while paused,
 * take the step, report progress every {@code progressEvery} steps and a snapshot every
 * {@code snapshotEvery} steps or when asked; a last snapshot after the final step; then
 * {@link TrainingListener#onFinished}. Requests take effect between steps: a step in progress is
 * never interrupted, so the model is always in a consistent state.
 *
 * <p>A loss that is not finite stops the run as {@link TrainerState#FAILED} with a message naming
 * the step. Time is measured only while training, so pauses do not inflate the ETA.
 */
public final class Trainer {

    private static final Logger LOG = Logger.getLogger(Trainer.class.getName());

    private final TrainingTask task;
    private final TrainerOptions options;
    private final TrainingListener listener;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CompletableFuture<TrainingOutcome> completion = new CompletableFuture<>();

    // guarded by lock
    private TrainerState state = TrainerState.NEW;
    private boolean pauseRequested;
    private int stepPermits;
    private boolean cancelRequested;
    private boolean snapshotRequested;
    private int stepsDone;

    public Trainer(TrainingTask task, TrainerOptions options, TrainingListener listener) {
        this(task, options, listener, System::nanoTime);
    }

    /** With an injected nanosecond clock (tests check elapsed time and ETA with it). */
    Trainer(TrainingTask task, TrainerOptions options, TrainingListener listener, LongSupplier clock) {
        this.task = Objects.requireNonNull(task, "task");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = clock;
        if (task.totalSteps() < 0) {
            throw new IllegalArgumentException(task.name() + " has " + task.totalSteps() + " steps; expected 0 or more");
        }
    }

    /**
     * Starts the run on {@code executor} (a single background thread in the app; a direct
     * executor runs the whole run on the calling thread and returns when it ends).
     *
     * @throws IllegalStateException if already started
     */
    public void start(Executor executor) {
        lock.lock();
        try {
            if (state != TrainerState.NEW) {
                throw new IllegalStateException("this trainer was already started (it is " + state + ")");
            }
            pauseRequested = options.startPaused();
            state = TrainerState.RUNNING;
        } finally {
            lock.unlock();
        }
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            finish(new TrainingOutcome(TrainerState.FAILED, 0, Double.NaN, Duration.ZERO, e));
        }
    }

    /** Pause after the step in progress. */
    public void pause() {
        lock.lock();
        try {
            if (!state.isTerminal()) {
                pauseRequested = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Leave the pause and run on. */
    public void resume() {
        lock.lock();
        try {
            pauseRequested = false;
            stepPermits = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** While paused: take exactly one more step, then stay paused. While running: pause after the current step. */
    public void stepOnce() {
        lock.lock();
        try {
            if (state == TrainerState.PAUSED || (pauseRequested && !state.isTerminal())) {
                stepPermits++;
                changed.signalAll();
            } else if (state == TrainerState.RUNNING || state == TrainerState.NEW) {
                pauseRequested = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stop after the step in progress (a paused run stops at once). */
    public void cancel() {
        lock.lock();
        try {
            cancelRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Take a snapshot at the next opportunity (between steps, or at once while paused). */
    public void requestSnapshot() {
        lock.lock();
        try {
            snapshotRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public TrainerState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Steps taken so far. */
    public int stepsDone() {
        lock.lock();
        try {
            return stepsDone;
        } finally {
            lock.unlock();
        }
    }

    public int totalSteps() {
        return task.totalSteps();
    }

    /** Completes when the run ends, however it ends (never exceptionally: a failure is an outcome). */
    public CompletableFuture<TrainingOutcome> completion() {
        return completion;
    }

    // ------------------------------------------------------------------ the training thread

    private void run() {
        int total = task.totalSteps();
        long active = 0;
        double lastLoss = Double.NaN;
        int done = 0;
        TrainerState end = TrainerState.FINISHED;
        Throwable error = null;
        int lastSnapshot = -1;
        try {
            notifyState(TrainerState.RUNNING);
            emitSnapshot(0);
            lastSnapshot = 0;
            for (int step = 1; step <= total; step++) {
                awaitTurn(done);
                if (cancelled()) {
                    end = TrainerState.CANCELLED;
                    break;
                }
                boolean single = consumeStepPermit();
                long t0 = clock.getAsLong();
                StepResult r = task.step(step);
                active += clock.getAsLong() - t0;
                if (!Double.isFinite(r.loss())) {
                    throw new ArithmeticException(task.name() + ": the loss became " + r.loss() + " at step " + step
                            + " (learning rate " + r.learningRate() + "); try a smaller learning rate");
                }
                done = step;
                lastLoss = r.loss();
                setStepsDone(step);
                if (step % options.progressEvery() == 0 || step == total || single) {
                    call(listener::onProgress, new TrainingProgress(step, total, r.loss(), r.learningRate(), r.gradientNorm(),
                            Duration.ofNanos(active), Duration.ofNanos(Math.round((double) active / step * (total - step)))));
                }
                if ((options.snapshotEvery() > 0 && step % options.snapshotEvery() == 0) || takeSnapshotRequest()) {
                    emitSnapshot(step);
                    lastSnapshot = step;
                }
            }
            if (lastSnapshot != done) {
                emitSnapshot(done);
            }
        } catch (Throwable t) {
            end = TrainerState.FAILED;
            error = t;
            LOG.log(Level.WARNING, "training " + task.name() + " failed", t);
        }
        finish(new TrainingOutcome(end, done, lastLoss, Duration.ofNanos(active), error));
    }

    /** Blocks while paused without a single-step permit (answering snapshot requests meanwhile). */
    private void awaitTurn(int done) throws InterruptedException {
        lock.lock();
        try {
            while (pauseRequested && stepPermits == 0 && !cancelRequested) {
                if (state != TrainerState.PAUSED) {
                    state = TrainerState.PAUSED;
                    unlockedNotify(TrainerState.PAUSED);
                    continue; // the lock was let go while reporting: a step, resume or cancel may have come meanwhile
                }
                if (snapshotRequested) {
                    snapshotRequested = false;
                    lock.unlock();
                    try {
                        emitSnapshot(done);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                changed.await();
            }
            if (!pauseRequested && state == TrainerState.PAUSED) {
                state = TrainerState.RUNNING;
                unlockedNotify(TrainerState.RUNNING);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Consumes a single-step permit if this step is one; reports whether it is. */
    private boolean consumeStepPermit() {
        lock.lock();
        try {
            if (pauseRequested && stepPermits > 0) {
                stepPermits--;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Calls the listener about a state change without holding the lock. */
    private void unlockedNotify(TrainerState s) {
        lock.unlock();
        try {
            notifyState(s);
        } finally {
            lock.lock();
        }
    }

    private boolean cancelled() {
        lock.lock();
        try {
            return cancelRequested;
        } finally {
            lock.unlock();
        }
    }

    private boolean takeSnapshotRequest() {
        lock.lock();
        try {
            boolean r = snapshotRequested;
            snapshotRequested = false;
            return r;
        } finally {
            lock.unlock();
        }
    }

    private void setStepsDone(int n) {
        lock.lock();
        try {
            stepsDone = n;
        } finally {
            lock.unlock();
        }
    }

    private void emitSnapshot(int step) {
        call(listener::onSnapshot, task.snapshot(step));
    }

    private void notifyState(TrainerState s) {
        call(listener::onStateChanged, s);
    }

    private void finish(TrainingOutcome outcome) {
        lock.lock();
        try {
            state = outcome.state();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifyState(outcome.state());
        call(listener::onFinished, outcome);
        completion.complete(outcome);
    }

    private <T> void call(java.util.function.Consumer<T> callback, T value) {
        try {
            callback.accept(value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a training listener threw; training goes on", e);
        }
    }
}

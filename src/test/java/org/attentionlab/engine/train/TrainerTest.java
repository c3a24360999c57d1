package org.attentionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The training loop's control: pause, resume, single steps, cancel, snapshots, progress with
 * elapsed time and ETA, failures. A fake task stands in for a model; a gate lets the test decide
 * when each step may finish, so nothing depends on timing.
 */
class TrainerTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Loss 1/step; each step waits for a permit from the test (or runs freely when {@code gated} is false). */
    static final class FakeTask implements TrainingTask {
        final int total;
        final boolean gated;
        final Semaphore gate = new Semaphore(0);
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        final List<Integer> steps = new CopyOnWriteArrayList<>();
        final List<Integer> snapshots = new CopyOnWriteArrayList<>();
        final AtomicLong clock;
        int nanStep = -1;

        FakeTask(int total, boolean gated, AtomicLong clock) {
            this.total = total;
            this.gated = gated;
            this.clock = clock;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int totalSteps() {
            return total;
        }

        @Override
        public StepResult step(int step) {
            started.incrementAndGet();
            if (gated) {
                gate.acquireUninterruptibly();
            }
            clock.addAndGet(1_000_000_000L); // every step takes one (fake) second
            steps.add(step);
            return new StepResult(step == nanStep ? Double.NaN : 1.0 / step, 0.01, 2.0);
        }

        @Override
        public TrainingSnapshot snapshot(int step) {
            snapshots.add(step);
            return new TrainingSnapshot(step, List.of(), List.of(), List.of());
        }
    }

    /** Records everything the trainer reports. */
    static final class Recorder implements TrainingListener {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final List<TrainingProgress> progress = new CopyOnWriteArrayList<>();
        final List<TrainerState> states = new CopyOnWriteArrayList<>();

        @Override
        public void onStateChanged(TrainerState state) {
            states.add(state);
            events.add(state);
        }

        @Override
        public void onProgress(TrainingProgress p) {
            progress.add(p);
            events.add(p);
        }

        @Override
        public void onSnapshot(TrainingSnapshot s) {
            events.add(s);
        }

        /** Waits for the state {@code s} to be reported. */
        void awaitState(TrainerState s) throws InterruptedException {
            while (true) {
                Object e = events.poll(10, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("the trainer never reported " + s + "; states so far " + states);
                }
                if (e == s) {
                    return;
                }
            }
        }
    }

    @Test
    void runsEveryStepReportsProgressWithElapsedAndEtaAndSnapshotsAtBothEnds() {
        AtomicLong clock = new AtomicLong();
        FakeTask task = new FakeTask(10, false, clock);
        Recorder rec = new Recorder();
        Trainer t = new Trainer(task, new TrainerOptions(3, 4, false), rec, clock::get);
        t.start(Runnable::run);
        TrainingOutcome out = t.completion().join();
        assertEquals(TrainerState.FINISHED, out.state());
        assertEquals(10, out.steps());
        assertEquals(0.1, out.lastLoss(), 1e-15);
        assertEquals(Duration.ofSeconds(10), out.elapsed());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), task.steps);
        assertEquals(List.of(0, 4, 8, 10), task.snapshots, "before training, every 4 steps, after the last");
        assertEquals(List.of(3, 6, 9, 10), rec.progress.stream().map(TrainingProgress::step).toList());
        TrainingProgress p = rec.progress.get(1);
        assertEquals(Duration.ofSeconds(6), p.elapsed());
        assertEquals(Duration.ofSeconds(4), p.eta(), "4 steps left at 1 s each");
        assertEquals(0.6, p.fraction(), 1e-15);
        assertEquals(1.0 / 6, p.loss(), 1e-15);
        assertEquals(List.of(TrainerState.RUNNING, TrainerState.FINISHED), rec.states);
    }

    @Test
    void pauseResumeAndSingleSteps() throws Exception {
        AtomicLong clock = new AtomicLong();
        FakeTask task = new FakeTask(100, true, clock);
        Recorder rec = new Recorder();
        Trainer t = new Trainer(task, new TrainerOptions(1000, 0, true), rec, clock::get);
        t.start(executor);
        rec.awaitState(TrainerState.PAUSED);
        assertEquals(0, t.stepsDone(), "started paused: no step yet");
        // one step at a time while paused; each single step reports progress though progressEvery is 1000
        t.stepOnce();
        task.gate.release();
        awaitProgress(rec, 1);
        assertEquals(TrainerState.PAUSED, t.state());
        t.stepOnce();
        task.gate.release();
        awaitProgress(rec, 2);
        assertEquals(List.of(1, 2), task.steps);
        // snapshots may be asked for while paused
        t.requestSnapshot();
        waitUntil(() -> task.snapshots.size() == 2);
        assertEquals(List.of(0, 2), task.snapshots);
        // resume runs on; pause stops after the step in progress
        t.resume();
        task.gate.release(3);
        waitUntil(() -> task.started.get() == 6);
        t.pause();
        task.gate.release();
        rec.awaitState(TrainerState.PAUSED);
        assertEquals(6, t.stepsDone());
        t.cancel();
        TrainingOutcome out = t.completion().get(10, TimeUnit.SECONDS);
        assertEquals(TrainerState.CANCELLED, out.state());
        assertEquals(6, out.steps());
        assertEquals(List.of(0, 2, 6), task.snapshots, "a cancelled run still ends with a snapshot of where it stopped");
    }

    @Test
    void cancelWhileRunningStopsAfterTheStepInProgress() throws Exception {
        FakeTask task = new FakeTask(100, true, new AtomicLong());
        Trainer t = new Trainer(task, TrainerOptions.defaults(), new Recorder());
        t.start(executor);
        waitUntil(() -> task.started.get() == 1);
        t.cancel();
        task.gate.release(100);
        TrainingOutcome out = t.completion().get(10, TimeUnit.SECONDS);
        assertEquals(TrainerState.CANCELLED, out.state());
        assertEquals(1, out.steps());
    }

    @Test
    void aLossThatIsNotANumberFailsTheRunNamingTheStep() {
        FakeTask task = new FakeTask(10, false, new AtomicLong());
        task.nanStep = 3;
        Trainer t = new Trainer(task, TrainerOptions.defaults(), new Recorder());
        t.start(Runnable::run);
        TrainingOutcome out = t.completion().join();
        assertEquals(TrainerState.FAILED, out.state());
        assertEquals(2, out.steps());
        assertEquals("fake: the loss became NaN at step 3 (learning rate 0.01); try a smaller learning rate",
                out.error().getMessage());
    }

    @Test
    void aThrowingListenerDoesNotStopTraining() {
        FakeTask task = new FakeTask(5, false, new AtomicLong());
        Trainer t = new Trainer(task, TrainerOptions.defaults(), new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress progress) {
                throw new IllegalStateException("a view that is broken");
            }
        });
        t.start(Runnable::run);
        assertEquals(TrainerState.FINISHED, t.completion().join().state());
        assertEquals(5, task.steps.size());
    }

    @Test
    void startsOnce() {
        Trainer t = new Trainer(new FakeTask(1, false, new AtomicLong()), TrainerOptions.defaults(), new Recorder());
        t.start(Runnable::run);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.start(Runnable::run));
        assertEquals("this trainer was already started (it is FINISHED)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainerOptions(0, 0, false));
    }

    private static void awaitProgress(Recorder rec, int step) throws InterruptedException {
        waitUntil(() -> rec.progress.stream().anyMatch(p -> p.step() == step));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting");
            Thread.sleep(2);
        }
    }
}

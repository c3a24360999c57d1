package org.attentionlab.ui.training;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.NamedMatrix;
import org.attentionlab.engine.train.StepResult;
import org.attentionlab.engine.train.Trainer;
import org.attentionlab.engine.train.TrainerOptions;
import org.attentionlab.engine.train.TrainerState;
import org.attentionlab.engine.train.TrainingListener;
import org.attentionlab.engine.train.TrainingOutcome;
import org.attentionlab.engine.train.TrainingProgress;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.attentionlab.engine.train.TrainingTask;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel;

/**
 * The training view's state: which experiment, its seed, learning rate and steps; a run that
 * can start, pause, resume, take one step and be cancelled; the loss and learning-rate curves;
 * the probe's attention as it learns; for the small models every parameter with its gradient,
 * and for the notebook's SimpleAttention W_Q, W_K, W_V before, after and their difference.
 *
 * <p>Threads: training runs on its own thread ({@code trainingThread}, not the engine thread of
 * the other views), driven by the engine's {@link Trainer}. Its reports are collected there and
 * handed to the FX thread in batches: at most one flush is pending at a time, and while steps
 * race by at most one every {@value #MIN_FLUSH_MILLIS} ms, so the FX thread redraws a few times
 * a second however fast training goes. State changes and the end of a run are always flushed.
 *
 * <p>Lessons: {@link #applyState} builds the run of the state's settings and takes its
 * {@code trained} first steps at once on the training thread (the curve, the model before and
 * after), then waits; Start continues from there. Everything is seeded, so a step shows the same
 * numbers every time. A newer request supersedes an older one: its results are dropped.
 */
public final class TrainingViewModel {

    /** Where the view's run is. */
    public enum Phase {
        /** Nothing running: the model of the settings is shown, Start trains it. */
        READY,
        RUNNING,
        PAUSED,
        FINISHED,
        CANCELLED,
        FAILED;

        /** Running or paused: a run holds the training thread. */
        public boolean isActive() {
            return this == RUNNING || this == PAUSED;
        }

        /** The message key of its name. */
        public String messageKey() {
            return "training.phase." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which attention of the encoder-decoders' probe sentence is shown. */
    public enum Probe {
        CROSS(AttentionKind.CROSS), ENCODER_SELF(AttentionKind.ENCODER_SELF), DECODER_SELF(AttentionKind.DECODER_SELF);

        private final AttentionKind kind;

        Probe(AttentionKind kind) {
            this.kind = kind;
        }

        public AttentionKind kind() {
            return kind;
        }

        /** As lessons write it: cross, encoder-self, decoder-self. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Probe of(String id) {
            for (Probe p : values()) {
                if (p.id().equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no attention '" + id + "'");
        }

        /** The probe choice of an encoder-decoder map's kind. */
        public static Probe of(AttentionKind kind) {
            for (Probe p : values()) {
                if (p.kind == kind) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no probe choice shows " + kind);
        }

        public String messageKey() {
            return "training.probe." + id();
        }
    }

    /**
     * A parameter of the notebook's model before and after training.
     *
     * @param before     at step 0
     * @param after      at the step shown
     * @param difference after − before
     */
    public record Change(Matrix before, Matrix after, Matrix difference) {
    }

    /** The parameters whose change the notebook prints. */
    public static final List<String> PROJECTIONS = List.of("W_Q", "W_K", "W_V");
    static final long MIN_FLUSH_MILLIS = 50;

    private final UiExecutors executors;
    private final Executor trainingThread;
    private final LongSupplier clock;

    // ---- inputs
    private final ObjectProperty<Experiment> experiment = new SimpleObjectProperty<>(this, "experiment", Experiment.SIMPLE_ATTENTION);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", Experiment.SIMPLE_ATTENTION.defaultSeed());
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate",
            Experiment.SIMPLE_ATTENTION.defaultLearningRate());
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", Experiment.SIMPLE_ATTENTION.defaultSteps());
    private final ObjectProperty<Probe> probe = new SimpleObjectProperty<>(this, "probe", Probe.CROSS);
    /** The layer shown, −1 for the last. */
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    /** The parameter shown with its gradient, null for the first. */
    private final StringProperty parameter = new SimpleStringProperty(this, "parameter");

    // ---- what is shown
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.READY);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyIntegerWrapper stepsDone = new ReadOnlyIntegerWrapper(this, "stepsDone", 0);
    private final ReadOnlyIntegerWrapper totalSteps = new ReadOnlyIntegerWrapper(this, "totalSteps", 0);
    private final ReadOnlyDoubleWrapper lastLoss = new ReadOnlyDoubleWrapper(this, "lastLoss", Double.NaN);
    private final ReadOnlyDoubleWrapper lastRate = new ReadOnlyDoubleWrapper(this, "lastRate", Double.NaN);
    private final ReadOnlyObjectWrapper<Duration> elapsed = new ReadOnlyObjectWrapper<>(this, "elapsed", Duration.ZERO);
    private final ReadOnlyObjectWrapper<Duration> eta = new ReadOnlyObjectWrapper<>(this, "eta");
    private final ReadOnlyObjectWrapper<Curve> lossCurve = new ReadOnlyObjectWrapper<>(this, "lossCurve", Curve.EMPTY);
    private final ReadOnlyObjectWrapper<Curve> rateCurve = new ReadOnlyObjectWrapper<>(this, "rateCurve", Curve.EMPTY);
    private final ReadOnlyObjectWrapper<TrainingSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<TrainingSnapshot> before = new ReadOnlyObjectWrapper<>(this, "before");
    private final ReadOnlyObjectWrapper<TrainingSettings> shownSettings = new ReadOnlyObjectWrapper<>(this, "shownSettings");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    /** A choice of the lesson or the user that cannot be shown (a layer the model lacks). */
    private final ReadOnlyObjectWrapper<Message> choiceProblem = new ReadOnlyObjectWrapper<>(this, "choiceProblem");

    // ---- derived from the snapshot and the choices
    private final ReadOnlyObjectWrapper<List<AttentionMap>> maps = new ReadOnlyObjectWrapper<>(this, "maps", List.of());
    private final ReadOnlyObjectWrapper<List<AttentionMap>> mapsBefore = new ReadOnlyObjectWrapper<>(this, "mapsBefore", List.of());
    private final ReadOnlyObjectWrapper<Matrix> headMean = new ReadOnlyObjectWrapper<>(this, "headMean");
    private final ReadOnlyIntegerWrapper layers = new ReadOnlyIntegerWrapper(this, "layers", 0);
    private final ReadOnlyIntegerWrapper shownLayer = new ReadOnlyIntegerWrapper(this, "shownLayer", 0);
    private final ReadOnlyObjectWrapper<List<String>> parameterNames = new ReadOnlyObjectWrapper<>(this, "parameterNames", List.of());
    private final ReadOnlyObjectWrapper<String> shownParameter = new ReadOnlyObjectWrapper<>(this, "shownParameter");
    private final ReadOnlyObjectWrapper<Matrix> parameterValue = new ReadOnlyObjectWrapper<>(this, "parameterValue");
    private final ReadOnlyObjectWrapper<Matrix> parameterGradient = new ReadOnlyObjectWrapper<>(this, "parameterGradient");
    private final ReadOnlyObjectWrapper<Map<String, Change>> changes = new ReadOnlyObjectWrapper<>(this, "changes", Map.of());

    // ---- the curves, FX side
    private double[] xs = new double[64];
    private double[] losses = new double[64];
    private double[] rates = new double[64];
    private int points;
    private Duration elapsedBefore = Duration.ZERO;
    /** FX-side: whether the model shown can be continued by Start (a lesson's first steps). */
    private boolean continuable;
    private int suspended;
    private boolean activated;
    private int flushes;

    // ---- shared with the training thread
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<Trainer> current = new AtomicReference<>();
    private volatile boolean pauseWanted;
    private volatile boolean cancelWanted;
    /** Training thread only: the task a lesson state trained its first steps of. */
    private Prepared prepared;

    private record Prepared(TrainingSettings settings, TrainingTask task, int done) {
    }

    /** What the first steps of a lesson state (or a new choice of settings) gave. */
    private record PrepareResult(TrainingSettings settings, int done, double[] x, double[] loss, double[] rate,
                                 TrainingSnapshot before, TrainingSnapshot after, Duration elapsed) {
    }

    /**
     * @param executors      {@code fx} receives every result; {@code background} is not used (the engine thread is the other views')
     * @param trainingThread a single thread of its own for training (synchronous in tests)
     */
    public TrainingViewModel(UiExecutors executors, Executor trainingThread) {
        this(executors, trainingThread, System::nanoTime);
    }

    /** With an injected nanosecond clock (tests check the batching of reports with it). */
    TrainingViewModel(UiExecutors executors, Executor trainingThread, LongSupplier clock) {
        this.executors = Objects.requireNonNull(executors, "executors");
        this.trainingThread = Objects.requireNonNull(trainingThread, "trainingThread");
        this.clock = Objects.requireNonNull(clock, "clock");
        experiment.addListener((obs, old, now) -> {
            // another experiment starts from the settings it is known to train with
            batch(() -> {
                seed.set(now.defaultSeed());
                learningRate.set(now.defaultLearningRate());
                steps.set(now.defaultSteps());
            });
            settingsChanged();
        });
        seed.addListener(o -> settingsChanged());
        learningRate.addListener(o -> settingsChanged());
        steps.addListener(o -> settingsChanged());
        probe.addListener(o -> refreshDerived());
        layer.addListener(o -> refreshDerived());
        parameter.addListener(o -> refreshDerived());
        snapshot.addListener(o -> refreshDerived());
        before.addListener(o -> refreshDerived());
    }

    /** A single daemon thread for training, separate from the engine thread. */
    public static java.util.concurrent.ExecutorService newTrainingThread() {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "attention-lab-training");
            t.setDaemon(true);
            return t;
        });
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<Experiment> experimentProperty() {
        return experiment;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<Probe> probeProperty() {
        return probe;
    }

    /** The layer whose maps are shown; −1 (the default) for the last. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** The parameter shown with its gradient; null for the first. */
    public StringProperty parameterProperty() {
        return parameter;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** True while the model a lesson state asked for (or new settings) is being built and trained its first steps. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepsDoneProperty() {
        return stepsDone.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalStepsProperty() {
        return totalSteps.getReadOnlyProperty();
    }

    /** The loss of the last step shown (before that step's update), NaN before any step. */
    public ReadOnlyDoubleProperty lastLossProperty() {
        return lastLoss.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lastRateProperty() {
        return lastRate.getReadOnlyProperty();
    }

    /** Time spent training, pauses not counted. */
    public ReadOnlyObjectProperty<Duration> elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** The estimated time to the last step, null when unknown. */
    public ReadOnlyObjectProperty<Duration> etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Curve> lossCurveProperty() {
        return lossCurve.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Curve> rateCurveProperty() {
        return rateCurve.getReadOnlyProperty();
    }

    /** The latest snapshot shown. */
    public ReadOnlyObjectProperty<TrainingSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The model before training (step 0) of the run shown. */
    public ReadOnlyObjectProperty<TrainingSnapshot> beforeProperty() {
        return before.getReadOnlyProperty();
    }

    /** The settings of the model shown. */
    public ReadOnlyObjectProperty<TrainingSettings> shownSettingsProperty() {
        return shownSettings.getReadOnlyProperty();
    }

    /** Something to tell the user that is not an error (a second Start is refused). */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Why the run failed or could not be built. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A layer or parameter that cannot be shown (the nearest one is shown instead). */
    public ReadOnlyObjectProperty<Message> choiceProblemProperty() {
        return choiceProblem.getReadOnlyProperty();
    }

    /** The probe's maps shown: the heads of the layer shown (encoder-decoders), or one per sample (SimpleAttention). */
    public ReadOnlyObjectProperty<List<AttentionMap>> mapsProperty() {
        return maps.getReadOnlyProperty();
    }

    /** The same maps before training. */
    public ReadOnlyObjectProperty<List<AttentionMap>> mapsBeforeProperty() {
        return mapsBefore.getReadOnlyProperty();
    }

    /** The mean of the heads shown (encoder-decoders), null for SimpleAttention. */
    public ReadOnlyObjectProperty<Matrix> headMeanProperty() {
        return headMean.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty layersProperty() {
        return layers.getReadOnlyProperty();
    }

    /** The layer actually shown (the last when {@link #layerProperty()} is −1). */
    public ReadOnlyIntegerProperty shownLayerProperty() {
        return shownLayer.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<String>> parameterNamesProperty() {
        return parameterNames.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> shownParameterProperty() {
        return shownParameter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Matrix> parameterValueProperty() {
        return parameterValue.getReadOnlyProperty();
    }

    /** ∂L/∂θ of the parameter shown, at the parameters shown: the direction the next step follows (downhill is minus it). */
    public ReadOnlyObjectProperty<Matrix> parameterGradientProperty() {
        return parameterGradient.getReadOnlyProperty();
    }

    /** W_Q, W_K, W_V before, after and their difference (SimpleAttention only; empty otherwise). */
    public ReadOnlyObjectProperty<Map<String, Change>> changesProperty() {
        return changes.getReadOnlyProperty();
    }

    /** How many batches of reports reached the FX thread (tests check the batching). */
    int flushes() {
        return flushes;
    }

    public TrainingSettings settings() {
        return new TrainingSettings(experiment.get(), seed.get(), learningRate.get(), steps.get());
    }

    // ------------------------------------------------------------------ commands

    /** Shows the untrained model of the current settings, once (the view calls it when first shown). */
    public void activate() {
        if (!activated) {
            activated = true;
            if (snapshot.get() == null && !busy.get()) {
                prepare(0);
            }
        }
    }

    /**
     * Starts training: continues the model shown when a lesson trained its first steps and the
     * settings are unchanged, otherwise trains the settings from step 0. Refused, with a notice,
     * while a run is running or paused.
     *
     * @return whether a run was started
     */
    public boolean start() {
        return start(false);
    }

    private boolean start(boolean pauseAfterFirst) {
        if (phase.get().isActive()) {
            notice.set(Message.of("training.notice.alreadyRunning"));
            return false;
        }
        activated = true;
        TrainingSettings s = settings();
        boolean cont = continuable && phase.get() == Phase.READY && s.equals(shownSettings.get()) && stepsDone.get() < s.steps();
        int from = cont ? stepsDone.get() : 0;
        long gen = generation.incrementAndGet();
        if (!cont) {
            clearCurves();
            stepsDone.set(0);
            elapsedBefore = Duration.ZERO;
        }
        continuable = false;
        busy.set(false); // a lesson's first steps still on their way are superseded
        totalSteps.set(s.steps());
        shownSettings.set(s);
        notice.set(null);
        error.set(null);
        eta.set(null);
        pauseWanted = false;
        cancelWanted = false;
        phase.set(Phase.RUNNING);
        trainingThread.execute(() -> run(gen, s, from, pauseAfterFirst));
        return true;
    }

    /** Pause after the step in progress. */
    public void pause() {
        if (phase.get() == Phase.RUNNING) {
            pauseWanted = true;
            Trainer t = current.get();
            if (t != null) {
                t.pause();
            }
        }
    }

    /** Run on after a pause. */
    public void resume() {
        if (phase.get() == Phase.PAUSED) {
            pauseWanted = false;
            Trainer t = current.get();
            if (t != null) {
                t.resume();
            }
        }
    }

    /** One step: while paused, exactly one more; while running, pause after this one; otherwise start a run that pauses after its first. */
    public void stepOnce() {
        if (phase.get().isActive()) {
            Trainer t = current.get();
            if (t != null) {
                t.stepOnce();
            } else {
                pauseWanted = true;
            }
        } else {
            start(true);
        }
    }

    /** Stop after the step in progress; what was learnt so far stays on screen. */
    public void cancel() {
        if (phase.get().isActive()) {
            cancelWanted = true;
            Trainer t = current.get();
            if (t != null) {
                t.cancel();
            }
        }
    }

    /** The window closes: stop training now and drop whatever is still on its way. */
    public void shutdown() {
        generation.incrementAndGet();
        stopCurrent();
        busy.set(false);
    }

    /** Clears the notice (the view's close button). */
    public void dismissNotice() {
        notice.set(null);
    }

    private void stopCurrent() {
        cancelWanted = true;
        Trainer t = current.get();
        if (t != null) {
            t.cancel();
        }
    }

    // ------------------------------------------------------------------ lessons

    /**
     * Shows a lesson step's complete {@code training} state (absent keys: defaults): builds the
     * run of its settings and takes its {@code trained} first steps on the training thread. A
     * running run is cancelled first. Values of the right type that cannot be shown (more steps
     * trained than the run has, a layer the model lacks) go to the error display.
     */
    public void applyState(StateMap state) {
        Experiment e = state.text("experiment").map(Experiment::of).orElse(Experiment.SIMPLE_ATTENTION);
        int trained = state.integer("trained").map(Long::intValue).orElse(0);
        batch(() -> {
            experiment.set(e);
            seed.set(state.integer("seed").orElse(e.defaultSeed()));
            learningRate.set(state.number("learningRate").orElse(e.defaultLearningRate()));
            steps.set(state.integer("steps").map(Long::intValue).orElse(e.defaultSteps()));
            probe.set(state.text("attention").map(Probe::of).orElse(Probe.CROSS));
            layer.set(state.integer("layer").map(Long::intValue).orElse(-1));
            parameter.set(state.text("parameter").orElse(null));
        });
        activated = true;
        Message problem = null;
        if (trained > steps.get()) {
            problem = Message.of("training.error.trainedTooMany", trained, steps.get());
            trained = steps.get();
        }
        prepare(trained);
        error.set(problem);
    }

    private void batch(Runnable changes) {
        suspended++;
        try {
            changes.run();
        } finally {
            suspended--;
        }
    }

    private void settingsChanged() {
        if (suspended > 0) {
            return; // the batch's owner prepares the model once at its end
        }
        if (activated && !phase.get().isActive()) {
            prepare(0);
        }
    }

    /** Builds the run of the current settings and takes its first {@code trained} steps, on the training thread. */
    private void prepare(int trained) {
        long gen = generation.incrementAndGet();
        stopCurrent();
        TrainingSettings s = settings();
        busy.set(true);
        error.set(null);
        notice.set(null);
        if (phase.get().isActive()) {
            phase.set(Phase.READY); // the run's last reports are dropped; the new model replaces it
        }
        trainingThread.execute(() -> {
            if (generation.get() != gen) {
                return; // superseded before it started
            }
            PrepareResult r;
            try {
                r = firstSteps(gen, s, trained);
            } catch (RuntimeException ex) {
                executors.fx().execute(() -> {
                    if (generation.get() == gen) {
                        busy.set(false);
                        failed(ex, s);
                    }
                });
                return;
            }
            if (r == null) {
                return; // superseded while training
            }
            executors.fx().execute(() -> {
                if (generation.get() == gen) {
                    showPrepared(r);
                }
            });
        });
    }

    /** Training thread: a fresh task of {@code s}, stepped {@code trained} times; null when superseded meanwhile. */
    private PrepareResult firstSteps(long gen, TrainingSettings s, int trained) {
        prepared = null;
        TrainingTask task = TrainingTasks.create(s);
        TrainingSnapshot first = task.snapshot(0);
        double[] x = new double[trained];
        double[] loss = new double[trained];
        double[] rate = new double[trained];
        long t0 = clock.getAsLong();
        for (int i = 1; i <= trained; i++) {
            if (generation.get() != gen) {
                return null;
            }
            StepResult r = task.step(i);
            if (!Double.isFinite(r.loss())) {
                throw new ArithmeticException(task.name() + ": the loss became " + r.loss() + " at step " + i
                        + " (learning rate " + r.learningRate() + "); try a smaller learning rate");
            }
            x[i - 1] = i;
            loss[i - 1] = r.loss();
            rate[i - 1] = r.learningRate();
        }
        Duration took = Duration.ofNanos(Math.max(0, clock.getAsLong() - t0));
        TrainingSnapshot last = trained == 0 ? first : task.snapshot(trained);
        prepared = new Prepared(s, task, trained);
        return new PrepareResult(s, trained, x, loss, rate, first, last, took);
    }

    private void showPrepared(PrepareResult r) {
        busy.set(false);
        clearCurves();
        for (int i = 0; i < r.x().length; i++) {
            append(r.x()[i], r.loss()[i], r.rate()[i]);
        }
        publishCurves();
        stepsDone.set(r.done());
        totalSteps.set(r.settings().steps());
        lastLoss.set(r.done() == 0 ? Double.NaN : r.loss()[r.done() - 1]);
        lastRate.set(r.done() == 0 ? Double.NaN : r.rate()[r.done() - 1]);
        elapsedBefore = r.elapsed();
        elapsed.set(r.elapsed());
        eta.set(null);
        shownSettings.set(r.settings());
        continuable = r.done() < r.settings().steps();
        phase.set(continuable ? Phase.READY : Phase.FINISHED);
        before.set(r.before());
        snapshot.set(r.after());
    }

    private void failed(RuntimeException ex, TrainingSettings s) {
        if (ex instanceof TrainingTasks.MissingCorpusException m) {
            error.set(Message.of("training.error.noCorpus", m.file, m.lookedIn));
        } else if (ex instanceof ArithmeticException) {
            error.set(Message.of("training.error.notFinite", ex.getMessage()));
        } else {
            error.set(Message.of("training.error.failed", s.experiment().id(), String.valueOf(ex.getMessage())));
        }
        phase.set(Phase.FAILED);
    }

    // ------------------------------------------------------------------ a run, on the training thread

    private void run(long gen, TrainingSettings s, int from, boolean pauseAfterFirst) {
        if (generation.get() != gen) {
            return;
        }
        Batch box = new Batch(gen, from, s);
        Trainer trainer;
        try {
            TrainingTask task;
            Prepared p = prepared;
            prepared = null;
            if (from > 0 && p != null && p.settings().equals(s) && p.done() == from) {
                task = p.task();
            } else {
                task = TrainingTasks.create(s);
                box.restarted = from > 0; // the prepared model is gone: the curve starts again
                box.offset = 0;
            }
            trainer = new Trainer(TrainingTasks.continuing(task, box.offset),
                    new TrainerOptions(1, s.experiment().snapshotEvery(), false), new Listener(box, pauseAfterFirst));
        } catch (RuntimeException ex) {
            executors.fx().execute(() -> {
                if (generation.get() == gen) {
                    failed(ex, s);
                }
            });
            return;
        }
        box.trainer = trainer;
        current.set(trainer);
        if (cancelWanted || generation.get() != gen) {
            trainer.cancel();
        }
        if (pauseWanted) {
            trainer.pause();
        }
        try {
            trainer.start(Runnable::run);
        } finally {
            current.compareAndSet(trainer, null);
        }
    }

    /** One progress report, the step already shifted past the lesson's first steps. */
    private record Point(int step, double loss, double rate, Duration elapsed, Duration eta) {
    }

    /** Reports of one run waiting for the FX thread. */
    private static final class Batch {
        final long generation;
        final TrainingSettings settings;
        volatile int offset;
        volatile boolean restarted;
        volatile Trainer trainer;
        final ConcurrentLinkedQueue<Point> points = new ConcurrentLinkedQueue<>();
        final AtomicReference<TrainingSnapshot> snapshot = new AtomicReference<>();
        final AtomicReference<TrainingSnapshot> first = new AtomicReference<>();
        final AtomicReference<TrainerState> state = new AtomicReference<>();
        final AtomicReference<TrainingOutcome> outcome = new AtomicReference<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile long lastPost = Long.MIN_VALUE / 2;

        Batch(long generation, int offset, TrainingSettings settings) {
            this.generation = generation;
            this.offset = offset;
            this.settings = settings;
        }
    }

    private final class Listener implements TrainingListener {
        private final Batch box;
        private boolean pauseAfterFirst;

        Listener(Batch box, boolean pauseAfterFirst) {
            this.box = box;
            this.pauseAfterFirst = pauseAfterFirst;
        }

        @Override
        public void onStateChanged(TrainerState state) {
            box.state.set(state);
            post(box, true);
        }

        @Override
        public void onProgress(TrainingProgress p) {
            box.points.add(new Point(p.step() + box.offset, p.loss(), p.learningRate(), p.elapsed(), p.eta()));
            if (pauseAfterFirst) {
                pauseAfterFirst = false;
                box.trainer.pause();
            }
            post(box, false);
        }

        @Override
        public void onSnapshot(TrainingSnapshot s) {
            box.snapshot.set(s);
            if (s.step() == 0) {
                box.first.set(s);
            }
            post(box, false);
        }

        @Override
        public void onFinished(TrainingOutcome outcome) {
            box.outcome.set(outcome);
            post(box, true);
        }
    }

    /** Hands the batch to the FX thread unless a flush is pending, or (for mere progress) one left very recently. */
    private void post(Batch box, boolean force) {
        if (generation.get() != box.generation) {
            return;
        }
        long now = clock.getAsLong();
        if (!force && now - box.lastPost < MIN_FLUSH_MILLIS * 1_000_000L) {
            return; // a later report, a state change or the end brings it along
        }
        if (box.scheduled.compareAndSet(false, true)) {
            box.lastPost = now;
            executors.fx().execute(() -> flush(box));
        }
    }

    /** FX thread: everything the run reported since the last flush. */
    private void flush(Batch box) {
        box.scheduled.set(false);
        if (generation.get() != box.generation) {
            return;
        }
        flushes++;
        if (box.restarted) {
            box.restarted = false;
            clearCurves();
            elapsedBefore = Duration.ZERO;
        }
        Point last = null;
        for (Point p; (p = box.points.poll()) != null; ) {
            append(p.step(), p.loss(), p.rate());
            last = p;
        }
        if (last != null) {
            stepsDone.set(last.step());
            lastLoss.set(last.loss());
            lastRate.set(last.rate());
            elapsed.set(elapsedBefore.plus(last.elapsed()));
            eta.set(last.eta());
            publishCurves();
        }
        TrainingSnapshot first = box.first.getAndSet(null);
        if (first != null) {
            before.set(first);
        }
        TrainingSnapshot s = box.snapshot.getAndSet(null);
        if (s != null) {
            snapshot.set(s);
        }
        TrainerState st = box.state.getAndSet(null);
        if (st != null && !st.isTerminal()) {
            phase.set(st == TrainerState.PAUSED ? Phase.PAUSED : Phase.RUNNING);
        }
        TrainingOutcome o = box.outcome.getAndSet(null);
        if (o != null) {
            finished(o, box.settings);
        }
    }

    private void finished(TrainingOutcome o, TrainingSettings s) {
        eta.set(null);
        switch (o.state()) {
            case FINISHED -> phase.set(Phase.FINISHED);
            case CANCELLED -> phase.set(Phase.CANCELLED);
            default -> {
                Throwable t = o.error();
                failed(t instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(t), t), s);
            }
        }
    }

    // ------------------------------------------------------------------ curves

    private void clearCurves() {
        points = 0;
        lastLoss.set(Double.NaN);
        lastRate.set(Double.NaN);
        lossCurve.set(Curve.EMPTY);
        rateCurve.set(Curve.EMPTY);
    }

    private void append(double x, double loss, double rate) {
        if (points == xs.length) {
            xs = Arrays.copyOf(xs, points * 2);
            losses = Arrays.copyOf(losses, points * 2);
            rates = Arrays.copyOf(rates, points * 2);
        }
        xs[points] = x;
        losses[points] = loss;
        rates[points] = rate;
        points++;
    }

    private void publishCurves() {
        lossCurve.set(Curve.of(xs, losses, points));
        rateCurve.set(Curve.of(xs, rates, points));
    }

    // ------------------------------------------------------------------ what the heatmaps show

    private void refreshDerived() {
        TrainingSnapshot s = snapshot.get();
        TrainingSnapshot b = before.get();
        Message problem = null;
        if (s == null) {
            maps.set(List.of());
            mapsBefore.set(List.of());
            headMean.set(null);
            layers.set(0);
            parameterNames.set(List.of());
            shownParameter.set(null);
            parameterValue.set(null);
            parameterGradient.set(null);
            changes.set(Map.of());
            choiceProblem.set(null);
            return;
        }
        boolean single = !s.attention(AttentionKind.SELF).isEmpty();
        AttentionKind kind = single ? AttentionKind.SELF : probe.get().kind();
        List<AttentionMap> all = s.attention(kind);
        int n = all.stream().mapToInt(AttentionMap::layer).max().orElse(-1) + 1;
        int l = layer.get() < 0 ? n - 1 : layer.get();
        if (l >= n && n > 0) {
            problem = Message.of("training.error.layer", l, n);
            l = n - 1;
        }
        int shown = Math.max(0, l);
        layers.set(n);
        shownLayer.set(shown);
        maps.set(all.stream().filter(m -> m.layer() == shown).toList());
        mapsBefore.set(b == null ? List.of() : b.attention(kind).stream().filter(m -> m.layer() == shown).toList());
        headMean.set(single || maps.get().isEmpty() ? null
                : CrossAttentionViewModel.headMean(maps.get().stream().map(AttentionMap::weights).toList()));

        List<String> names = s.parameters().stream().map(NamedMatrix::name).toList();
        parameterNames.set(names);
        String p = parameter.get();
        if (p != null && !names.contains(p)) {
            if (!names.isEmpty()) {
                problem = Message.of("training.error.parameter", p, names.get(0));
            }
            p = null;
        }
        if (p == null && !names.isEmpty()) {
            p = names.get(0);
        }
        shownParameter.set(p);
        String chosen = p;
        parameterValue.set(p == null ? null : s.parameter(chosen).orElse(null));
        parameterGradient.set(p == null ? null : s.gradient(chosen).orElse(null));

        Map<String, Change> ch = new LinkedHashMap<>();
        if (single && b != null) {
            for (String name : PROJECTIONS) {
                Matrix m0 = b.parameter(name).orElse(null);
                Matrix m1 = s.parameter(name).orElse(null);
                if (m0 != null && m1 != null) {
                    ch.put(name, new Change(m0, m1, difference(m1, m0)));
                }
            }
        }
        changes.set(java.util.Collections.unmodifiableMap(ch));
        choiceProblem.set(problem);
    }

    static Matrix difference(Matrix a, Matrix b) {
        double[][] d = a.toArray();
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] -= b.get(i, j);
            }
        }
        return Matrix.of(d);
    }
}

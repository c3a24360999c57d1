package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link Seq2SeqTransformer} as section 5 describes: teacher forcing on batches of
 * sentence pairs, label-smoothed cross-entropy (5.4), Adam with β₁ = 0.9, β₂ = 0.98, ε = 10⁻⁹ and
 * the warm-up/inverse-square-root learning rate (5.3), with gradient clipping by global norm.
 * No dropout: the runs are short and must be exactly reproducible.
 *
 * <p>Snapshots hold the attention of one fixed probe pair (teacher-forced): encoder
 * self-attention, decoder masked self-attention and cross-attention, per layer and head; and,
 * for small models, every parameter with ∂L/∂θ of the probe's loss at those parameters.
 * Everything runs on the training thread: call {@link #probeAttention()} there, or while no
 * trainer runs.
 */
public final class Seq2SeqTraining implements TrainingTask {

    /** Where batches come from; deterministic for a given seed. */
    @FunctionalInterface
    public interface Batches {
        Seq2SeqBatch next();
    }

    /**
     * @param steps          optimizer steps
     * @param peakRate       the schedule's largest learning rate, reached at the end of warm-up
     * @param warmup         warm-up steps
     * @param clipNorm       gradient clipping threshold (global norm)
     * @param labelSmoothing ε of section 5.4
     */
    public record Settings(int steps, double peakRate, int warmup, double clipNorm, double labelSmoothing) {
        public Settings {
            if (steps < 0) {
                throw new IllegalArgumentException("steps is " + steps + "; expected 0 or more");
            }
            if (!(peakRate > 0) || !Double.isFinite(peakRate)) {
                throw new IllegalArgumentException("learning rate is " + peakRate + "; expected a positive number");
            }
            if (warmup < 1) {
                throw new IllegalArgumentException("warm-up is " + warmup + " steps; expected at least 1");
            }
        }

        /** The paper's schedule with this peak: factor = peak·√(d_model·warmup). */
        public LearningRateSchedule schedule(int dModel) {
            return LearningRateSchedule.transformer(dModel, warmup, peakRate * Math.sqrt((double) dModel * warmup));
        }
    }

    /**
     * A fixed sentence pair whose attention the snapshots show.
     *
     * @param source       word ids
     * @param target       word ids
     * @param sourceTokens their spellings
     * @param targetTokens their spellings
     */
    public record Probe(int[] source, int[] target, List<String> sourceTokens, List<String> targetTokens) {
        public Probe {
            source = source.clone();
            target = target.clone();
            sourceTokens = List.copyOf(sourceTokens);
            targetTokens = List.copyOf(targetTokens);
            if (source.length != sourceTokens.size() || target.length != targetTokens.size()) {
                throw new IllegalArgumentException("a probe of " + source.length + " + " + target.length + " ids needs as many"
                        + " spellings, not " + sourceTokens.size() + " + " + targetTokens.size());
            }
        }

        @Override
        public int[] source() {
            return source.clone();
        }

        @Override
        public int[] target() {
            return target.clone();
        }
    }

    private final String name;
    private final Seq2SeqTransformer model;
    private final Batches batches;
    private final Settings settings;
    private final Probe probe;
    private final Adam adam;
    private final LearningRateSchedule schedule;
    private final boolean parametersInSnapshots;

    /** Snapshots without parameters (for models too large to show). */
    public Seq2SeqTraining(String name, Seq2SeqTransformer model, Batches batches, Settings settings, Probe probe) {
        this(name, model, batches, settings, probe, false);
    }

    /** @param parametersInSnapshots whether snapshots carry every parameter and its gradient on the probe */
    public Seq2SeqTraining(String name, Seq2SeqTransformer model, Batches batches, Settings settings, Probe probe,
                           boolean parametersInSnapshots) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = model;
        this.batches = batches;
        this.settings = settings;
        this.probe = probe;
        this.adam = Adam.paper(model.parameters());
        this.schedule = settings.schedule(model.config().model().dModel());
        this.parametersInSnapshots = parametersInSnapshots;
        model.setLabelSmoothing(settings.labelSmoothing());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int totalSteps() {
        return settings.steps();
    }

    public Seq2SeqTransformer model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public StepResult step(int step) {
        Seq2SeqBatch batch = batches.next();
        double rate = schedule.rate(step);
        return TrainingWorkspace.run("attention-lab.train", () -> {
            // 1. forward and loss, 2. backward, 3. clip, 4. Adam update
            model.parameters().zeroGrad();
            double loss = model.forwardLoss(batch);
            model.backward();
            double norm = GradientClipping.clipGlobalNorm(model.parameters(), settings.clipNorm());
            adam.step(rate);
            return new StepResult(loss, rate, norm);
        });
    }

    @Override
    public TrainingSnapshot snapshot(int step) {
        return TrainingWorkspace.run("attention-lab.probe", () -> {
            List<AttentionMap> maps = probe(true);
            List<NamedMatrix> values = new ArrayList<>();
            List<NamedMatrix> grads = new ArrayList<>();
            if (parametersInSnapshots) {
                for (Parameter p : model.parameters()) {
                    values.add(new NamedMatrix(p.name(), p.valueMatrix()));
                    grads.add(new NamedMatrix(p.name(), p.gradMatrix()));
                }
            }
            model.parameters().zeroGrad();
            return new TrainingSnapshot(step, maps, values, grads);
        });
    }

    /** The probe's attention maps now, teacher-forced with its reference target. */
    public List<AttentionMap> probeAttention() {
        return TrainingWorkspace.run("attention-lab.probe", () -> probe(false));
    }

    /** Runs the probe (and, with {@code gradients}, its backward pass) and reads the maps. */
    private List<AttentionMap> probe(boolean gradients) {
        return attentionOf(model, probe, gradients);
    }

    /**
     * Runs {@code model} teacher-forced on one sentence pair and returns its attention maps:
     * encoder self-attention (source × source, with {@code <eos>}), decoder masked
     * self-attention (decoder inputs × decoder inputs, from {@code <bos>}) and cross-attention
     * (rows labelled with the target word each position writes, then {@code <eos>}; columns the
     * source tokens), per layer and head. With {@code gradients} it also runs the backward pass,
     * leaving ∂L/∂θ of this pair in the parameters' gradients. Call inside a
     * {@link TrainingWorkspace} or not, but not while another thread uses the model.
     */
    static List<AttentionMap> attentionOf(Seq2SeqTransformer model, Probe probe, boolean gradients) {
        Seq2SeqBatch batch = Seq2SeqBatch.of(List.of(probe.source()), List.of(probe.target()));
        List<String> src = new ArrayList<>(probe.sourceTokens());
        src.add(Seq2SeqTransformer.SPECIAL_TOKENS.get(Seq2SeqTransformer.EOS));
        List<String> in = new ArrayList<>();
        in.add(Seq2SeqTransformer.SPECIAL_TOKENS.get(Seq2SeqTransformer.BOS));
        in.addAll(probe.targetTokens());
        List<String> out = new ArrayList<>(probe.targetTokens());
        out.add(Seq2SeqTransformer.SPECIAL_TOKENS.get(Seq2SeqTransformer.EOS));
        int s = src.size();
        int t = in.size();
        model.parameters().zeroGrad();
        model.forwardLoss(batch);
        if (gradients) {
            model.backward();
        }
        List<AttentionMap> maps = new ArrayList<>();
        add(maps, AttentionKind.ENCODER_SELF, model.encoderSelfAttention(0, s), src, src);
        add(maps, AttentionKind.DECODER_SELF, model.decoderSelfAttention(0, t), in, in);
        add(maps, AttentionKind.CROSS, model.crossAttention(0, t, s), out, src);
        return maps;
    }

    private static void add(List<AttentionMap> maps, AttentionKind kind, List<List<org.attentionlab.engine.trace.Matrix>> layers,
                            List<String> rows, List<String> cols) {
        for (int l = 0; l < layers.size(); l++) {
            for (int h = 0; h < layers.get(l).size(); h++) {
                maps.add(new AttentionMap(kind, l, h, 0, rows, cols, layers.get(l).get(h)));
            }
        }
    }
}

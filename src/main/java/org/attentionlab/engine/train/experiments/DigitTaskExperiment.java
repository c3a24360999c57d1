package org.attentionlab.engine.train.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.Seq2SeqBatch;
import org.attentionlab.engine.train.Seq2SeqCheckpoint;
import org.attentionlab.engine.train.Seq2SeqConfig;
import org.attentionlab.engine.train.Seq2SeqDecoder;
import org.attentionlab.engine.train.Seq2SeqTraining;
import org.attentionlab.engine.train.Seq2SeqTransformer;
import org.attentionlab.engine.train.TokenVocabulary;
import org.attentionlab.engine.train.Translator;

/**
 * Copy and reverse on short digit sequences with a one-layer encoder-decoder (section 3): the
 * smallest task where the cross-attention has to learn an alignment. To copy, output position i
 * must read source position i, so the cross-attention becomes a diagonal; to reverse, it becomes
 * an anti-diagonal. Sequences are drawn afresh for every batch from a seeded stream.
 *
 * <p>{@link #alignment} measures how far the pattern has formed: the share of output positions
 * whose cross-attention (averaged over heads) peaks at the source position the task needs.
 */
public final class DigitTaskExperiment {

    /** The sequence whose attention the snapshots show. */
    public static final int[] PROBE_DIGITS = {7, 2, 9, 4, 1, 5};

    /**
     * @param task      copy or reverse
     * @param seed      fixes the initial parameters and every batch
     * @param steps     optimizer steps
     * @param peakRate  the schedule's largest learning rate (section 5.3)
     * @param warmup    warm-up steps
     * @param batchSize sequences per step
     * @param minLength shortest sequence
     * @param maxLength longest sequence
     * @param dModel    d_model
     * @param heads     h
     * @param dFF       d_ff
     */
    public record Settings(DigitTask task, long seed, int steps, double peakRate, int warmup, int batchSize,
                           int minLength, int maxLength, int dModel, int heads, int dFF) {

        public Settings {
            if (minLength < 1 || maxLength < minLength || maxLength > 30) {
                throw new IllegalArgumentException("sequence lengths " + minLength + ".." + maxLength
                        + " are not allowed; expected 1 ≤ min ≤ max ≤ 30");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size is " + batchSize + "; expected at least 1");
            }
        }

        public static Settings defaults(DigitTask task) {
            return new Settings(task, 1, 600, 3e-3, 100, 32, 3, 8, 32, 2, 64);
        }

        public Settings withSeed(long value) {
            return new Settings(task, value, steps, peakRate, warmup, batchSize, minLength, maxLength, dModel, heads, dFF);
        }

        public Settings withSteps(int value) {
            return new Settings(task, seed, value, peakRate, warmup, batchSize, minLength, maxLength, dModel, heads, dFF);
        }

        public Settings withPeakRate(double value) {
            return new Settings(task, seed, steps, value, warmup, batchSize, minLength, maxLength, dModel, heads, dFF);
        }
    }

    private final Settings settings;
    private final TokenVocabulary digits;
    private final Seq2SeqTraining training;

    public DigitTaskExperiment(Settings settings) {
        this.settings = settings;
        this.digits = TokenVocabulary.build("digits", List.of("0 1 2 3 4 5 6 7 8 9"));
        ModelConfig m = ModelConfig.of(settings.dModel(), settings.heads()).withDFF(settings.dFF()).withLayers(1)
                .withActivation(Activation.RELU).withPrecision(Precision.FLOAT32);
        Seq2SeqTransformer model = Seq2SeqTransformer.init(
                new Seq2SeqConfig(m, digits.size(), digits.size(), settings.maxLength() + 1), settings.seed());
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + 29);
        Seq2SeqTraining.Batches batches = () -> {
            List<int[]> src = new ArrayList<>(settings.batchSize());
            List<int[]> tgt = new ArrayList<>(settings.batchSize());
            for (int i = 0; i < settings.batchSize(); i++) {
                int[] s = randomDigits(random);
                src.add(s);
                tgt.add(settings.task().target(s));
            }
            return Seq2SeqBatch.of(src, tgt);
        };
        int[] probe = ids(PROBE_DIGITS);
        int[] probeTarget = settings.task().target(probe);
        this.training = new Seq2SeqTraining(settings.task().id(), model, batches,
                new Seq2SeqTraining.Settings(settings.steps(), settings.peakRate(), settings.warmup(), 1.0, 0.0),
                new Seq2SeqTraining.Probe(probe, probeTarget, digits.decode(probe), digits.decode(probeTarget)), true);
    }

    private int[] randomDigits(SplittableRandom random) {
        int n = settings.minLength() + random.nextInt(settings.maxLength() - settings.minLength() + 1);
        int[] s = new int[n];
        for (int j = 0; j < n; j++) {
            s[j] = Seq2SeqTransformer.FIRST_WORD + random.nextInt(10);
        }
        return s;
    }

    /** Token ids of digits 0–9. */
    public int[] ids(int[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = digits.id(Integer.toString(values[i]));
        }
        return out;
    }

    public Seq2SeqTraining task() {
        return training;
    }

    public Settings settings() {
        return settings;
    }

    /** The model as a translator of digit strings ("3 1 4" → "3 1 4" or "4 1 3"). */
    public Translator translator() {
        return new Translator(training.model(), digits, digits);
    }

    /**
     * The share of output positions (the end token's row excluded) whose cross-attention,
     * averaged over the heads of the map's layer, peaks at the source position the task needs.
     * 1 is a perfect diagonal (copy) or anti-diagonal (reverse); an untrained model scores
     * about 1/n.
     */
    public static double alignment(List<AttentionMap> crossMapsOfOneLayer, DigitTask task) {
        if (crossMapsOfOneLayer.isEmpty()) {
            throw new IllegalArgumentException("no cross-attention maps given");
        }
        Matrix first = crossMapsOfOneLayer.get(0).weights();
        int rows = first.rows() - 1;
        int n = first.cols() - 1;
        double[][] mean = new double[first.rows()][first.cols()];
        for (AttentionMap m : crossMapsOfOneLayer) {
            if (m.kind() != AttentionKind.CROSS) {
                throw new IllegalArgumentException("alignment is measured on cross-attention maps, not " + m.kind());
            }
            for (int i = 0; i < mean.length; i++) {
                for (int j = 0; j < mean[i].length; j++) {
                    mean[i][j] += m.weights().get(i, j) / crossMapsOfOneLayer.size();
                }
            }
        }
        int hits = 0;
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int j = 1; j < mean[i].length; j++) {
                if (mean[i][j] > mean[i][best]) {
                    best = j;
                }
            }
            if (best == task.sourcePosition(i, n)) {
                hits++;
            }
        }
        return rows == 0 ? 1.0 : (double) hits / rows;
    }

    /** {@link #alignment} of the probe's layer-0 cross-attention now (training thread, or while no trainer runs). */
    public double probeAlignment() {
        return alignment(training.probeAttention().stream().filter(m -> m.kind() == AttentionKind.CROSS && m.layer() == 0).toList(),
                settings.task());
    }

    /** The share of {@code count} fresh random sequences (seeded) that greedy decoding gets exactly right. */
    public double sequenceAccuracy(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> src = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            src.add(randomDigits(random));
        }
        List<int[]> out = Seq2SeqDecoder.greedy(training.model(), src, settings.maxLength() + 1);
        int right = 0;
        for (int i = 0; i < count; i++) {
            if (java.util.Arrays.equals(out.get(i), settings.task().target(src.get(i)))) {
                right++;
            }
        }
        return (double) right / count;
    }

    /** Writes the model folder (the translator's format: {@code translate --model DIR --text "3 1 4"} works on it). */
    public void save(Path dir, int stepsDone) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("experiment", settings.task().id());
        info.put("seed", settings.seed());
        info.put("steps", stepsDone);
        info.put("batch_size", settings.batchSize());
        info.put("sequence_lengths", settings.minLength() + ".." + settings.maxLength());
        info.put("optimizer", "Adam(beta1=0.9, beta2=0.98, eps=1e-9)");
        info.put("schedule", "warm-up then inverse square root (section 5.3)");
        info.put("peak_learning_rate", settings.peakRate());
        info.put("warmup_steps", settings.warmup());
        info.put("precision", "float32");
        Seq2SeqCheckpoint.save(dir, training.model(), digits, digits, info);
    }
}

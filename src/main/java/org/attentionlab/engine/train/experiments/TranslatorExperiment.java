package org.attentionlab.engine.train.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.Seq2SeqCheckpoint;
import org.attentionlab.engine.train.Seq2SeqConfig;
import org.attentionlab.engine.train.Seq2SeqTraining;
import org.attentionlab.engine.train.Seq2SeqTransformer;
import org.attentionlab.engine.train.TokenVocabulary;
import org.attentionlab.engine.train.Translator;

/**
 * The tiny translator: an encoder-decoder Transformer (section 3) trained on the synthetic
 * English → French-like corpus of {@code assets/corpora/tiny-translation} (see
 * {@code tools/corpus/make_tiny_translation.py}). Two adjectives come after the noun in the
 * mirror order of English ("european economic area" → "zone économique européenne"), so a
 * trained model's cross-attention shows crossing alignments.
 *
 * <p>Everything is fixed by {@link Settings}: the vocabularies come from the training corpus
 * (by frequency), parameters and batch order from the seed; training runs in float32.
 */
public final class TranslatorExperiment {

    /** The sentence whose attention the training snapshots show: the lecture's example in a sentence. */
    public static final String PROBE = "the teacher visits the european economic area";

    /**
     * @param seed           fixes the initial parameters and the batch order
     * @param steps          optimizer steps
     * @param batchSize      sentence pairs per step
     * @param peakRate       the schedule's largest learning rate (section 5.3, reached after warm-up)
     * @param warmup         warm-up steps
     * @param clipNorm       gradient clipping threshold
     * @param labelSmoothing ε (section 5.4)
     * @param dModel         d_model
     * @param heads          h
     * @param dFF            d_ff
     * @param layers         N (encoder and decoder layers each)
     * @param maxLength      longest sentence + 1 (its start or end token)
     */
    public record Settings(long seed, int steps, int batchSize, double peakRate, int warmup, double clipNorm,
                           double labelSmoothing, int dModel, int heads, int dFF, int layers, int maxLength) {

        /** The shipped model's settings. */
        public static Settings defaults() {
            return new Settings(1, 3000, 32, 2e-3, 300, 1.0, 0.1, 64, 4, 256, 2, 24);
        }

        public Settings withSeed(long value) {
            return new Settings(value, steps, batchSize, peakRate, warmup, clipNorm, labelSmoothing, dModel, heads, dFF, layers, maxLength);
        }

        public Settings withSteps(int value) {
            return new Settings(seed, value, batchSize, peakRate, warmup, clipNorm, labelSmoothing, dModel, heads, dFF, layers, maxLength);
        }

        public Settings withPeakRate(double value) {
            return new Settings(seed, steps, batchSize, value, warmup, clipNorm, labelSmoothing, dModel, heads, dFF, layers, maxLength);
        }

        public Settings withModel(int d, int h, int ff, int n) {
            return new Settings(seed, steps, batchSize, peakRate, warmup, clipNorm, labelSmoothing, d, h, ff, n, maxLength);
        }

        public Settings withBatchSize(int value) {
            return new Settings(seed, steps, value, peakRate, warmup, clipNorm, labelSmoothing, dModel, heads, dFF, layers, maxLength);
        }

        public Settings withWarmup(int value) {
            return new Settings(seed, steps, batchSize, peakRate, value, clipNorm, labelSmoothing, dModel, heads, dFF, layers, maxLength);
        }
    }

    private final Settings settings;
    private final ParallelCorpus corpus;
    private final TokenVocabulary source;
    private final TokenVocabulary target;
    private final Seq2SeqTraining training;

    public TranslatorExperiment(ParallelCorpus corpus, Settings settings) {
        this.settings = settings;
        this.corpus = corpus;
        this.source = TokenVocabulary.build("source vocabulary", corpus.source());
        this.target = TokenVocabulary.build("target vocabulary", corpus.target());
        List<int[]> src = new ArrayList<>(corpus.size());
        List<int[]> tgt = new ArrayList<>(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            int[] s = source.encode(corpus.source().get(i));
            int[] t = target.encode(corpus.target().get(i));
            if (s.length + 1 > settings.maxLength() || t.length + 1 > settings.maxLength()) {
                throw new IllegalArgumentException("corpus line " + (i + 1) + " is longer than the model's maximum of "
                        + (settings.maxLength() - 1) + " words");
            }
            src.add(s);
            tgt.add(t);
        }
        ModelConfig m = ModelConfig.of(settings.dModel(), settings.heads()).withDFF(settings.dFF())
                .withLayers(settings.layers()).withActivation(Activation.RELU).withPrecision(Precision.FLOAT32);
        Seq2SeqTransformer model = Seq2SeqTransformer.init(
                new Seq2SeqConfig(m, source.size(), target.size(), settings.maxLength()), settings.seed());
        // the batch stream gets its own seed so that changing the model size keeps the data order
        EpochBatches batches = new EpochBatches(src, tgt, settings.batchSize(), settings.seed() * 1_000_003L + 17);
        List<String> probeWords = ParallelCorpus.words(PROBE);
        String probeTarget = "le professeur visite la zone économique européenne";
        Seq2SeqTraining.Probe probe = new Seq2SeqTraining.Probe(source.encode(probeWords), target.encode(probeTarget),
                probeWords, ParallelCorpus.words(probeTarget));
        this.training = new Seq2SeqTraining("translator", model,
                batches, new Seq2SeqTraining.Settings(settings.steps(), settings.peakRate(), settings.warmup(),
                        settings.clipNorm(), settings.labelSmoothing()), probe);
    }

    /** The training task to hand to a {@link org.attentionlab.engine.train.Trainer}. */
    public Seq2SeqTraining task() {
        return training;
    }

    public Settings settings() {
        return settings;
    }

    /** The model in its current state, with the vocabularies, as a translator. */
    public Translator translator() {
        return new Translator(training.model(), source, target);
    }

    /** Writes the model folder (see {@link Seq2SeqCheckpoint}); the same run gives the same bytes. */
    public void save(Path dir, int stepsDone) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("experiment", "translator");
        info.put("command", "train translator --seed " + settings.seed() + " --steps " + settings.steps()
                + " --lr " + settings.peakRate());
        info.put("corpus", ParallelCorpus.SHIPPED_PATH + "/train.{en,fr}");
        info.put("corpus_pairs", corpus.size());
        info.put("seed", settings.seed());
        info.put("steps", stepsDone);
        info.put("batch_size", settings.batchSize());
        info.put("optimizer", "Adam(beta1=0.9, beta2=0.98, eps=1e-9)");
        info.put("schedule", "warm-up then inverse square root (section 5.3)");
        info.put("peak_learning_rate", settings.peakRate());
        info.put("warmup_steps", settings.warmup());
        info.put("clip_norm", settings.clipNorm());
        info.put("label_smoothing", settings.labelSmoothing());
        info.put("dropout", 0.0);
        info.put("precision", "float32");
        Seq2SeqCheckpoint.save(dir, training.model(), source, target, info);
    }
}

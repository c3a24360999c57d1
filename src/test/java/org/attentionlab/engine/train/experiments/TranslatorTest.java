package org.attentionlab.engine.train.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.Decoding;
import org.attentionlab.engine.train.DecodingStep;
import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.Sampling;
import org.attentionlab.engine.train.Seq2SeqTransformer;
import org.attentionlab.engine.train.Trainer;
import org.attentionlab.engine.train.TrainerOptions;
import org.attentionlab.engine.train.TrainingListener;
import org.attentionlab.engine.train.TrainingProgress;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.attentionlab.engine.train.Translator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tiny translator: the corpus, a short seeded training run, and the shipped model (its
 * held-out BLEU, its crossing cross-attention, its step-by-step decoding).
 */
class TranslatorTest {

    static ParallelCorpus train;
    static ParallelCorpus test;
    static Translator shipped;

    @BeforeAll
    static void load() throws IOException {
        Path corpus = Path.of(ParallelCorpus.SHIPPED_PATH);
        train = ParallelCorpus.load(corpus, "train");
        test = ParallelCorpus.load(corpus, "test");
        shipped = Translator.load(Path.of(Translator.SHIPPED_PATH));
    }

    @Test
    void theCorpusIsSplitCleanlyAndFitsTheModel() {
        assertEquals(6000, train.size());
        assertEquals(500, test.size());
        Set<String> seen = new HashSet<>(train.source());
        assertEquals(6000, seen.size(), "no duplicate training sentences");
        for (String s : test.source()) {
            assertFalse(seen.contains(s), "held-out sentence in the training set: " + s);
        }
        assertEquals(TranslatorExperiment.PROBE, test.source().get(0), "the lecture's example is held out");
        for (String s : test.source()) {
            for (String w : ParallelCorpus.words(s)) {
                assertTrue(shipped.sourceVocabulary().contains(w), "held-out word missing from the training vocabulary: " + w);
            }
        }
        int longest = 0;
        for (String s : train.target()) {
            longest = Math.max(longest, ParallelCorpus.words(s).size());
        }
        assertTrue(longest < shipped.maxWords(), "longest target " + longest);
    }

    @Test
    void theShippedModelScoresAtLeast90BleuOnTheHeldOutSet() {
        List<String> hyps = shipped.translateAll(test.source());
        BleuScore bleu = new SacreBleu(BleuConfig.corpusDefaults()).corpusScore(hyps, List.of(test.target()));
        long exact = 0;
        for (int i = 0; i < hyps.size(); i++) {
            exact += hyps.get(i).equals(test.target().get(i)) ? 1 : 0;
        }
        System.out.println("shipped tiny translator, held-out set: " + bleu.formatted() + "; " + exact + "/500 exact");
        assertTrue(bleu.score() >= 90, bleu.formatted());
        assertEquals(100.0, bleu.score(), 1e-9, "in fact every held-out sentence comes out right");
        assertEquals(500, exact);
    }

    @Test
    void crossAttentionAlignsTheAdjectivesInMirrorOrder() {
        // "european economic area" -> "zone économique européenne": in the top decoder layer (heads averaged)
        // the row that writes each French word peaks on its English counterpart, so the alignment crosses
        Decoding d = shipped.decode(TranslatorExperiment.PROBE, Sampling.greedyDecoding());
        assertEquals("le professeur visite la zone économique européenne", d.text());
        List<String> src = d.sourceTokens();
        List<String> rows = new ArrayList<>(d.outputTokens());
        rows.add("<eos>");
        List<Matrix> top = lastStep(d).crossAttention().get(1);
        assertEquals("area", src.get(argmax(mean(top), rows.indexOf("zone"))));
        assertEquals("economic", src.get(argmax(mean(top), rows.indexOf("économique"))));
        assertEquals("european", src.get(argmax(mean(top), rows.indexOf("européenne"))));

        Decoding car = shipped.decode("a red chinese car follows the black dog", Sampling.greedyDecoding());
        assertEquals("une voiture chinoise rouge suit le chien noir", car.text());
        List<String> carRows = new ArrayList<>(car.outputTokens());
        carRows.add("<eos>");
        double[][] m = mean(lastStep(car).crossAttention().get(1));
        for (String[] pair : new String[][] {{"voiture", "car"}, {"chinoise", "chinese"}, {"rouge", "red"}, {"chien", "dog"},
            {"noir", "black"}}) {
            assertEquals(pair[1], car.sourceTokens().get(argmax(m, carRows.indexOf(pair[0]))), pair[0]);
        }
    }

    @Test
    void teacherForcedAttentionOfAPairIsWhatDecodingSees() {
        Decoding d = shipped.decode(TranslatorExperiment.PROBE, Sampling.greedyDecoding());
        List<AttentionMap> maps = shipped.attention(TranslatorExperiment.PROBE, d.text());
        List<AttentionMap> cross = maps.stream().filter(m -> m.kind() == AttentionKind.CROSS).toList();
        assertEquals(8, cross.size());
        assertEquals(d.sourceTokens(), cross.get(0).keyTokens());
        AttentionMap l1h2 = cross.stream().filter(m -> m.layer() == 1 && m.head() == 2).findFirst().orElseThrow();
        // the last decoding step ran the decoder on the whole output, so its rows are the teacher-forced rows
        Matrix last = lastStep(d).crossAttention().get(1).get(2);
        assertTrue(l1h2.weights().allClose(last, 1e-5, 1e-6), "teacher-forced and decoded cross-attention agree");
        assertEquals(8, maps.stream().filter(m -> m.kind() == AttentionKind.ENCODER_SELF).count());
    }

    @Test
    void greedyDecodingRecordsEveryStep() {
        Decoding d = shipped.decode("my cat is near the green river", Sampling.greedyDecoding());
        assertEquals("mon chat est près de la rivière verte", d.text());
        assertTrue(d.finished());
        assertEquals(d.outputTokens().size() + 1, d.steps().size(), "one step per word and one for <eos>");
        int v = shipped.targetVocabulary().size();
        for (DecodingStep s : d.steps()) {
            int t = s.index() + 1;
            assertEquals(t, s.inputTokens().size());
            assertEquals("<bos>", s.inputTokens().get(0));
            assertEquals(v, s.logits().length);
            assertEquals(1.0, java.util.Arrays.stream(s.probabilities()).sum(), 1e-9);
            assertEquals(s.top().get(0).id(), s.chosen().id(), "greedy takes the most probable token");
            assertEquals(2, s.selfAttention().size());
            assertEquals(4, s.selfAttention().get(0).size());
            Matrix self = s.selfAttention().get(1).get(3);
            assertEquals(t, self.rows());
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    assertEquals(0.0, self.get(i, j), 0.0, "the decoder cannot look ahead");
                }
            }
            assertEquals(d.sourceTokens().size(), s.crossAttention().get(0).get(0).cols());
        }
        assertEquals("<eos>", lastStep(d).chosen().token());
    }

    @Test
    void samplingIsSeededAndTemperatureAndTopKBehave() {
        String s = "this french market visits the white social car";
        Decoding a = shipped.decode(s, Sampling.sample(1.5, 0, 7));
        Decoding b = shipped.decode(s, Sampling.sample(1.5, 0, 7));
        assertEquals(a.text(), b.text(), "the same seed samples the same words");
        assertEquals(a.steps().get(0).probabilities()[a.steps().get(0).chosen().id()],
                b.steps().get(0).probabilities()[b.steps().get(0).chosen().id()], 0.0);
        String greedy = shipped.decode(s, Sampling.greedyDecoding()).text();
        assertEquals(greedy, shipped.decode(s, Sampling.sample(1.0, 1, 99)).text(), "top-1 sampling is greedy");
        assertEquals(greedy, shipped.decode(s, Sampling.sample(0.05, 0, 99)).text(), "a cold temperature is greedy");
        DecodingStep hot = shipped.decode(s, Sampling.sample(5.0, 3, 1)).steps().get(0);
        assertEquals(3, hot.top().size());
        double renormalised = hot.top().stream().mapToDouble(c -> c.sampling()).sum();
        assertEquals(1.0, renormalised, 1e-12, "top-k renormalises over the k candidates");
        DecodingStep cold = shipped.decode(s, Sampling.greedyDecoding()).steps().get(0);
        assertTrue(hot.top().get(0).probability() < cold.top().get(0).probability(), "a hot temperature flattens");
    }

    @Test
    void aHotDrawAmongAllWordsNeverWritesPadOrBos() {
        // at T = 50 every word is almost equally likely: 40 draws of a whole sentence would write
        // <pad> or <bos> (2 of 71 words) many times over if they were candidates
        String s = "the european economic area is modern";
        int draws = 0;
        for (long seed = 0; seed < 40; seed++) {
            Decoding d = shipped.decode(s, Sampling.sample(50, 0, seed));
            for (DecodingStep step : d.steps()) {
                draws++;
                int id = step.chosen().id();
                assertTrue(id != Seq2SeqTransformer.PAD && id != Seq2SeqTransformer.BOS, "seed " + seed + " wrote " + step.chosen());
                assertTrue(step.top().stream().noneMatch(c -> c.id() == Seq2SeqTransformer.PAD || c.id() == Seq2SeqTransformer.BOS));
            }
            assertEquals(1.0, java.util.Arrays.stream(d.steps().get(0).probabilities()).sum(), 1e-9,
                    "the distribution shown still spans every word");
        }
        assertTrue(draws > 100, "draws " + draws);
    }

    @Test
    void aShortSeededRunLowersTheLossAndSnapshotsTheProbesAttention() {
        TranslatorExperiment.Settings s = TranslatorExperiment.Settings.defaults().withSteps(40).withWarmup(10)
                .withPeakRate(1e-2).withModel(32, 4, 64, 2).withBatchSize(16);
        TranslatorExperiment e = new TranslatorExperiment(train, s);
        List<Double> losses = new ArrayList<>();
        List<TrainingSnapshot> snapshots = new ArrayList<>();
        Trainer t = new Trainer(e.task(), new TrainerOptions(1, 0, false), new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                losses.add(p.loss());
            }

            @Override
            public void onSnapshot(TrainingSnapshot snapshot) {
                snapshots.add(snapshot);
            }
        });
        t.start(Runnable::run);
        assertEquals(40, losses.size());
        double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < 0.85 * first, "loss " + first + " -> " + last);
        assertEquals(2, snapshots.size());
        TrainingSnapshot after = snapshots.get(1);
        assertEquals(40, after.step());
        List<AttentionMap> cross = after.attention(AttentionKind.CROSS);
        assertEquals(2 * 4, cross.size(), "2 layers × 4 heads");
        assertEquals(List.of("the", "teacher", "visits", "the", "european", "economic", "area", "<eos>"), cross.get(0).keyTokens());
        assertEquals(List.of("le", "professeur", "visite", "la", "zone", "économique", "européenne", "<eos>"), cross.get(0).queryTokens());
        assertEquals("<bos>", after.attention(AttentionKind.DECODER_SELF).get(0).queryTokens().get(0));
        assertEquals(8, after.attention(AttentionKind.ENCODER_SELF).size());
    }

    private static DecodingStep lastStep(Decoding d) {
        return d.steps().get(d.steps().size() - 1);
    }

    private static double[][] mean(List<Matrix> heads) {
        double[][] m = new double[heads.get(0).rows()][heads.get(0).cols()];
        for (Matrix h : heads) {
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                    m[i][j] += h.get(i, j) / heads.size();
                }
            }
        }
        return m;
    }

    private static int argmax(double[][] m, int row) {
        int best = 0;
        for (int j = 1; j < m[row].length; j++) {
            if (m[row][j] > m[row][best]) {
                best = j;
            }
        }
        return best;
    }
}

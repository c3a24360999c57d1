package org.attentionlab.ui.multihead;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.attentionlab.engine.BertConfig;
import org.attentionlab.engine.BertInput;
import org.attentionlab.engine.BertModel;
import org.attentionlab.engine.BertWeights;
import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Aggregate;
import org.attentionlab.ui.multihead.MultiHeadViewModel.DisplayRequest;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Key;
import org.attentionlab.ui.multihead.MultiHeadViewModel.PairFilter;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Request;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Result;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Source;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test: what the multi-head view does for a 128-token input with 12 heads,
 * each part's warm median — the engine (random weights, d_model 768; and BERT-base shapes with
 * random weights, the forward pass plus one traced layer), the display (mean, rollout over 12
 * layers, hidden [CLS]/[SEP]) and rasterising the lines of 12 heads. Off by default; run with
 * {@code mvn test -Dtest=MultiHeadBenchmarkTest -Dattentionlab.bench=true}. The machine may be
 * shared: compare ratios within one run.
 */
@EnabledIfSystemProperty(named = "attentionlab.bench", matches = "true")
class MultiHeadBenchmarkTest {

    private static final int WARM = Integer.getInteger("attentionlab.bench.warmup", 3);
    private static final int RUNS = Integer.getInteger("attentionlab.bench.runs", 9);

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** "wall ms (cpu ms)": on a shared machine the thread's CPU time says more than the wall clock. */
    private static String median(Supplier<?> work) {
        for (int i = 0; i < WARM; i++) {
            work.get();
        }
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long s = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            work.get();
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
            wall[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return String.format(Locale.ROOT, "%.1f ms wall (%.1f ms CPU of this thread)", wall[RUNS / 2], cpu[RUNS / 2]);
    }

    @Test
    void oneHundredTwentyEightTokensTwelveHeads() {
        Nd4jEngineService engine = new Nd4jEngineService();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            text.append("w").append(i).append(' ');
        }
        Key random = new Key(Source.RANDOM, null, text.toString(), "", Split.WHITESPACE, 768, 12, 1, 42);
        Request r = new Request(random, 0, null);
        String engineMs = median(() -> MultiHeadViewModel.compute(engine, r));
        Result result = MultiHeadViewModel.compute(engine, r);
        String meanMs = median(() -> MultiHeadViewModel.display(
                new DisplayRequest(result, true, PairFilter.ALL, Aggregate.MEAN, Set.of())));

        BertConfig base = BertConfig.base();
        BertSession bert = new RandomBert(BertModel.of(base, BertWeights.random(base, 42, false)));
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 126; i++) {
            words.append("word").append(i % 1000).append(' ');
        }
        Key model = new Key(Source.MODEL, bert, words.toString(), "", null, 0, 0, 0, 0);
        String bertMs = median(() -> MultiHeadViewModel.compute(engine, new Request(model, 11, null)));
        Result bertResult = MultiHeadViewModel.compute(engine, new Request(model, 11, null));
        String layerMs = median(() -> MultiHeadViewModel.compute(engine, new Request(model, 5, bertResult)));
        String rolloutMs = median(() -> MultiHeadViewModel.display(
                new DisplayRequest(bertResult, true, PairFilter.ALL, Aggregate.ROLLOUT, Set.of())));

        // the lines of all 12 heads of BERT's last layer, 128 rows in 684 px (38 em at 18 px), 234 px across
        int t = bertResult.tokens().size();
        double row = 684.0 / t;
        String rasterMs = median(() -> {
            LineRaster raster = new LineRaster(236, 688);
            int drawn = 0;
            for (int h = 0; h < 12; h++) {
                var m = bertResult.attentions().get(11).get(h);
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        if (m.get(i, j) >= AttentionLines.MIN_WEIGHT) {
                            raster.line(1, (i + 0.5) * row, 235, (j + 0.5) * row, 0x1f77b4, m.get(i, j), 1.2);
                            drawn++;
                        }
                    }
                }
            }
            return raster.argb().length + drawn;
        });
        int lines = 0;
        for (int h = 0; h < 12; h++) {
            var m = bertResult.attentions().get(11).get(h);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    lines += m.get(i, j) >= AttentionLines.MIN_WEIGHT ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "multi-head view, 128 tokens × 12 heads, medians of %d runs after %d warm-up:%n"
                + "  random weights, d_model 768, 1 layer (engine): %s%n"
                + "  display: mean of heads, [CLS]/[SEP] hidden: %s%n"
                + "  BERT-base shapes, forward + trace of layer 11: %s; another layer only: %s%n"
                + "  display: rollout over 12 layers, [CLS]/[SEP] hidden: %s%n"
                + "  lines of 12 heads rasterised (236 × 688 px, %d lines of weight ≥ %.2f): %s%n",
                RUNS, WARM, engineMs, meanMs, bertMs, layerMs, rolloutMs, lines, AttentionLines.MIN_WEIGHT, rasterMs);
    }

    /** BERT-base shapes with random weights and a made-up 30522-token vocabulary. */
    private static final class RandomBert implements BertSession {
        private final BertModel model;
        private final BertTokenizer tokenizer;

        RandomBert(BertModel model) {
            this.model = model;
            List<String> tokens = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
            for (int i = tokens.size(); i < model.config().vocabSize(); i++) {
                tokens.add("word" + i);
            }
            this.tokenizer = new BertTokenizer(Vocabulary.of("bench", tokens), true);
        }

        @Override
        public Path folder() {
            return Path.of("bert-base-random");
        }

        @Override
        public BertConfig config() {
            return model.config();
        }

        @Override
        public boolean hasMlmHead() {
            return false;
        }

        @Override
        public BertTokenizer tokenizer() {
            return tokenizer;
        }

        @Override
        public BertOutput forward(Encoding e) {
            return model.forward(new BertInput(e.inputIdsArray(), e.tokenTypeIdsArray(), e.attentionMaskArray()));
        }

        @Override
        public EncoderLayerTrace traceLayer(Encoding e, int layer) {
            return model.traceLayer(new BertInput(e.inputIdsArray(), e.tokenTypeIdsArray(), e.attentionMaskArray()), layer);
        }

        @Override
        public List<MaskPrediction> fillMask(Encoding e, int k) {
            return List.of();
        }
    }
}

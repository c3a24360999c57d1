package org.attentionlab.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.attentionlab.engine.trace.BertOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test: BERT-base shapes (12 layers, 12 heads, 768 wide, 3072 inner, 30522
 * vocabulary) with random weights, forward on 128 tokens including copying out every attention
 * and hidden state; prints the warm median. Off by default; run with
 * {@code mvn test -Dtest=BertBenchmarkTest -Dattentionlab.bench=true}.
 */
@EnabledIfSystemProperty(named = "attentionlab.bench", matches = "true")
class BertBenchmarkTest {

    @Test
    void bertBaseForward128Tokens() {
        BertConfig c = BertConfig.base();
        long t0 = System.nanoTime();
        BertModel model = BertModel.of(c, BertWeights.random(c, 42, false));
        System.out.printf(Locale.ROOT, "BERT-base random weights built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        SplittableRandom r = new SplittableRandom(1);
        int[] ids = new int[128];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i == 0 ? 101 : i == ids.length - 1 ? 102 : 1000 + r.nextInt(29000);
        }
        BertInput in = BertInput.of(ids);
        int warm = Integer.getInteger("attentionlab.bench.warmup", 5);
        int runs = Integer.getInteger("attentionlab.bench.runs", 15);
        for (int i = 0; i < warm; i++) {
            model.forward(in);
        }
        double[] ms = new double[runs];
        BertOutput last = null;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            last = model.forward(in);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "BERT-base forward, 128 tokens, %d runs after %d warm-up: median %.1f ms, min %.1f, max %.1f "
                + "(%d layers × %d heads traced)%n", runs, warm, sorted[runs / 2], sorted[0], sorted[runs - 1],
                last.layers(), last.heads());
        // the same run's matrix-multiply rate at the FFN's shape, for context on a shared machine
        var x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 128, 768);
        var w = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 768, 3072);
        var y = org.nd4j.linalg.factory.Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, 128, 3072);
        double[] g = new double[40];
        for (int i = 0; i < 50; i++) {
            long s = System.nanoTime();
            org.nd4j.linalg.factory.Nd4j.gemm(x, w, y, false, false, 1.0, 0.0);
            if (i >= 10) {
                g[i - 10] = (System.nanoTime() - s) / 1e9;
            }
        }
        Arrays.sort(g);
        double gemmGflops = 2.0 * 128 * 768 * 3072 / g[g.length / 2] / 1e9;
        double flops = c.layers() * (4 * 2.0 * 128 * 768 * 768 + 2 * 2.0 * 128 * 768 * 3072 + 2 * 2.0 * 12 * 128 * 128 * 64);
        System.out.printf(Locale.ROOT, "forward: %.1f GFLOP at the median = %.1f GFLOP/s; sgemm (128×768)·(768×3072) "
                + "in the same run: %.1f GFLOP/s; available processors %d%n", flops / 1e9, flops / sorted[runs / 2] / 1e6,
                gemmGflops, Runtime.getRuntime().availableProcessors());
    }

    /** Writes a BERT-base-sized model.safetensors (≈ 440 MB, HF names) and times loading it. */
    @Test
    void loadBertBaseSizedCheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        writeBertBase(dir); // in its own method, so the writer's copy of the values is garbage before loading
        long bytes = java.nio.file.Files.size(dir.resolve("model.safetensors"));
        System.gc();
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long s = System.nanoTime();
        var ckpt = org.attentionlab.io.BertCheckpoint.load(dir);
        double secs = (System.nanoTime() - s) / 1e9;
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "loaded a %.0f MB BERT-base model.safetensors in %.2f s; Java heap in use %.0f MB before, "
                + "%.0f MB after (the weights live off-heap in ND4J)%n", bytes / 1e6, secs, before / 1e6, heap / 1e6);
        BertOutput out = ckpt.model().forward(BertInput.of(101, 2000, 3000, 102));
        System.out.println("forward after loading: " + out);
    }

    private static void writeBertBase(java.nio.file.Path dir) throws java.io.IOException {
        BertConfig c = BertConfig.base();
        int h = c.hiddenSize();
        int f = c.intermediateSize();
        var w = new org.attentionlab.io.SafetensorsWriter().metadata("format", "pt");
        SplittableRandom r = new SplittableRandom(3);
        java.util.function.BiConsumer<String, long[]> add = (name, shape) -> {
            int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] v = new float[n];
            boolean gamma = name.endsWith("LayerNorm.weight");
            for (int i = 0; i < n; i++) {
                v[i] = gamma ? 1f : (float) ((r.nextDouble() - 0.5) * 0.04);
            }
            w.add(name, org.attentionlab.io.Dtype.F32, shape, v);
        };
        add.accept("bert.embeddings.word_embeddings.weight", new long[] {c.vocabSize(), h});
        add.accept("bert.embeddings.position_embeddings.weight", new long[] {c.maxPositions(), h});
        add.accept("bert.embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), h});
        add.accept("bert.embeddings.LayerNorm.weight", new long[] {h});
        add.accept("bert.embeddings.LayerNorm.bias", new long[] {h});
        for (int l = 0; l < c.layers(); l++) {
            String p = "bert.encoder.layer." + l + ".";
            for (String part : new String[] {"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
                add.accept(p + part + ".weight", new long[] {h, h});
                add.accept(p + part + ".bias", new long[] {h});
            }
            add.accept(p + "attention.output.LayerNorm.weight", new long[] {h});
            add.accept(p + "attention.output.LayerNorm.bias", new long[] {h});
            add.accept(p + "intermediate.dense.weight", new long[] {f, h});
            add.accept(p + "intermediate.dense.bias", new long[] {f});
            add.accept(p + "output.dense.weight", new long[] {h, f});
            add.accept(p + "output.dense.bias", new long[] {h});
            add.accept(p + "output.LayerNorm.weight", new long[] {h});
            add.accept(p + "output.LayerNorm.bias", new long[] {h});
        }
        add.accept("bert.pooler.dense.weight", new long[] {h, h});
        add.accept("bert.pooler.dense.bias", new long[] {h});
        w.write(dir.resolve("model.safetensors"));
        java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 30522, \"hidden_size\": 768, "
                + "\"num_hidden_layers\": 12, \"num_attention_heads\": 12, \"intermediate_size\": 3072, \"hidden_act\": \"gelu\", "
                + "\"max_position_embeddings\": 512, \"type_vocab_size\": 2, \"layer_norm_eps\": 1e-12}");
    }
}

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
}

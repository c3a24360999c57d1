package org.attentionlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.attentionlab.engine.EncoderLayer;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.Precision;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether the engine's steady state holds: an encoder layer at 128 tokens recomputed many times
 * must not grow the off-heap memory ND4J holds (its own count of native allocations) nor
 * the process's resident set. Measured after a warm-up, then after the recomputations, each time
 * after a garbage collection so that results already dropped are freed.
 */
public final class MemoryBenchmark {

    public BenchResult run(int recomputations) {
        EncoderLayer layer = EncoderLayer.of(EngineBenchmarks.bertLayerConfig(), EngineBenchmarks.randomLayer(3));
        INDArray x = new Init(4, Precision.FLOAT32).normal(128, EngineBenchmarks.D_MODEL, 1).reshape(1, 128, EngineBenchmarks.D_MODEL);
        for (int i = 0; i < 100; i++) {
            layer.forward(x, Mask.none());
        }
        settle();
        long offHeap0 = offHeapBytes();
        long rss0 = rssBytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < recomputations; i++) {
            layer.forward(x, Mask.none());
        }
        double ms = (System.nanoTime() - t0) / 1e6 / recomputations;
        settle();
        long offHeap1 = offHeapBytes();
        long rss1 = rssBytes();
        return new BenchResult("engine-memory", 128, "attention-lab", ms, 0, Map.of("recomputations", recomputations,
                "off_heap_mb", mb(offHeap1), "off_heap_growth_mb", mb(offHeap1 - offHeap0),
                "rss_mb", mb(rss1), "rss_growth_mb", mb(rss1 - rss0)));
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100); // JavaCPP frees native buffers from a reference queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** ND4J's own count of the native memory it holds (arrays and workspaces) on the CPU. */
    private static long offHeapBytes() {
        return AllocationsTracker.getInstance().bytesOnDevice(0);
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1e5) / 10.0;
    }

    /** VmRSS of this process, or JavaCPP's estimate where /proc is missing. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Pointer.physicalBytes();
    }
}

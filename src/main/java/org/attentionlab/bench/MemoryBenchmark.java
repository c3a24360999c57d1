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
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether the engine's steady state holds: an encoder layer at 128 tokens recomputed many times
 * must not grow the off-heap memory ND4J holds (its memory manager's count) nor the
 * process's resident set. Measured after a warm-up of 300, then after the recomputations, each
 * time after a garbage collection: a result the caller dropped holds native memory until the
 * collector frees it, so without one the resident set swings by tens of MB between collections.
 */
public final class MemoryBenchmark {

    /** Runs in a JVM of its own (see {@link ChildBenchmarks#memory}): prints {@code BENCH {json}}. */
    public static void main(String[] args) throws Exception {
        org.attentionlab.engine.NativeEnvironment.prepare();
        BenchResult r = new MemoryBenchmark().run(args.length > 0 ? Integer.parseInt(args[0]) : 1_000);
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("case", r.kase());
        m.put("tokens", r.tokens());
        m.put("impl", r.impl());
        m.put("ms", r.ms());
        m.putAll(r.extra());
        System.out.println(ChildBenchmarks.MARK + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m));
        System.exit(0);
    }

    public BenchResult run(int recomputations) {
        EncoderLayer layer = EncoderLayer.of(EngineBenchmarks.bertLayerConfig(), EngineBenchmarks.randomLayer(3));
        INDArray x = new Init(4, Precision.FLOAT32).normal(128, EngineBenchmarks.D_MODEL, 1).reshape(1, 128, EngineBenchmarks.D_MODEL);
        // warm-up long enough for the JIT's code and the heap to reach their working size
        for (int i = 0; i < 300; i++) {
            layer.forward(x, Mask.none());
        }
        settle();
        long offHeap0 = offHeapBytes();
        long rss0 = rssBytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < recomputations; i++) {
            // the caller is done with the result: its native buffer goes back now, not at the next GC
            layer.forward(x, Mask.none()).close();
            if (i % 100 == 99) {
                // ND4J frees an array's native handle only when its Java object is collected, and a
                // loop like this one makes almost no heap garbage, so no collection would come; the
                // app's traces (plain Java arrays) make the collector run about this often
                System.gc();
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / recomputations; // (with the collections)
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

    /** ND4J's own count of the native memory its memory manager holds (workspaces and tracked buffers). */
    private static long offHeapBytes() {
        return Math.max(Nd4j.getMemoryManager().allocatedMemory(0), AllocationsTracker.getInstance().bytesOnDevice(0));
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

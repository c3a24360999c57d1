package org.attentionlab.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The cases that need a JVM of their own. The engine's memory over many recomputations, so that
 * nothing measured before it (freed heap, other models) moves its resident set. The UI's cases, so
 * that JavaFX starts on a display of its own and the cold start is a real one: the 512×512 heatmap redraw and the FX thread's pulse gaps while 512 tokens
 * recompute ({@code org.attentionlab.ui.bench.UiBench}, reached by name: this package holds no
 * JavaFX), and the app's cold start to its first painted frame (the app itself, started with
 * {@code -Dattentionlab.probe=first-frame}). Uses $DISPLAY, else starts its own Xvfb when one is
 * installed, else reports the cases as unavailable.
 */
public final class ChildBenchmarks implements AutoCloseable {

    static final String UI_MAIN = "org.attentionlab.ui.bench.UiBench";
    static final String APP_MAIN = "org.attentionlab.Main";
    /** Printed by the child before each result's JSON. */
    public static final String MARK = "BENCH ";
    /** Printed by the app under the cold-start probe when its first frame is painted. */
    public static final String FIRST_FRAME = "attention-lab: first frame";

    private final boolean quick;
    private final Consumer<String> log;
    private Process xvfb;
    private String display;
    private String noDisplay;

    public ChildBenchmarks(boolean quick, Consumer<String> log) {
        this.quick = quick;
        this.log = log;
    }

    public BenchResult heatmap() {
        return child("heatmap-512", 0, UI_MAIN, List.of("heatmap", quick ? "quick" : "full"), List.of(), 120);
    }

    /** {@link MemoryBenchmark} in a fresh JVM. */
    public BenchResult memory(int recomputations) {
        return child("engine-memory", 128, MemoryBenchmark.class.getName(), List.of(Integer.toString(recomputations)), List.of(),
                600, false);
    }

    public BenchResult pulseGaps() {
        return child("fx-pulse-gap", 512, UI_MAIN, List.of("pulse", quick ? "quick" : "full"), List.of(), 180);
    }

    /**
     * JVM launch to the first painted frame of the app, as {@code java -jar} starts it; the first
     * launch (which may unpack native libraries) is not counted; the median of the others is.
     */
    public BenchResult coldStart() {
        int runs = quick ? 3 : 5;
        List<Double> ms = new ArrayList<>();
        BenchResult last = null;
        for (int i = 0; i <= runs; i++) {
            long t0 = System.nanoTime();
            BenchResult r = child("cold-start", 0, APP_MAIN, List.of(), List.of("-Dattentionlab.probe=first-frame"), 120);
            double wall = (System.nanoTime() - t0) / 1e6;
            if (Double.isNaN(r.ms())) {
                return r;
            }
            if (i > 0) {
                ms.add(r.ms());
                last = r;
            }
            log.accept(String.format(java.util.Locale.ROOT, "cold start %d: first frame at %.0f ms (process ran %.0f ms)", i, r.ms(), wall));
        }
        double[] values = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> extra = new LinkedHashMap<>(last.extra());
        extra.put("launches", runs);
        return new BenchResult("cold-start", 0, "attention-lab", Timer.median(values), 0, extra);
    }

    private BenchResult child(String kase, int tokens, String mainClass, List<String> args, List<String> jvmArgs, int timeoutS) {
        return child(kase, tokens, mainClass, args, jvmArgs, timeoutS, true);
    }

    private BenchResult child(String kase, int tokens, String mainClass, List<String> args, List<String> jvmArgs, int timeoutS,
                              boolean needsDisplay) {
        String d = needsDisplay ? display() : null;
        if (needsDisplay && d == null) {
            return EngineBenchmarks.unavailable(kase, tokens, "attention-lab", noDisplay);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (d != null) {
            pb.environment().put("DISPLAY", d);
        }
        long t0 = System.nanoTime();
        try {
            Process p = pb.start();
            // the limit must hold while we read: a child that hangs without closing its output
            // (seen once: two threads deadlocked in the dynamic loader at start) would otherwise
            // block readLine, and the bench, forever
            Thread watchdog = new Thread(() -> {
                try {
                    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-child-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            List<String> tail = new ArrayList<>();
            BenchResult found = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                double firstFrame = Double.NaN;
                while ((line = in.readLine()) != null) {
                    if (line.equals(FIRST_FRAME)) {
                        firstFrame = (System.nanoTime() - t0) / 1e6;
                    } else if (line.startsWith(MARK)) {
                        found = parse(line.substring(MARK.length()), firstFrame);
                    } else {
                        tail.add(line);
                        if (tail.size() > 20) {
                            tail.remove(0);
                        }
                    }
                }
            }
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (found == null) {
                long ranS = (System.nanoTime() - t0) / 1_000_000_000L;
                return EngineBenchmarks.unavailable(kase, tokens, "attention-lab", "the child JVM printed no result (exit "
                        + (p.isAlive() ? "none" : p.exitValue()) + (ranS >= timeoutS ? ", stopped after " + timeoutS + " s" : "")
                        + "): " + String.join(" | ", tail));
            }
            log.accept(kase);
            return found;
        } catch (IOException e) {
            return EngineBenchmarks.unavailable(kase, tokens, "attention-lab", "could not start a JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EngineBenchmarks.unavailable(kase, tokens, "attention-lab", "interrupted");
        }
    }

    /**
     * The child's JSON: case, tokens, impl, ms, and anything else as extras. A cold-start child
     * reports no time of its own ("ms": null): the parent's clock from launch to the line is it.
     */
    static BenchResult parse(String json, double sinceLaunchMs) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json);
        Map<String, Object> extra = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!List.of("case", "tokens", "impl", "ms").contains(e.getKey())) {
                JsonNode v = e.getValue();
                extra.put(e.getKey(), v.isNumber() ? (Object) v.numberValue() : v.asText());
            }
        });
        double ms = n.get("ms").isNull() ? sinceLaunchMs : n.get("ms").asDouble();
        return new BenchResult(n.get("case").asText(), n.get("tokens").asInt(), n.get("impl").asText(), ms, 0, extra);
    }

    /** $DISPLAY, or an Xvfb of our own, or null (with the reason in {@link #noDisplay}). */
    private synchronized String display() {
        if (display != null || noDisplay != null) {
            return display;
        }
        String env = System.getenv("DISPLAY");
        if (env != null && !env.isBlank()) {
            display = env;
            return display;
        }
        Path xvfbBin = which("Xvfb");
        if (xvfbBin == null) {
            noDisplay = "no display: set DISPLAY or install Xvfb";
            return null;
        }
        for (int n = 90; n < 110; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            try {
                xvfb = new ProcessBuilder(xvfbBin.toString(), ":" + n, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                for (int i = 0; i < 100 && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)); i++) {
                    Thread.sleep(50);
                }
                if (xvfb.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                    display = ":" + n;
                    log.accept("started Xvfb on " + display + " for the UI cases");
                    return display;
                }
                xvfb.destroy();
            } catch (IOException e) {
                noDisplay = "no display: Xvfb did not start (" + e.getMessage() + ")";
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        noDisplay = "no display: no free display number for Xvfb";
        return null;
    }

    private static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }
}

package org.attentionlab.ui.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.attentionlab.engine.NativeEnvironment;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.widgets.ColorMap;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The UI's benchmark cases in a JVM of their own (started by {@code bench}); prints one line
 * {@code BENCH {json}} per case. {@code heatmap}: a 512×512 matrix redrawn by the real
 * {@link Heatmap} (new data, CSS, layout, colours, pixels into its WritableImage), median of many.
 * {@code pulse}: the real Q/K/V view and view-model on the real engine thread, 512 tokens,
 * recomputed again and again while an AnimationTimer records the time between pulses: the longest
 * gap is the longest the FX thread was blocked.
 */
public final class UiBench {

    private UiBench() {
    }

    public static void main(String[] args) throws Exception {
        NativeEnvironment.prepare();
        String mode = args.length > 0 ? args[0] : "heatmap";
        boolean quick = args.length > 1 && args[1].equals("quick");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        String json = switch (mode) {
            case "heatmap" -> heatmap(quick);
            case "pulse" -> pulse(quick);
            default -> throw new IllegalArgumentException("unknown mode " + mode + "; expected heatmap or pulse");
        };
        System.out.println("BENCH " + json);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    static String heatmap(boolean quick) throws Exception {
        int n = 512;
        Matrix[] data = {random(n, 1), random(n, 2)};
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add("tok" + i);
        }
        int reps = quick ? 41 : 101;
        double[] ms = new double[reps];
        double[] cpuMs = new double[reps];
        double[] firstMs = {0};
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        onFx(() -> {
            Heatmap h = new Heatmap();
            h.scaleModeProperty().set(ScaleMode.SIGNED);
            h.colorMapProperty().set(ColorMap.BLUE_RED);
            h.rowLabelsProperty().set(labels);
            h.colLabelsProperty().set(labels);
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(h), 1200, 900));
            stage.show();
            long t0 = System.nanoTime();
            redraw(h, data[0]);
            firstMs[0] = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < 20; i++) {
                redraw(h, data[i % 2]);
            }
            for (int i = 0; i < reps; i++) {
                long c = threads.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                redraw(h, data[(i + 1) % 2]);
                ms[i] = (System.nanoTime() - s) / 1e6;
                cpuMs[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            }
            stage.close();
        });
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        return String.format(Locale.ROOT, "{\"case\":\"heatmap-512\",\"tokens\":0,\"impl\":\"attention-lab\",\"ms\":%.3f,"
                + "\"cpu_ms\":%.3f,\"first_ms\":%.1f,\"max_ms\":%.1f,\"what\":\"new 512x512 data with 512 row and column labels: CSS, layout, "
                + "colours, pixels into the WritableImage\"}", ms[reps / 2], cpuMs[reps / 2], firstMs[0], ms[reps - 1]);
    }

    private static void redraw(Heatmap h, Matrix m) {
        h.setData(m);
        h.applyCss();
        h.layout();
    }

    static String pulse(boolean quick) throws Exception {
        ExecutorService engine = AttentionLabApp.newEngineThread();
        QkvViewModel[] vm = new QkvViewModel[1];
        List<Long> pulses = new ArrayList<>();
        List<Long> fxCpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicInteger results = new AtomicInteger();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.add(System.nanoTime());
                fxCpu.add(threads.getCurrentThreadCpuTime());
            }
        };
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; i < QkvViewModel.MAX_TOKENS; i++) {
            sentence.append("w").append(i).append(' ');
        }
        onFx(() -> {
            UiExecutors executors = new UiExecutors(engine, Platform::runLater);
            vm[0] = new QkvViewModel(new Nd4jEngineService(), executors);
            QkvView view = new QkvView(vm[0], org.attentionlab.ui.Services.inMemory(new I18n(Locale.ENGLISH), new Appearance(),
                    new Nd4jEngineService(), executors, null));
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1920, 1080));
            stage.show();
            vm[0].traceProperty().addListener(o -> results.incrementAndGet());
            vm[0].dModelProperty().set(64);
            vm[0].sentenceProperty().set(sentence.toString().trim());
            vm[0].applySentence();
        });
        // wait for the first 512-token result (ND4J loads meanwhile), then measure
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (results.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int before = results.get();
        long seconds = quick ? 8 : 20;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int[] seed = {100};
        int[] requests = {0};
        // back to back: each shown result asks for the next (new weights, every stage recomputes), so
        // the engine thread never rests and every result is drawn
        onFx(() -> {
            vm[0].traceProperty().addListener(o -> {
                if (System.nanoTime() < end) {
                    requests[0]++;
                    vm[0].seedProperty().set(seed[0]++);
                }
            });
            timer.start();
            requests[0]++;
            vm[0].seedProperty().set(seed[0]++);
        });
        while (System.nanoTime() < end) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // let the last result land
        onFx(timer::stop);
        engine.shutdownNow();
        double[] gaps = new double[Math.max(0, pulses.size() - 1)];
        for (int i = 1; i < pulses.size(); i++) {
            gaps[i - 1] = (pulses.get(i) - pulses.get(i - 1)) / 1e6;
        }
        // what the FX thread itself computed between two pulses: the part of a gap that is our work,
        // as opposed to a busy machine or a slow (software) renderer keeping the thread waiting
        double maxFxCpu = 0;
        for (int i = 1; i < fxCpu.size(); i++) {
            maxFxCpu = Math.max(maxFxCpu, (fxCpu.get(i) - fxCpu.get(i - 1)) / 1e6);
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        double p99 = sorted.length == 0 ? Double.NaN : sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
        double median = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        return String.format(Locale.ROOT, "{\"case\":\"fx-pulse-gap\",\"tokens\":512,\"impl\":\"attention-lab\",\"ms\":%.1f,"
                + "\"p99_ms\":%.1f,\"median_ms\":%.1f,\"max_fx_cpu_between_pulses_ms\":%.1f,\"pulses\":%d,\"requests\":%d,"
                + "\"results_shown\":%d,\"prism\":\"%s\","
                + "\"what\":\"longest gap between FX pulses while the Q/K/V view recomputes 512 tokens (d_model 64), back to back\"}",
                max, p99, median, maxFxCpu, pulses.size(), requests[0], results.get() - before, pipeline());
    }

    /** Which prism pipeline renders (sw under Xvfb without OpenGL: every frame is drawn by the CPU). */
    private static String pipeline() {
        try {
            Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            return p == null ? "unknown" : p.getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    private static Matrix random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextDouble() * 2 - 1;
            }
        }
        return Matrix.of(a);
    }

    /** Runs {@code body} on the FX thread and waits for it. */
    private static void onFx(ThrowingRunnable body) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Exception[] failure = new Exception[1];
        Platform.runLater(() -> {
            try {
                body.run();
            } catch (Exception | Error e) {
                failure[0] = e instanceof Exception ex ? ex : new RuntimeException(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}

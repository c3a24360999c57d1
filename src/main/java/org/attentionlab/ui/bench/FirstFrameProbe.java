package org.attentionlab.ui.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.stage.Stage;

import org.attentionlab.ui.shell.ShellViewModel.BackendState;

/**
 * With {@code -Dattentionlab.probe=first-frame}, the app says on stdout when its first frame has
 * been painted, waits until the engine has loaded and the first view has settled, prints its
 * resident set, and exits: the cold-start measurement of {@code bench}. Without the property it
 * does nothing.
 */
public final class FirstFrameProbe {

    public static final String PROPERTY = "attentionlab.probe";
    public static final String FIRST_FRAME = "attention-lab: first frame";

    private FirstFrameProbe() {
    }

    /** Call right after {@code stage.show()}. */
    public static void installIfRequested(Stage stage, ReadOnlyObjectProperty<BackendState> backend) {
        if (!"first-frame".equals(System.getProperty(PROPERTY))) {
            return;
        }
        new AnimationTimer() {
            private int pulses;
            private long firstFrameRss;
            private long uptimeMs;
            private long cpuMs;

            @Override
            public void handle(long now) {
                pulses++;
                // pulse 1 lays out and renders the shown window; pulse 2 starts once that frame is painted
                if (pulses == 2) {
                    System.out.println(FIRST_FRAME);
                    System.out.flush();
                    firstFrameRss = status("VmRSS");
                    uptimeMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                    cpuMs = processCpuMs();
                    stop();
                    whenSettled(backend, () -> report(firstFrameRss, uptimeMs, cpuMs));
                }
            }
        }.start();
    }

    /** Runs {@code then} once ND4J has loaded (or failed) and one more second has passed. */
    private static void whenSettled(ReadOnlyObjectProperty<BackendState> backend, Runnable then) {
        Thread t = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 30_000;
            while (backend.get() == BackendState.LOADING && System.currentTimeMillis() < deadline) {
                sleep(50);
            }
            sleep(1_000);
            then.run();
        }, "first-frame-probe");
        t.setDaemon(true);
        t.start();
    }

    private static void report(long firstFrameRss, long uptimeMs, long cpuMs) {
        long rss = status("VmRSS");
        long hwm = status("VmHWM");
        System.out.printf(Locale.ROOT, "BENCH {\"case\":\"cold-start\",\"tokens\":0,\"impl\":\"attention-lab\",\"ms\":null,"
                + "\"rss_mb\":%.0f,\"rss_first_frame_mb\":%.0f,\"rss_peak_mb\":%.0f,\"jvm_uptime_at_first_frame_ms\":%d,"
                + "\"cpu_to_first_frame_ms\":%d}%n", rss / 1e6, firstFrameRss / 1e6, hwm / 1e6, uptimeMs, cpuMs);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    /** CPU time of the whole process so far (every thread), in ms. */
    private static long processCpuMs() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A size field of /proc/self/status in bytes (0 where there is none). */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}

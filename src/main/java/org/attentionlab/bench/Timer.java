package org.attentionlab.bench;

import java.util.Arrays;

/** Warm-up, then the median wall time of many repetitions. */
public final class Timer {

    private Timer() {
    }

    /**
     * Runs {@code body} until {@code warmupMs} have passed, then {@code reps} times (at least
     * 5, and at most as many as fit in {@code budgetMs}), and returns the median in milliseconds.
     */
    public static double medianMs(Runnable body, long warmupMs, int reps, long budgetMs) {
        long end = System.nanoTime() + warmupMs * 1_000_000L;
        do {
            body.run();
        } while (System.nanoTime() < end);
        double[] ms = new double[reps];
        long stop = System.nanoTime() + budgetMs * 1_000_000L;
        int n = 0;
        while (n < reps && (n < 5 || System.nanoTime() < stop)) {
            long t0 = System.nanoTime();
            body.run();
            ms[n++] = (System.nanoTime() - t0) / 1e6;
        }
        double[] done = Arrays.copyOf(ms, n);
        Arrays.sort(done);
        return n % 2 == 1 ? done[n / 2] : (done[n / 2 - 1] + done[n / 2]) / 2;
    }
}

package org.attentionlab.bench;

import java.util.Arrays;
import java.util.List;

/** Warm-up, then the median wall time of many repetitions. */
public final class Timer {

    private Timer() {
    }

    /**
     * Runs {@code body} until {@code warmupMs} have passed, then {@code reps} times (at least
     * 5, and at most as many as fit in {@code budgetMs}), and returns the median in milliseconds.
     */
    public static double medianMs(Runnable body, long warmupMs, int reps, long budgetMs) {
        return medianMs(body, warmupMs, reps, budgetMs, 5);
    }

    /** As above with at least {@code minReps} timed runs (for cases that take a second each). */
    public static double medianMs(Runnable body, long warmupMs, int reps, long budgetMs, int minReps) {
        long end = System.nanoTime() + warmupMs * 1_000_000L;
        do {
            body.run();
        } while (System.nanoTime() < end);
        double[] ms = new double[Math.max(reps, minReps)];
        long stop = System.nanoTime() + budgetMs * 1_000_000L;
        int n = 0;
        while (n < ms.length && (n < minReps || (n < reps && System.nanoTime() < stop))) {
            long t0 = System.nanoTime();
            body.run();
            ms[n++] = (System.nanoTime() - t0) / 1e6;
        }
        return median(Arrays.copyOf(ms, n));
    }

    /**
     * Several bodies timed in turns (A, B, C, A, B, C, …) after a common warm-up, so that a
     * machine that gets busier or quieter during the run slows them alike and their ratio holds.
     *
     * @return the median of each body, in the order given
     */
    public static double[] interleavedMedianMs(List<Runnable> bodies, long warmupMs, int reps, long budgetMs) {
        long end = System.nanoTime() + warmupMs * 1_000_000L;
        do {
            for (Runnable b : bodies) {
                b.run();
            }
        } while (System.nanoTime() < end);
        double[][] ms = new double[bodies.size()][reps];
        long stop = System.nanoTime() + budgetMs * 1_000_000L;
        int n = 0;
        while (n < reps && (n < 5 || System.nanoTime() < stop)) {
            for (int i = 0; i < bodies.size(); i++) {
                long t0 = System.nanoTime();
                bodies.get(i).run();
                ms[i][n] = (System.nanoTime() - t0) / 1e6;
            }
            n++;
        }
        double[] out = new double[bodies.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = median(Arrays.copyOf(ms[i], n));
        }
        return out;
    }

    /** The median of some values (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] done = values.clone();
        Arrays.sort(done);
        int n = done.length;
        return n % 2 == 1 ? done[n / 2] : (done[n / 2 - 1] + done[n / 2]) / 2;
    }
}

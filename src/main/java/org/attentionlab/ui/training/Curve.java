package org.attentionlab.ui.training;

import java.util.Arrays;

/**
 * A curve over training steps (the loss, the learning rate): x = the step, y = its value.
 * Immutable; the arrays handed out are copies.
 */
public final class Curve {

    public static final Curve EMPTY = new Curve(new double[0], new double[0]);

    private final double[] x;
    private final double[] y;

    private Curve(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /** The first {@code n} points of the given arrays (copied). */
    public static Curve of(double[] x, double[] y, int n) {
        if (x.length < n || y.length < n) {
            throw new IllegalArgumentException("a curve of " + n + " points from " + x.length + " and " + y.length + " values");
        }
        return new Curve(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    public int size() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    /** The smallest and largest finite y, or null when there is none. */
    public double[] yRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? null : new double[] {lo, hi};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Curve(" + x.length + " points)";
    }
}

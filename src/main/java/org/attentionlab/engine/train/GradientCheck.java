package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks a hand-written gradient against finite differences of the loss itself, entry by entry.
 * The numerical derivative is the fourth-order central difference
 * <pre>∂L/∂θᵢ ≈ (−L(θ + 2h) + 8L(θ + h) − 8L(θ − h) + L(θ − 2h)) / 12h</pre>
 * whose truncation error is O(h⁴), so in float64 a step of 10⁻³ leaves an error around 10⁻¹³,
 * far below the ones a wrong backward pass makes.
 *
 * <p>The error of one entry is |a − n| / max(|a|, |n|, floor): relative for every gradient of
 * size above {@code floor}, and an absolute error below floor·tolerance for smaller ones (a
 * relative error of an entry that is 0 up to rounding would only measure rounding noise).
 * Run it in float64: float32 arithmetic has only 7 digits to difference with.
 */
public final class GradientCheck {

    /** Central-difference step. */
    public static final double DEFAULT_STEP = 1e-3;
    /** Gradients smaller than this are compared absolutely (see the class comment). */
    public static final double DEFAULT_FLOOR = 1e-5;

    /**
     * The outcome for one array.
     *
     * @param name             what was checked, e.g. {@code encoder.0.ffn.w_1.weight}
     * @param checked          how many entries were compared
     * @param maxRelativeError the worst entry's error (see the class comment)
     * @param worstIndex       its flat (row-major) index
     * @param analytic         the hand-written gradient there
     * @param numeric          the finite difference there
     */
    public record Result(String name, int checked, double maxRelativeError, long worstIndex, double analytic, double numeric) {

        @Override
        public String toString() {
            return String.format("%s: %d entries, max relative error %.3g (entry %d: analytic %.12g, numeric %.12g)",
                    name, checked, maxRelativeError, worstIndex, analytic, numeric);
        }
    }

    private GradientCheck() {
    }

    /**
     * Compares {@code analytic} with finite differences of {@code loss} in every entry of
     * {@code values} (or in {@code maxEntries} of them, chosen by a seeded draw, when there are
     * more). {@code values} is perturbed in place and restored exactly.
     *
     * @param values   the live array the loss reads (a parameter's value, or an input)
     * @param analytic ∂L/∂values, the same shape
     * @param loss     recomputes L from the current values (forward pass only)
     */
    public static Result check(String name, INDArray values, INDArray analytic, DoubleSupplier loss, int maxEntries, long seed) {
        return check(name, values, analytic, loss, maxEntries, seed, DEFAULT_STEP, DEFAULT_FLOOR);
    }

    /**
     * Compares the directional derivative of the loss along one random direction u (entries
     * uniform in [−1, 1], seeded) with ⟨∂L/∂values, u⟩: one finite difference that involves every
     * entry at once. It cannot say which entry is wrong, but a wrong gradient in any entry changes
     * it, and it costs four loss evaluations however large the array. The error is measured as in
     * {@link #check}.
     */
    public static Result checkDirection(String name, INDArray values, INDArray analytic, DoubleSupplier loss, long seed) {
        if (values.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " is " + values.dataType() + "; gradient checks need float64");
        }
        Shapes.require(analytic, name + " gradient", values.shape());
        SplittableRandom random = new SplittableRandom(seed);
        double[] u = new double[(int) values.length()];
        for (int i = 0; i < u.length; i++) {
            u[i] = 2 * random.nextDouble() - 1;
        }
        INDArray direction = org.nd4j.linalg.factory.Nd4j.create(u, values.shape(), DataType.DOUBLE);
        double a = analytic.mul(direction).sumNumber().doubleValue();
        INDArray original = values.dup();
        double h = DEFAULT_STEP;
        double[] at = new double[4];
        double[] offsets = {2 * h, h, -h, -2 * h};
        for (int k = 0; k < 4; k++) {
            values.assign(original.add(direction.mul(offsets[k])));
            at[k] = loss.getAsDouble();
        }
        values.assign(original);
        double numeric = (-at[0] + 8 * at[1] - 8 * at[2] + at[3]) / (12 * h);
        double error = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), DEFAULT_FLOOR);
        return new Result(name + " (along a random direction)", 1, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, -1, a, numeric);
    }

    public static Result check(String name, INDArray values, INDArray analytic, DoubleSupplier loss, int maxEntries, long seed,
                               double h, double floor) {
        if (values.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " is " + values.dataType() + "; gradient checks need float64");
        }
        Shapes.require(analytic, name + " gradient", values.shape());
        long n = values.length();
        double[] grad = analytic.dup('c').data().asDouble();
        List<Long> entries = new ArrayList<>();
        if (n <= maxEntries) {
            for (long i = 0; i < n; i++) {
                entries.add(i);
            }
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            random.longs(maxEntries, 0, n).forEach(entries::add);
        }
        double worst = -1;
        long worstIndex = -1;
        double worstA = 0;
        double worstN = 0;
        for (long i : entries) {
            double original = values.getDouble(i);
            double[] at = new double[4];
            double[] offsets = {2 * h, h, -h, -2 * h};
            for (int k = 0; k < 4; k++) {
                values.putScalar(i, original + offsets[k]);
                at[k] = loss.getAsDouble();
            }
            values.putScalar(i, original);
            double numeric = (-at[0] + 8 * at[1] - 8 * at[2] + at[3]) / (12 * h);
            double a = grad[(int) i];
            double error = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), floor);
            if (Double.isNaN(error)) {
                error = Double.POSITIVE_INFINITY;
            }
            if (error > worst) {
                worst = error;
                worstIndex = i;
                worstA = a;
                worstN = numeric;
            }
        }
        return new Result(name, entries.size(), worst, worstIndex, worstA, worstN);
    }
}

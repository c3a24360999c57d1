package org.attentionlab.engine;

import java.util.Objects;

/**
 * How close two word vectors are: the dot product that attention scores with (Vaswani et al. 2017,
 * section 3.2.1), the cosine of the angle between them, and the Euclidean distance. Plain float64
 * Java, no ND4J: these are a handful of numbers that a lesson prints to four decimals.
 *
 * <p>A zero vector has no direction. Its cosine with anything is reported as 0, as scikit-learn's
 * {@code cosine_similarity} does, never NaN; {@link #hasZeroVector(double[][])} lets a view say so.
 */
public final class VectorSimilarity {

    /** The three measures a view or a lesson can show. */
    public enum Measure {
        /** a·b: grows with the lengths of both vectors, as attention's raw scores do. */
        DOT,
        /** a·b / (‖a‖‖b‖): only the angle counts, in [−1, 1]. */
        COSINE,
        /** ‖a − b‖: 0 for the same point, larger is farther. */
        EUCLIDEAN
    }

    private VectorSimilarity() {
    }

    /** Σ aᵢbᵢ. */
    public static double dot(double[] a, double[] b) {
        checkSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** ‖a‖ = √(a·a). */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** ‖a − b‖. */
    public static double euclidean(double[] a, double[] b) {
        checkSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** a·b / (‖a‖‖b‖), clamped to [−1, 1] against rounding; 0 when either vector is zero. */
    public static double cosine(double[] a, double[] b) {
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot(a, b) / (na * nb)));
    }

    /** The angle between a and b in degrees, arccos of {@link #cosine}; 90° when either is zero. */
    public static double angleDegrees(double[] a, double[] b) {
        return Math.toDegrees(Math.acos(cosine(a, b)));
    }

    /** One measure between two vectors. */
    public static double measure(Measure m, double[] a, double[] b) {
        return switch (Objects.requireNonNull(m, "measure")) {
            case DOT -> dot(a, b);
            case COSINE -> cosine(a, b);
            case EUCLIDEAN -> euclidean(a, b);
        };
    }

    /**
     * The n × n table of a measure between every pair of rows of {@code vectors} (n, d).
     *
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static double[][] table(Measure m, double[][] vectors) {
        int n = vectors.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = measure(m, vectors[i], vectors[j]);
                out[i][j] = v;
                out[j][i] = v;
            }
        }
        return out;
    }

    /** Whether some row is all zeros (its cosines are then reported as 0). */
    public static boolean hasZeroVector(double[][] vectors) {
        for (double[] v : vectors) {
            if (norm(v) == 0) {
                return true;
            }
        }
        return false;
    }

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length
                    + " numbers; expected the same dimension");
        }
    }
}

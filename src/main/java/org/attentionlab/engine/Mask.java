package org.attentionlab.engine;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which keys each query may attend to (section 3.2.3): {@code allowed(b, i, j)} is true when
 * query i of sequence b may look at key j. Masked scores become −∞ before the softmax, so the
 * masked weights are exactly 0; a row with no allowed key gets all-zero weights, never NaN.
 *
 * <p>Shapes: B batch, T queries, S keys. A mask is either unrestricted ({@link #none()}, any
 * shape) or a (B, T, S) table; a table with B = 1 applies to every sequence of a batch.
 * Immutable.
 */
public final class Mask {

    private static final Mask NONE = new Mask(null);

    /** (B, T, S), or null for "everything allowed". */
    private final boolean[][][] allowed;

    private Mask(boolean[][][] allowed) {
        this.allowed = allowed;
    }

    /** No masking. */
    public static Mask none() {
        return NONE;
    }

    /**
     * The causal (subsequent-position) mask of the decoder: query i may see keys 0..i only, so
     * training on a whole sequence at once cannot peek at later tokens. Shape (1, T, T).
     */
    public static Mask causal(int t) {
        requirePositive(t, "causal mask size");
        boolean[][] m = new boolean[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                m[i][j] = true;
            }
        }
        return new Mask(new boolean[][][] {m});
    }

    /**
     * A padding mask from BERT-style {@code attention_mask} rows (1 = real token, 0 = padding):
     * no query may attend to a padding key. Shape (B, T, S) with S the row length.
     *
     * @param attentionMask (B, S) of 0/1
     * @param queries T, the number of queries (S for self-attention)
     */
    public static Mask padding(int[][] attentionMask, int queries) {
        if (attentionMask == null || attentionMask.length == 0) {
            throw new IllegalArgumentException("attention_mask is empty; expected at least one row of 0/1");
        }
        requirePositive(queries, "number of queries");
        int s = attentionMask[0].length;
        boolean[][][] m = new boolean[attentionMask.length][queries][s];
        for (int b = 0; b < attentionMask.length; b++) {
            int[] row = attentionMask[b];
            if (row.length != s) {
                throw new IllegalArgumentException("attention_mask row " + (b + 1) + " has " + row.length
                        + " entries but row 1 has " + s);
            }
            for (int j = 0; j < s; j++) {
                if (row[j] != 0 && row[j] != 1) {
                    throw new IllegalArgumentException("attention_mask[" + b + "][" + j + "] is " + row[j] + "; expected 0 or 1");
                }
                for (int i = 0; i < queries; i++) {
                    m[b][i][j] = row[j] == 1;
                }
            }
        }
        return new Mask(m);
    }

    /** A custom (T, S) mask of 0/1 (1 = may attend); {@code what} names the source in errors. */
    public static Mask custom(int[][] zeroOne, String what) {
        if (zeroOne == null || zeroOne.length == 0 || zeroOne[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty; expected a matrix of 0/1");
        }
        boolean[][] m = new boolean[zeroOne.length][zeroOne[0].length];
        for (int i = 0; i < zeroOne.length; i++) {
            if (zeroOne[i].length != zeroOne[0].length) {
                throw new IllegalArgumentException(what + " is ragged: row " + (i + 1) + " has "
                        + zeroOne[i].length + " entries but row 1 has " + zeroOne[0].length);
            }
            for (int j = 0; j < zeroOne[i].length; j++) {
                int x = zeroOne[i][j];
                if (x != 0 && x != 1) {
                    throw new IllegalArgumentException(what + "[" + i + "][" + j + "] is " + x + "; expected 0 or 1");
                }
                m[i][j] = x == 1;
            }
        }
        return new Mask(new boolean[][][] {m});
    }

    /** A custom (T, S) mask from booleans (true = may attend). */
    public static Mask of(boolean[][] allowed) {
        int[][] z = new int[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            z[i] = new int[allowed[i].length];
            for (int j = 0; j < allowed[i].length; j++) {
                z[i][j] = allowed[i][j] ? 1 : 0;
            }
        }
        return custom(z, "mask");
    }

    /** Both masks at once (e.g. padding and causal): a key is allowed when both allow it. */
    public Mask and(Mask other) {
        if (this.allowed == null) {
            return other;
        }
        if (other.allowed == null) {
            return this;
        }
        int b1 = allowed.length;
        int b2 = other.allowed.length;
        if (b1 != b2 && b1 != 1 && b2 != 1) {
            throw new IllegalArgumentException("cannot combine masks for batches of " + b1 + " and " + b2);
        }
        int t = allowed[0].length;
        int s = allowed[0][0].length;
        if (other.allowed[0].length != t || other.allowed[0][0].length != s) {
            throw new IllegalArgumentException("cannot combine a " + t + "×" + s + " mask with a "
                    + other.allowed[0].length + "×" + other.allowed[0][0].length + " mask");
        }
        int b = Math.max(b1, b2);
        boolean[][][] m = new boolean[b][t][s];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < s; j++) {
                    m[n][i][j] = allowed[b1 == 1 ? 0 : n][i][j] && other.allowed[b2 == 1 ? 0 : n][i][j];
                }
            }
        }
        return new Mask(m);
    }

    public boolean isNone() {
        return allowed == null;
    }

    /** Batch size of the table (1 for a shared mask, 0 for {@link #none()}). */
    public int batch() {
        return allowed == null ? 0 : allowed.length;
    }

    /** Whether query i of sequence b may attend key j. */
    public boolean allowed(int b, int i, int j) {
        return allowed == null || allowed[allowed.length == 1 ? 0 : b][i][j];
    }

    /** The (T, S) table for sequence b, all true for {@link #none()}. */
    public boolean[][] table(int b, int t, int s) {
        requireFits(b, t, s);
        boolean[][] out = new boolean[t][s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                out[i][j] = allowed(b, i, j);
            }
        }
        return out;
    }

    /** Checks that this mask fits a (T, S) score matrix of sequence b. */
    public void requireFits(int b, int t, int s) {
        if (allowed == null) {
            return;
        }
        if (allowed.length != 1 && b >= allowed.length) {
            throw new IllegalArgumentException("mask has " + allowed.length + " sequences but sequence " + (b + 1) + " was asked for");
        }
        boolean[][] m = allowed[allowed.length == 1 ? 0 : b];
        if (m.length != t || m[0].length != s) {
            throw new IllegalArgumentException("mask is " + m.length + "×" + m[0].length
                    + " but the scores are " + t + "×" + s + " (queries × keys)");
        }
    }

    /**
     * The (T, S) additive form of sequence b's mask, or null for {@link #none()}: 0 where a key
     * is allowed and the type's lowest finite value where it is not, so that scores + this, then a
     * row softmax, gives masked keys exactly zero weight (e^(lowest − max) underflows to 0) without
     * a pass that multiplies by the 0/1 table. Rows with no allowed key are left to the caller
     * ({@link #emptyRows}): their softmax is meaningless and must be set to zero.
     */
    INDArray additive(int b, int t, int s, DataType type) {
        if (allowed == null) {
            return null;
        }
        requireFits(b, t, s);
        boolean[][] m = allowed[allowed.length == 1 ? 0 : b];
        if (type == DataType.DOUBLE) {
            double[] flat = new double[t * s];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < s; j++) {
                    flat[i * s + j] = m[i][j] ? 0 : -Double.MAX_VALUE;
                }
            }
            return Nd4j.create(flat, new long[] {t, s}, DataType.DOUBLE);
        }
        float[] flat = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                flat[i * s + j] = m[i][j] ? 0 : -Float.MAX_VALUE;
            }
        }
        return Nd4j.create(flat, new long[] {t, s}, DataType.FLOAT).castTo(type);
    }

    /** The queries of sequence b that may attend to no key at all (their weights are all zero). */
    int[] emptyRows(int b, int t, int s) {
        if (allowed == null) {
            return new int[0];
        }
        requireFits(b, t, s);
        boolean[][] m = allowed[allowed.length == 1 ? 0 : b];
        int[] rows = new int[t];
        int n = 0;
        for (int i = 0; i < t; i++) {
            boolean any = false;
            for (int j = 0; j < s && !any; j++) {
                any = m[i][j];
            }
            if (!any) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    /** The (T, S) 0/1 array ND4J multiplies with, or null for {@link #none()}. */
    INDArray allowedMatrix(int b, int t, int s, DataType type) {
        if (allowed == null) {
            return null;
        }
        requireFits(b, t, s);
        boolean[][] m = allowed[allowed.length == 1 ? 0 : b];
        double[] flat = new double[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                flat[i * s + j] = m[i][j] ? 1 : 0;
            }
        }
        return Nd4j.create(flat, new long[] {t, s}, DataType.DOUBLE).castTo(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask other && Arrays.deepEquals(allowed, other.allowed);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(allowed);
    }

    @Override
    public String toString() {
        return allowed == null ? "Mask.none" : "Mask(" + allowed.length + "×" + allowed[0].length + "×" + allowed[0][0].length + ")";
    }

    private static void requirePositive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " is " + n + "; expected a positive number");
        }
    }
}

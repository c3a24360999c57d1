package org.attentionlab.engine;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions between ND4J arrays and plain Java arrays, and the shape checks every public
 * engine method uses. Plain arrays cross the engine's boundary; INDArrays stay inside.
 */
public final class Tensors {

    private Tensors() {
    }

    /** A (rows, cols) matrix from a rectangular array; {@code what} names it in errors. */
    public static INDArray matrix(double[][] values, Precision precision, String what) {
        requireRectangular(values, what);
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = values[i][j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(what + "[" + i + "][" + j + "] is " + x + "; expected a finite number");
                }
                flat[i * cols + j] = x;
            }
        }
        return Nd4j.create(flat, new long[] {rows, cols}, DataType.DOUBLE).castTo(precision.dataType());
    }

    /** A (n) vector. */
    public static INDArray vector(double[] values, Precision precision, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i] + "; expected a finite number");
            }
        }
        return Nd4j.create(values.clone(), new long[] {values.length}, DataType.DOUBLE).castTo(precision.dataType());
    }

    /** Copies a rank-2 array out of ND4J. */
    public static double[][] toMatrix(INDArray a) {
        requireRank(a, 2, "matrix");
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        double[] flat = rowMajor(a);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /** Copies a rank-2 array out of ND4J as a {@link Matrix}: one copy, straight into the matrix's storage. */
    public static org.attentionlab.engine.trace.Matrix matrixOf(INDArray a) {
        requireRank(a, 2, "matrix");
        return org.attentionlab.engine.trace.Matrix.adopt((int) a.size(0), (int) a.size(1), rowMajor(a));
    }

    /** Copies a rank-1 array (or a 1×n / n×1 matrix) out of ND4J. */
    public static double[] toVector(INDArray a) {
        return rowMajor(a);
    }

    /**
     * A fresh Java array of a's values in row-major order. A whole c-ordered array is read from its
     * buffer in one conversion; anything else (a view, f order) is laid out by ND4J first. (The
     * engine copies every attention and hidden state out: two ND4J ops fewer per copy.)
     */
    private static double[] rowMajor(INDArray a) {
        if (!a.isView() && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length()) {
            return a.data().asDouble(); // a new array in every DataBuffer implementation
        }
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    public static void requireRectangular(double[][] values, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(what + " row " + (i + 1) + " is missing");
            }
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException(what + " is ragged: row " + (i + 1) + " has "
                        + values[i].length + " numbers but row 1 has " + values[0].length);
            }
        }
    }

    public static void requireRank(INDArray a, int rank, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (a.rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + " but has shape " + Arrays.toString(a.shape()));
        }
    }

    /** Checks {@code a.size(dim) == expected}, naming both shapes on failure. */
    public static void requireSize(INDArray a, int dim, long expected, String what, String expectation) {
        if (a.size(dim) != expected) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(a.shape())
                    + " but " + expectation + " (" + expected + ")");
        }
    }

    /** Deep copy of a matrix. */
    public static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}

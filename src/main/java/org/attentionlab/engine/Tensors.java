package org.attentionlab.engine;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * a's values in row-major order cut into {@code count} equal consecutive blocks, each a fresh
     * array: the heads of an (H, T, S) array without a second copy of the whole.
     */
    static List<double[]> blocks(INDArray a, int count) {
        long n = a.length();
        if (count <= 0 || n % count != 0) {
            throw new IllegalArgumentException(Arrays.toString(a.shape()) + " does not split into " + count + " equal blocks");
        }
        int block = (int) (n / count);
        List<double[]> out = new ArrayList<>(count);
        if (a.dataType() == DataType.FLOAT && wholeC(a)) {
            FloatBuffer buffer = a.data().asNioFloat();
            float[] f = new float[block];
            for (int i = 0; i < count; i++) {
                buffer.get(i * block, f);
                double[] d = new double[block];
                for (int j = 0; j < block; j++) {
                    d[j] = f[j];
                }
                out.add(d);
            }
            return out;
        }
        double[] all = rowMajor(a);
        for (int i = 0; i < count; i++) {
            out.add(Arrays.copyOfRange(all, i * block, (i + 1) * block));
        }
        return out;
    }

    private static boolean wholeC(INDArray a) {
        return !a.isView() && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length();
    }

    /**
     * A fresh Java array of a's values in row-major order. A whole c-ordered array is read from its
     * buffer in one conversion; anything else (a view, f order) is laid out by ND4J first. (The
     * engine copies every attention and hidden state out: two ND4J ops fewer per copy.)
     */
    private static double[] rowMajor(INDArray a) {
        if (wholeC(a)) {
            if (a.dataType() == DataType.FLOAT && a.length() <= Integer.MAX_VALUE) {
                // one bulk read of the native buffer, widened here: DataBuffer.asDouble() reads
                // element by element (bert-base copies out 12 × (H, T, T) weights per forward)
                float[] f = new float[(int) a.length()];
                a.data().asNioFloat().get(0, f);
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                return out;
            }
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

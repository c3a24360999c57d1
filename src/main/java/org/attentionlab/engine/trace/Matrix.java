package org.attentionlab.engine.trace;

import java.util.Arrays;

/**
 * An immutable (rows, cols) matrix of doubles, row-major: what traces hand to views and files.
 * Masked attention scores are stored as {@code Double.NEGATIVE_INFINITY}.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** Copies a rectangular array. */
    public static Matrix of(double[][] values) {
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("ragged matrix: row " + (i + 1) + " has " + values[i].length
                        + " numbers but row 1 has " + c);
            }
            System.arraycopy(values[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    /** Copies row-major data. */
    public static Matrix of(int rows, int cols, double[] rowMajor) {
        if (rows < 0 || cols < 0 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + ((long) rows * cols)
                    + " values but got " + rowMajor.length);
        }
        return new Matrix(rows, cols, rowMajor.clone());
    }

    /**
     * Takes {@code rowMajor} as this matrix's own storage, without copying it: only for a producer
     * that has just made the array and never touches it again (the engine copying a 512×512 stage
     * out of ND4J, where a second 2 MB copy per stage kept the collector busy enough to stall the
     * UI). Everyone else uses {@link #of(int, int, double[])}.
     */
    public static Matrix adopt(int rows, int cols, double[] rowMajor) {
        if (rows < 0 || cols < 0 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + ((long) rows * cols)
                    + " values but got " + rowMajor.length);
        }
        return new Matrix(rows, cols, rowMajor);
    }

    /** A 1×n matrix. */
    public static Matrix row(double[] values) {
        return new Matrix(1, values.length, values.clone());
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside a " + rows + "×" + cols + " matrix");
        }
        return data[i * cols + j];
    }

    /** A copy of row i. */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** A copy of column j. */
    public double[] column(int j) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i * cols + j];
        }
        return out;
    }

    /** A copy as a 2-D array. */
    public double[][] toArray() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /** A copy of the row-major data. */
    public double[] toRowMajor() {
        return data.clone();
    }

    /** The transpose. */
    public Matrix transpose() {
        double[] t = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, t);
    }

    /** Smallest and largest finite value, or {0, 0} when there is none. */
    public double[] finiteRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : data) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return lo > hi ? new double[] {0, 0} : new double[] {lo, hi};
    }

    /** Same shape and every entry within {@code atol + rtol·|other|} (infinities must match exactly). */
    public boolean allClose(Matrix other, double rtol, double atol) {
        if (other.rows != rows || other.cols != cols) {
            return false;
        }
        for (int n = 0; n < data.length; n++) {
            double a = data[n];
            double b = other.data[n];
            if (Double.isInfinite(a) || Double.isInfinite(b)) {
                if (a != b) {
                    return false;
                }
            } else if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Matrix(" + rows + "×" + cols + ")";
    }
}

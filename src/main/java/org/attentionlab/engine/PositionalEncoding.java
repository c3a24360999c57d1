package org.attentionlab.engine;

/**
 * Positional encodings (section 3.5). Attention itself is blind to order (permuting the keys
 * and values together leaves its output unchanged), so position is added to each token vector.
 * The sinusoidal table PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d))
 * gives every dimension pair its own wavelength, from 2π to 10000·2π, so that PE(pos + k) is a
 * linear function of PE(pos) for each fixed offset k. A learned table (as in BERT) is the
 * alternative the paper found to work about as well.
 */
public final class PositionalEncoding {

    /** The largest table we build: 100 000 positions × 4096 dimensions would be 3 GB of doubles. */
    public static final long MAX_CELLS = 50_000_000L;

    private PositionalEncoding() {
    }

    /** The sinusoidal table, rows = positions 0..positions−1, columns = dimensions 0..dim−1. */
    public static double[][] sinusoidal(int positions, int dim) {
        requireSize(positions, dim);
        double[][] pe = new double[positions][];
        for (int pos = 0; pos < positions; pos++) {
            pe[pos] = sinusoidalRow(pos, dim);
        }
        return pe;
    }

    /**
     * One row of the sinusoidal table, PE(pos, 0..dim−1), for a position past the end of a table
     * (a view showing PE(pos + k) as a rotation of PE(pos) needs it).
     */
    public static double[] sinusoidalRow(int pos, int dim) {
        if (pos < 0) {
            throw new IllegalArgumentException("position is " + pos + "; expected 0 or more");
        }
        requireSize(1, dim);
        double[] row = new double[dim];
        for (int j = 0; j < dim; j++) {
            int twoI = j - (j % 2);
            double angle = pos / Math.pow(10000.0, (double) twoI / dim);
            row[j] = j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
        }
        return row;
    }

    /** A learned table's starting point: N(0, 0.02²) as BERT initialises it, seeded. */
    public static double[][] learned(int positions, int dim, long seed) {
        requireSize(positions, dim);
        double[][] table = Tensors.toMatrix(new Init(seed, Precision.FLOAT64).normal(positions, dim, 0.02));
        return table;
    }

    private static void requireSize(int positions, int dim) {
        if (positions <= 0) {
            throw new IllegalArgumentException("positions is " + positions + "; expected a positive whole number");
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("dim is " + dim + "; expected a positive whole number");
        }
        if ((long) positions * dim > MAX_CELLS) {
            throw new IllegalArgumentException("a " + positions + "×" + dim + " table is too large (at most "
                    + MAX_CELLS + " cells)");
        }
    }
}

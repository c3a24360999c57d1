package org.attentionlab.engine;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded, reproducible initialisation. The random numbers come from Java's
 * {@link SplittableRandom}, not from ND4J, so the same seed gives the same weights on every
 * backend (CPU or GPU) and every run.
 */
public final class Init {

    private final SplittableRandom random;
    private final Precision precision;

    public Init(long seed, Precision precision) {
        this.random = new SplittableRandom(seed);
        this.precision = precision;
    }

    /** Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fan_in + fan_out)); shape (fanIn, fanOut). */
    public INDArray glorot(int fanIn, int fanOut) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(fanIn, fanOut, a);
    }

    /** U(−a, a) of shape (rows, cols). */
    public INDArray uniform(int rows, int cols, double a) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = (2 * random.nextDouble() - 1) * a;
            }
        }
        return Tensors.matrix(m, precision, "weights");
    }

    /** N(0, σ²) of shape (rows, cols), by Box–Muller. */
    public INDArray normal(int rows, int cols, double sigma) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                m[i][j] = sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
        }
        return Tensors.matrix(m, precision, "weights");
    }

    /** A zero vector of length n (biases). */
    public INDArray zeros(int n) {
        return Tensors.vector(new double[n], precision, "bias");
    }

    /** A vector of ones (layer-norm gain). */
    public INDArray ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return Tensors.vector(v, precision, "gain");
    }
}

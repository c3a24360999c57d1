package org.attentionlab.engine;

import java.util.Arrays;

/**
 * Principal component analysis: the k directions along which a set of vectors (an embedding
 * table's rows) varies most, and every vector's coordinates along them, so that 768-dimensional
 * embeddings can be drawn in 2-D or 3-D. Plain float64 Java (cyclic Jacobi on a symmetric matrix),
 * meant for the few hundred rows a view shows, not for a whole vocabulary.
 *
 * <p>Shapes: n vectors of dimension d, k components. The rows are centred on their mean; the
 * eigenvectors of the d × d scatter matrix Xcᵀ·Xc are the axes. When n &lt; d the n × n Gram matrix
 * Xc·Xcᵀ gives the same non-zero eigenvalues more cheaply, and each axis is Xcᵀ·u / √λ.
 *
 * <p>Conventions (also those of the numpy reference in {@code src/test/python}): explained variance
 * is λ / (n − 1), as scikit-learn reports it; the ratio is λ over the total (the trace), so it does
 * not depend on that divisor. An axis's sign is free; it is chosen so that the sum of its entries is
 * positive, or, when that sum is 0, its largest entry by magnitude. A direction with no variance
 * (more components than the data can span when n ≤ d) gets a zero axis and zero coordinates.
 *
 * @param mean                   (d) the mean that was subtracted
 * @param axes                   (k, d) unit vectors, largest variance first
 * @param explainedVariance      (k) variance along each axis, λ / (n − 1); 0 when n = 1
 * @param explainedVarianceRatio (k) share of the total variance, in [0, 1]
 * @param projected              (n, k) each vector's coordinates: (x − mean)·axisᵀ
 */
public record Pca(double[] mean, double[][] axes, double[] explainedVariance, double[] explainedVarianceRatio,
                  double[][] projected) {

    private static final int MAX_SWEEPS = 100;

    public Pca {
        mean = mean.clone();
        axes = deepCopy(axes);
        explainedVariance = explainedVariance.clone();
        explainedVarianceRatio = explainedVarianceRatio.clone();
        projected = deepCopy(projected);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] axes() {
        return deepCopy(axes);
    }

    @Override
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    @Override
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    @Override
    public double[][] projected() {
        return deepCopy(projected);
    }

    /** Number of components k. */
    public int components() {
        return axes.length;
    }

    /**
     * Fits {@code k} components to the rows of {@code x} (n, d).
     *
     * @throws IllegalArgumentException if x is empty, ragged or not finite, or k is not in 1..d
     */
    public static Pca fit(double[][] x, int k) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("PCA needs at least one vector; got none");
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("PCA needs vectors with at least one number; row 1 is empty");
        }
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components k is " + k + "; expected 1 to d = " + d);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("PCA input is ragged: row " + (i + 1) + " has " + x[i].length
                        + " numbers but row 1 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("PCA input row " + (i + 1) + ", column " + (j + 1) + " is "
                            + x[i][j] + "; expected a finite number");
                }
                mean[j] += x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] xc = new double[n][d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xc[i][j] = x[i][j] - mean[j];
                total += xc[i][j] * xc[i][j];
            }
        }
        double[][] axes = new double[k][d];
        double[] lambda = new double[k];
        if (n < d) {
            // Gram matrix (n, n): its eigenvectors u give the axes Xcᵀ·u / √λ
            double[][] g = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double s = VectorSimilarity.dot(xc[i], xc[j]);
                    g[i][j] = s;
                    g[j][i] = s;
                }
            }
            Eigen e = jacobi(g);
            double floor = 1e-12 * Math.max(total, Double.MIN_NORMAL);
            for (int c = 0; c < k && c < n; c++) {
                double l = e.values[c];
                if (l <= floor) {
                    continue; // no variance left along any further direction: zero axis
                }
                lambda[c] = l;
                double inv = 1 / Math.sqrt(l);
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += xc[i][j] * e.vectors[i][c];
                    }
                    axes[c][j] = s * inv;
                }
            }
        } else {
            // scatter matrix (d, d) = Xcᵀ·Xc: its eigenvectors are the axes
            double[][] s = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    double v = 0;
                    for (int i = 0; i < n; i++) {
                        v += xc[i][a] * xc[i][b];
                    }
                    s[a][b] = v;
                    s[b][a] = v;
                }
            }
            Eigen e = jacobi(s);
            for (int c = 0; c < k; c++) {
                lambda[c] = Math.max(0, e.values[c]);
                for (int j = 0; j < d; j++) {
                    axes[c][j] = e.vectors[j][c];
                }
            }
        }
        for (double[] axis : axes) {
            orient(axis);
        }
        double[] variance = new double[k];
        double[] ratio = new double[k];
        for (int c = 0; c < k; c++) {
            variance[c] = n > 1 ? lambda[c] / (n - 1) : 0;
            ratio[c] = total > 0 ? lambda[c] / total : 0;
        }
        double[][] projected = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                projected[i][c] = VectorSimilarity.dot(xc[i], axes[c]);
            }
        }
        return new Pca(mean, axes, variance, ratio, projected);
    }

    /** Flips an axis so that its entries sum to a positive number (or its largest entry is positive). */
    private static void orient(double[] axis) {
        double sum = 0;
        double scale = 0;
        int largest = 0;
        for (int j = 0; j < axis.length; j++) {
            sum += axis[j];
            scale += Math.abs(axis[j]);
            if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
                largest = j;
            }
        }
        boolean flip = Math.abs(sum) > 1e-9 * Math.max(scale, Double.MIN_NORMAL) ? sum < 0 : axis[largest] < 0;
        if (flip) {
            for (int j = 0; j < axis.length; j++) {
                axis[j] = -axis[j];
            }
        }
    }

    /** Eigenvalues (descending) and eigenvectors (columns) of a symmetric matrix. */
    private record Eigen(double[] values, double[][] vectors) {
    }

    /**
     * The cyclic Jacobi method: rotate away every off-diagonal entry in turn until the matrix is
     * diagonal to rounding; the product of the rotations holds the eigenvectors.
     */
    private static Eigen jacobi(double[][] input) {
        int m = input.length;
        double[][] a = deepCopy(input);
        double[][] v = new double[m][m];
        double norm = 0;
        for (int i = 0; i < m; i++) {
            v[i][i] = 1;
            for (int j = 0; j < m; j++) {
                norm += a[i][j] * a[i][j];
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * norm || off == 0) {
                break;
            }
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    // choose the rotation angle φ with cot 2φ = θ that makes a[p][q] zero
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < m; r++) {
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < m; r++) {
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < m; r++) {
                        double vrp = v[r][p];
                        double vrq = v[r][q];
                        v[r][p] = c * vrp - s * vrq;
                        v[r][q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        double[][] fa = a;
        Arrays.sort(order, (i, j) -> Double.compare(fa[j][j], fa[i][i]));
        double[] values = new double[m];
        double[][] vectors = new double[m][m];
        for (int c = 0; c < m; c++) {
            values[c] = a[order[c]][order[c]];
            for (int r = 0; r < m; r++) {
                vectors[r][c] = v[r][order[c]];
            }
        }
        return new Eigen(values, vectors);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}

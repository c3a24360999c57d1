package org.attentionlab.ui.multihead;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.attentionlab.engine.trace.Matrix;

/**
 * Ways of looking at many attention maps at once, on plain (T queries, T keys) weight matrices
 * whose rows sum to 1: the mean and the element-wise maximum over heads (or over every head of
 * every layer), attention rollout, hiding the special tokens, and the sentence-pair filter.
 * Pure functions without JavaFX, so they run on the background thread and are tested against an
 * independent numpy reference ({@code src/test/python/make_multihead_golden.py}).
 */
public final class AttentionMaps {

    private AttentionMaps() {
    }

    /** (1/n) Σ Aᵢ. */
    public static Matrix mean(List<Matrix> maps) {
        int[] shape = sameShape(maps);
        double[] sum = new double[shape[0] * shape[1]];
        for (Matrix m : maps) {
            double[] a = m.toRowMajor();
            for (int k = 0; k < a.length; k++) {
                sum[k] += a[k];
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= maps.size();
        }
        return Matrix.of(shape[0], shape[1], sum);
    }

    /** The element-wise maximum: where any one head looks hard, the cell is bright. Rows no longer sum to 1. */
    public static Matrix max(List<Matrix> maps) {
        int[] shape = sameShape(maps);
        double[] out = null;
        for (Matrix m : maps) {
            double[] a = m.toRowMajor();
            if (out == null) {
                out = a;
            } else {
                for (int k = 0; k < a.length; k++) {
                    out[k] = Math.max(out[k], a[k]);
                }
            }
        }
        return Matrix.of(shape[0], shape[1], out);
    }

    /** Every head of every layer in one list (for the mean or maximum over layers). */
    public static List<Matrix> all(List<List<Matrix>> layers) {
        List<Matrix> out = new ArrayList<>();
        layers.forEach(out::addAll);
        return out;
    }

    /**
     * Attention rollout (Abnar &amp; Zuidema 2020, "Quantifying Attention Flow in Transformers"),
     * R₀ … R_{L−1}. A layer's residual connection carries each token's own vector past the
     * attention, so each layer's map becomes Ã_l = rownorm(mean_h A_{l,h} + I) (which is
     * ½·mean + ½·I, rows still summing to 1); how much of the input token j reaches position i
     * after layer l is then R_l = Ã_l · R_{l−1}, with R₀ = Ã₀.
     *
     * @param layers [layer][head] → (T, T) weights
     */
    public static List<Matrix> rollout(List<List<Matrix>> layers) {
        List<Matrix> out = new ArrayList<>(layers.size());
        double[][] r = null;
        for (List<Matrix> heads : layers) {
            double[][] b = mean(heads).toArray();
            int t = b.length;
            for (int i = 0; i < t; i++) {
                b[i][i] += 1;
                double s = 0;
                for (double x : b[i]) {
                    s += x;
                }
                for (int j = 0; j < t; j++) {
                    b[i][j] /= s; // s ≥ 1: the identity alone guarantees it, so never 0
                }
            }
            r = r == null ? b : multiply(b, r);
            out.add(Matrix.of(r));
        }
        return out;
    }

    /**
     * The map without attention to the given key columns (e.g. {@code [CLS]} and {@code [SEP]},
     * which soak up much of BERT's attention): those columns become 0 and each row is divided by
     * what is left, so it sums to 1 again. A row that had nothing left stays all 0, never NaN.
     */
    public static Matrix hideColumns(Matrix m, Collection<Integer> columns) {
        double[][] a = m.toArray();
        for (double[] row : a) {
            for (int j : columns) {
                if (j >= 0 && j < row.length) {
                    row[j] = 0;
                }
            }
            double s = 0;
            for (double x : row) {
                s += x;
            }
            for (int j = 0; j < row.length; j++) {
                row[j] = s > 0 ? row[j] / s : 0;
            }
        }
        return Matrix.of(a);
    }

    /** The rows and columns given, in that order (for the sentence-pair filter); no renormalisation. */
    public static Matrix select(Matrix m, List<Integer> rows, List<Integer> cols) {
        double[] out = new double[rows.size() * cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                out[i * cols.size() + j] = m.get(rows.get(i), cols.get(j));
            }
        }
        return Matrix.of(rows.size(), cols.size(), out);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int p = b[0].length;
        double[][] c = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < k; q++) {
                double x = a[i][q];
                if (x == 0) {
                    continue;
                }
                double[] bq = b[q];
                double[] ci = c[i];
                for (int j = 0; j < p; j++) {
                    ci[j] += x * bq[j];
                }
            }
        }
        return c;
    }

    private static int[] sameShape(List<Matrix> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("no attention maps to combine; expected at least one head");
        }
        int r = maps.get(0).rows();
        int c = maps.get(0).cols();
        for (int i = 1; i < maps.size(); i++) {
            if (maps.get(i).rows() != r || maps.get(i).cols() != c) {
                throw new IllegalArgumentException("attention map " + i + " is " + maps.get(i).rows() + "×"
                        + maps.get(i).cols() + " but map 0 is " + r + "×" + c);
            }
        }
        return new int[] {r, c};
    }
}

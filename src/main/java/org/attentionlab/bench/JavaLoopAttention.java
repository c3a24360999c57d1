package org.attentionlab.bench;

import org.attentionlab.engine.AttentionWeights;

/**
 * Multi-head attention as the textbook writes it, in plain Java loops on doubles: the baseline
 * that shows what BLAS and batching buy. Same weights and conventions as the engine.
 */
final class JavaLoopAttention {

    private final AttentionWeights w;
    private final int heads;

    JavaLoopAttention(AttentionWeights w, int heads) {
        this.w = w;
        this.heads = heads;
    }

    double[][] forward(double[][] x, boolean causal) {
        int t = x.length;
        double[][] q = project(x, w.wq(), w.bq());
        double[][] k = project(x, w.wk(), w.bk());
        double[][] v = project(x, w.wv(), w.bv());
        int dk = q[0].length / heads;
        int dv = v[0].length / heads;
        double[][] concat = new double[t][heads * dv];
        double scale = 1 / Math.sqrt(dk);
        double[] s = new double[t];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                int keys = causal ? i + 1 : t;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    double dot = 0;
                    for (int c = 0; c < dk; c++) {
                        dot += q[i][h * dk + c] * k[j][h * dk + c];
                    }
                    s[j] = dot * scale;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < keys; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < keys; j++) {
                    double a = s[j] / sum;
                    for (int c = 0; c < dv; c++) {
                        concat[i][h * dv + c] += a * v[j][h * dv + c];
                    }
                }
            }
        }
        return project(concat, w.wo(), w.bo());
    }

    private static double[][] project(double[][] x, double[][] weight, double[] bias) {
        int n = x.length;
        int in = weight.length;
        int out = weight[0].length;
        double[][] y = new double[n][out];
        for (int i = 0; i < n; i++) {
            double[] yi = y[i];
            System.arraycopy(bias, 0, yi, 0, out);
            for (int p = 0; p < in; p++) {
                double xp = x[i][p];
                double[] wp = weight[p];
                for (int j = 0; j < out; j++) {
                    yi[j] += xp * wp[j];
                }
            }
        }
        return y;
    }
}

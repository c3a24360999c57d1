package org.attentionlab.engine;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation (Ba et al. 2016), used around every sub-layer (Vaswani et al. 2017,
 * section 3.1): each row (position) is shifted to mean 0 and scaled to variance 1, then given a
 * learned gain γ and bias β: y = (x − μ) / √(σ² + ε) · γ + β, with σ² the population variance.
 * ε keeps a constant row (σ² = 0) finite. Shapes: x (N, D) -> (N, D), γ and β (D).
 */
public final class LayerNorm {

    private final INDArray gamma;
    private final INDArray beta;
    private final double eps;

    public LayerNorm(INDArray gamma, INDArray beta, double eps) {
        if (gamma.length() != beta.length()) {
            throw new IllegalArgumentException("layer norm γ has " + gamma.length() + " entries but β has " + beta.length());
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("layer norm eps is " + eps + "; expected a small positive number");
        }
        this.gamma = gamma.reshape(1, gamma.length());
        this.beta = beta.reshape(1, beta.length());
        this.eps = eps;
    }

    /** γ = 1, β = 0. */
    public static LayerNorm identity(int d, double eps, Init init) {
        return new LayerNorm(init.ones(d), init.zeros(d), eps);
    }

    public static LayerNorm of(double[] gamma, double[] beta, double eps, Precision p) {
        return new LayerNorm(Tensors.vector(gamma, p, "γ"), Tensors.vector(beta, p, "β"), eps);
    }

    /** (N, D) -> (N, D). */
    public INDArray apply(INDArray x) {
        return apply(x, null);
    }

    /**
     * LN(x + r) for the residual connection around a sub-layer ({@code r} may be null): (N, D) -> (N, D).
     * On float32 arrays that BLAS could take as they are, one pass per row in plain Java, the
     * statistics in float64: the ND4J form is seven native ops (and seven thread hand-offs) for
     * what is a few microseconds of arithmetic per row.
     */
    INDArray apply(INDArray x, INDArray r) {
        Tensors.requireSize(x, 1, gamma.length(), "layer norm input", "its width must match γ");
        if (r != null) {
            Tensors.requireSize(r, 1, gamma.length(), "layer norm residual", "its width must match γ");
        }
        if (Nd4j.getEnvironment().isCPU() && packed(x) && packed(gamma) && packed(beta)
                && (r == null || packed(r) && r.size(0) == x.size(0))) {
            return applyFloat(x, r);
        }
        if (r != null) {
            x = x.add(r);
        }
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray std = Transforms.sqrt(variance.addi(eps), false);
        return centred.diviColumnVector(std).muliRowVector(gamma).addiRowVector(beta);
    }

    /**
     * A float32 matrix whose values fill its buffer in row-major order from its start (a whole
     * array, or a reshape of one: ND4J calls those views too).
     */
    private static boolean packed(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.rank() == 2 && a.ordering() == 'c' && a.offset() == 0
                && a.stride(1) == 1 && a.stride(0) == a.size(1) && a.data().length() == a.length();
    }

    private INDArray applyFloat(INDArray x, INDArray r) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        FloatBuffer in = x.data().asNioFloat();
        FloatBuffer res = r == null ? null : r.data().asNioFloat();
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        FloatBuffer out = y.data().asNioFloat();
        float[] g = new float[d];
        float[] bb = new float[d];
        gamma.data().asNioFloat().get(0, g);
        beta.data().asNioFloat().get(0, bb);
        float[] row = new float[d];
        float[] add = r == null ? null : new float[d];
        for (int i = 0; i < n; i++) {
            in.get(i * d, row);
            if (add != null) {
                res.get(i * d, add);
                for (int j = 0; j < d; j++) {
                    row[j] += add[j]; // the residual sum, rounded to float32 as the ND4J form does
                }
            }
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += row[j];
            }
            double mean = sum / d;
            double squares = 0;
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean;
                squares += c * c;
            }
            double inv = 1.0 / Math.sqrt(squares / d + eps);
            for (int j = 0; j < d; j++) {
                row[j] = (float) ((row[j] - mean) * inv * g[j] + bb[j]);
            }
            out.put(i * d, row);
        }
        return y;
    }

    public double eps() {
        return eps;
    }

    public int width() {
        return (int) gamma.length();
    }
}

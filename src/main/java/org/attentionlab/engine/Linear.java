package org.attentionlab.engine;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An affine map y = x·W + b applied to each row (position) independently. W is (in, out),
 * b is (out); x is (N, in), y is (N, out). Rows may be any flattening of (B, T).
 */
public final class Linear {

    private final INDArray weight;
    private final INDArray bias;

    /**
     * @param weight (in, out)
     * @param bias   (out)
     */
    public Linear(INDArray weight, INDArray bias, String name) {
        Tensors.requireRank(weight, 2, name + ".weight");
        if (bias.length() != weight.size(1)) {
            throw new IllegalArgumentException(name + ".bias has " + bias.length() + " entries but "
                    + name + ".weight has " + weight.size(1) + " output columns " + Arrays.toString(weight.shape()));
        }
        this.weight = weight;
        this.bias = bias.reshape(1, weight.size(1));
    }

    public static Linear glorot(Init init, int in, int out, String name) {
        return new Linear(init.glorot(in, out), init.zeros(out), name);
    }

    /** (N, in) -> (N, out). */
    public INDArray apply(INDArray x) {
        // gemm into an uninitialised result: mmul zeroes and allocates through a slower path
        INDArray y = Nd4j.createUninitialized(weight.dataType(), x.size(0), weight.size(1));
        return Nd4j.gemm(x, weight, y, false, false, 1.0, 0.0).addiRowVector(bias);
    }

    public long in() {
        return weight.size(0);
    }

    public long out() {
        return weight.size(1);
    }

    /** The live weight (in, out); engine-internal. */
    INDArray weight() {
        return weight;
    }

    /** The live bias (1, out); engine-internal. */
    INDArray bias() {
        return bias;
    }
}

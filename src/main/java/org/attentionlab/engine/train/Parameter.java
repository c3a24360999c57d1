package org.attentionlab.engine.train;

import java.util.Arrays;
import java.util.Objects;

import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.Matrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trainable tensor θ and its gradient ∂L/∂θ, named as a checkpoint names it
 * (for example {@code encoder.0.self_attention.w_q.weight}).
 *
 * <p>Once a {@link Parameters} set takes the parameter in, its value and gradient become views
 * into that set's two flat buffers, so an optimizer updates every parameter with a handful of
 * whole-buffer operations. Layers therefore read {@link #value()} on every call instead of
 * keeping the array. The arrays are live ND4J arrays and stay inside the engine; views get
 * copies ({@link #valueMatrix()}, {@link #gradMatrix()}).
 */
public final class Parameter {

    private final String name;
    private final long[] shape;
    private INDArray value;
    private INDArray grad;

    /** A parameter with its initial value (rank 1 or 2); the gradient starts at zero. */
    public Parameter(String name, INDArray initial) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initial, "initial value of " + name);
        if (initial.rank() < 1 || initial.rank() > 2) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(initial.shape())
                    + "; expected a vector or a matrix");
        }
        this.name = name;
        this.shape = initial.shape().clone();
        this.value = initial.dup('c');
        this.grad = Nd4j.zeros(initial.dataType(), shape);
    }

    public String name() {
        return name;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long length() {
        return value.length();
    }

    public DataType dataType() {
        return value.dataType();
    }

    /** The live value; engine-internal. */
    public INDArray value() {
        return value;
    }

    /** The live gradient; engine-internal. */
    public INDArray grad() {
        return grad;
    }

    /** Moves value and gradient into views of a set's flat buffers (contents are kept). */
    void bind(INDArray valueView, INDArray gradView) {
        valueView.assign(value);
        gradView.assign(grad);
        this.value = valueView;
        this.grad = gradView;
    }

    /** Overwrites the value with {@code values} (row-major, same length). */
    public void set(double[] values) {
        if (values.length != value.length()) {
            throw new IllegalArgumentException("parameter " + name + " has " + value.length() + " values "
                    + Arrays.toString(shape) + " but " + values.length + " were given");
        }
        for (double x : values) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("parameter " + name + " would get the value " + x + "; expected finite numbers");
            }
        }
        value.assign(Nd4j.create(values, shape, DataType.DOUBLE).castTo(value.dataType()));
    }

    /** A copy of the value, row-major. */
    public double[] values() {
        return Tensors.toVector(value);
    }

    /** A copy of the value as a matrix (a vector becomes one row). */
    public Matrix valueMatrix() {
        return asMatrix(value);
    }

    /** A copy of the gradient as a matrix (a vector becomes one row). */
    public Matrix gradMatrix() {
        return asMatrix(grad);
    }

    private Matrix asMatrix(INDArray a) {
        double[] v = Tensors.toVector(a);
        return shape.length == 1 ? Matrix.row(v) : Matrix.of((int) shape[0], (int) shape[1], v);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}

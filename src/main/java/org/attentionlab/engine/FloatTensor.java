package org.attentionlab.engine;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable float32 tensor as plain row-major numbers: how large loaded weights (hundreds of
 * megabytes) cross into the engine without a float64 copy. {@link #wrap} takes ownership of the
 * array without copying; nothing outside the engine can reach it afterwards.
 */
public final class FloatTensor {

    private final int[] shape;
    private final float[] data;

    private FloatTensor(float[] data, int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative entry");
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values but "
                    + data.length + " were given");
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** Takes ownership of {@code data} (the caller must not change it afterwards). */
    public static FloatTensor wrap(float[] data, int... shape) {
        return new FloatTensor(data, shape);
    }

    /** Copies {@code data}. */
    public static FloatTensor copyOf(float[] data, int... shape) {
        return new FloatTensor(data.clone(), shape);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size(int dim) {
        return shape[dim];
    }

    public int length() {
        return data.length;
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        return data.clone();
    }

    /** Element at a row-major flat index. */
    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** Whether the shape is exactly {@code expected}. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** Engine-internal: a fresh ND4J array in the given precision. */
    INDArray toNd4j(Precision precision) {
        long[] s = Arrays.stream(shape).asLongStream().toArray();
        INDArray a = Nd4j.create(data, s, DataType.FLOAT);
        return precision.dataType() == DataType.FLOAT ? a : a.castTo(precision.dataType());
    }

    @Override
    public String toString() {
        return "FloatTensor" + shapeString();
    }
}

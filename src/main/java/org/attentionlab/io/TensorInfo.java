package org.attentionlab.io;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header, already validated.
 *
 * @param name  the tensor's name
 * @param dtype the element type
 * @param shape the dimensions (each ≥ 0; empty for a scalar)
 * @param begin first byte, relative to the start of the data area
 * @param end   one past the last byte; {@code end − begin = elementCount · dtype.bytes()}
 */
public record TensorInfo(String name, Dtype dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The product of the shape (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    /** The shape as {@code [a, b]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && t.begin == begin && t.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeString() + " @[" + begin + ", " + end + ")";
    }
}

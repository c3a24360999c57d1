package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies out of ND4J are fresh arrays in row-major order, for whole arrays, views and f order alike. */
class TensorsCopyTest {

    @Test
    void copiesAreFreshAndRowMajor() {
        double[][] m = {{1, 2, 3}, {4, 5, 6}};
        for (Precision p : Precision.values()) {
            INDArray a = Tensors.matrix(m, p, "m");
            double[] v = Tensors.toVector(a);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, v, 0.0, p.name());
            v[0] = 99;
            assertNotSame(v, Tensors.toVector(a));
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Tensors.toVector(a), 0.0, "the array is untouched");
            assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, Tensors.toVector(a.transpose()), 0.0, "a view");
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Tensors.toVector(a.dup('f')), 0.0, "f order");
            assertArrayEquals(new double[] {4, 5, 6}, Tensors.toVector(a.getRow(1)), 0.0, "a row view");
            assertArrayEquals(new double[][] {{2, 5}, {3, 6}}, Tensors.toMatrix(a.transpose().get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3), org.nd4j.linalg.indexing.NDArrayIndex.all())));
        }
    }
}

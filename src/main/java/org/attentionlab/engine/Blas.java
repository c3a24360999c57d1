package org.attentionlab.engine;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major GEMM on blocks of arrays the engine owns, straight into the OpenBLAS that ND4J's CPU
 * backend has already loaded. Why: a head is a column block of the projections (leading dimension
 * H·d_k), and BLAS reads and writes such blocks in place, whereas ND4J copies a strided view before
 * multiplying it and copies the product back. Only for the CPU backend; callers keep an ND4J path
 * for the others (see {@link #usable}).
 */
final class Blas {

    private static volatile Boolean cpu;

    private Blas() {
    }

    /**
     * Whether these arrays can be handed to OpenBLAS as they are: the CPU backend, float32 or
     * float64, each a whole (not a view) c-ordered array of one data type.
     */
    static boolean usable(INDArray... arrays) {
        Boolean c = cpu;
        if (c == null) {
            c = Nd4j.getEnvironment().isCPU();
            cpu = c;
        }
        if (!c) {
            return false;
        }
        DataType type = arrays[0].dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != type || a.isView() || a.ordering() != 'c' || a.offset() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * C[c0 …] = alpha·op(A[a0 …])·op(B[b0 …]) + beta·C[c0 …], row-major, where each operand is
     * the block starting at element offset x0 of its array, rows lda/ldb/ldc elements apart.
     * op(A) is (m, k), op(B) is (k, n), C is (m, n).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     INDArray a, long a0, int lda, INDArray b, long b0, int ldb, double beta,
                     INDArray c, long c0, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a, a0), lda, floats(b, b0), ldb,
                    (float) beta, floats(c, c0), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a, a0), lda, doubles(b, b0), ldb,
                    beta, doubles(c, c0), ldc);
        }
    }

    private static FloatPointer floats(INDArray a, long offset) {
        return new FloatPointer(a.data().addressPointer()).position(offset);
    }

    private static DoublePointer doubles(INDArray a, long offset) {
        return new DoublePointer(a.data().addressPointer()).position(offset);
    }
}

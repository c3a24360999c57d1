package org.attentionlab.engine;

/**
 * Which ND4J backend runs the engine, shown in the status bar and by {@code info}.
 *
 * @param kind       "CPU" or "CUDA"
 * @param device     the processor or GPU name
 * @param blasVendor the BLAS library ND4J calls for matrix products (OpenBLAS, MKL, cuBLAS)
 * @param threads    the threads ND4J may use
 * @param nd4jClass  the ND4J backend class that loaded
 * @param note       why this backend runs (e.g. the GPU fallback), or empty
 */
public record BackendInfo(String kind, String device, String blasVendor, int threads, String nd4jClass, String note) {

    /** One line for a status bar: "CPU · AMD EPYC … · OpenBLAS · 2 threads". */
    public String summary() {
        return kind + " · " + device + " · " + blasVendor + " · " + threads + (threads == 1 ? " thread" : " threads");
    }

    public boolean isGpu() {
        return "CUDA".equals(kind);
    }
}

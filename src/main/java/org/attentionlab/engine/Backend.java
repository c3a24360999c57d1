package org.attentionlab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Finds out which ND4J backend runs. With both the CPU and the CUDA backend on the class path
 * (the {@code cuda} Maven profile), ND4J picks CUDA when a usable GPU is present and otherwise
 * falls back to the CPU; that fallback is quiet (ND4J's log is turned down) but visible here.
 */
public final class Backend {

    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private Backend() {
    }

    /** Loads ND4J if needed (a second or two the first time) and describes the running backend. */
    public static BackendInfo describe() {
        String backendClass = Nd4j.getBackend().getClass().getName();
        boolean cpu = Nd4j.getEnvironment().isCPU();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String blas = cpu ? blasName(Nd4j.factory().blas().getBlasVendor().name()) : "cuBLAS";
        int threads = Math.max(1, Nd4j.getEnvironment().maxThreads());
        String device = cpu ? cpuName() : gpuName(env);
        String note = "";
        if (cpu && cudaInstalled()) {
            note = "The CUDA backend is installed but no usable NVIDIA GPU was found (ND4J 1.0.0-M2.1 needs "
                    + "compute capability 3.7–8.6 and a CUDA 11.6 runtime); running on the CPU.";
        }
        return new BackendInfo(cpu ? "CPU" : "CUDA", device, blas, threads, backendClass, note);
    }

    static boolean cudaInstalled() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String blasName(String vendor) {
        return switch (vendor) {
            case "OPENBLAS" -> "OpenBLAS";
            case "MKL" -> "Intel MKL";
            case "CUBLAS" -> "cuBLAS";
            default -> vendor;
        };
    }

    private static String gpuName(Properties env) {
        Object devices = env.get("cuda.devicesInformation");
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof java.util.Map<?, ?> m) {
            Object name = m.get("cuda.deviceName");
            if (name != null) {
                return name.toString();
            }
        }
        return "NVIDIA GPU";
    }

    private static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back to the architecture below
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}

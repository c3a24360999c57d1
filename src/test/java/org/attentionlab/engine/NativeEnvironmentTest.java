package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which processors get OpenBLAS's SkylakeX kernels chosen for them. */
class NativeEnvironmentTest {

    private static final String AVX512 = "fpu sse2 avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16";

    private static String cpuinfo(String vendor, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: 25\nflags\t\t: " + flags + "\n\n"
                + "processor\t: 1\nvendor_id\t: " + vendor + "\nflags\t\t: " + flags + "\n";
    }

    @Test
    void zen4WithAvx512GetsSkylakeX() {
        assertTrue(NativeEnvironment.avx512Amd(cpuinfo("AuthenticAMD", AVX512)));
    }

    @Test
    void amdWithoutAvx512KeepsOpenBlasChoice() {
        assertFalse(NativeEnvironment.avx512Amd(cpuinfo("AuthenticAMD", "fpu sse2 avx2 fma")));
        // AVX-512 F alone is not enough for the SkylakeX kernels
        assertFalse(NativeEnvironment.avx512Amd(cpuinfo("AuthenticAMD", "fpu avx2 avx512f avx512cd")));
    }

    @Test
    void intelIsLeftToOpenBlasDetection() {
        assertFalse(NativeEnvironment.avx512Amd(cpuinfo("GenuineIntel", AVX512)));
    }

    @Test
    void unreadableCpuInfoChangesNothing() {
        assertFalse(NativeEnvironment.avx512Amd(""));
        assertFalse(NativeEnvironment.avx512Amd("garbage without colons\n"));
    }
}

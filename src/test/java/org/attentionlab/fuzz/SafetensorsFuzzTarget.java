package org.attentionlab.fuzz;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The quick run, part of {@code mvn verify}: 4 seconds of coverage-guided fuzzing with Jazzer,
 * starting from the seeds of {@link FuzzChecks#safetensorsSeeds}.
 * Every input must satisfy {@link FuzzChecks#safetensors}.
 */
class SafetensorsFuzzTarget {

    @MethodSource("org.attentionlab.fuzz.FuzzChecks#safetensorsSeeds")
    @FuzzTest(maxDuration = "4s")
    void safetensors(byte[] data) throws Exception {
        FuzzChecks.safetensors(data);
    }
}

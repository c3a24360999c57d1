package org.attentionlab.fuzz;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long run, only with {@code mvn verify -Pfuzz}: 5 minutes of coverage-guided fuzzing with
 * Jazzer from the same seeds as the quick run.
 * Every input must satisfy {@link FuzzChecks#safetensors}.
 */
class SafetensorsLongFuzzTarget {

    @MethodSource("org.attentionlab.fuzz.FuzzChecks#safetensorsSeeds")
    @FuzzTest(maxDuration = "5m")
    void safetensors(byte[] data) throws Exception {
        FuzzChecks.safetensors(data);
    }
}

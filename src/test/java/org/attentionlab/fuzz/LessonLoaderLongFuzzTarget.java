package org.attentionlab.fuzz;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long run, only with {@code mvn verify -Pfuzz}: 5 minutes of coverage-guided fuzzing with
 * Jazzer from the same seeds as the quick run.
 * Every input must satisfy {@link FuzzChecks#lesson}.
 */
class LessonLoaderLongFuzzTarget {

    @MethodSource("org.attentionlab.fuzz.FuzzChecks#lessonSeeds")
    @FuzzTest(maxDuration = "5m")
    void lesson(byte[] data) throws Exception {
        FuzzChecks.lesson(data);
    }
}

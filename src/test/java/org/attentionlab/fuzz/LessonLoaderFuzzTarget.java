package org.attentionlab.fuzz;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The quick run, part of {@code mvn verify}: 4 seconds of coverage-guided fuzzing with Jazzer,
 * starting from the seeds of {@link FuzzChecks#lessonSeeds}.
 * Every input must satisfy {@link FuzzChecks#lesson}.
 */
class LessonLoaderFuzzTarget {

    @MethodSource("org.attentionlab.fuzz.FuzzChecks#lessonSeeds")
    @FuzzTest(maxDuration = "4s")
    void lesson(byte[] data) throws Exception {
        FuzzChecks.lesson(data);
    }
}

package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code lessons/} folder (tests run in the module root): every lesson loads without a
 * problem, every number a lesson states is recomputed by the engine, and the README documents
 * every view, state key and check kind the catalogues define.
 */
class LessonsFolderTest {

    static LessonLibrary library;

    @BeforeAll
    static void load() {
        library = LessonLibrary.load(Path.of("lessons"));
    }

    @Test
    void everyLessonLoadsWithoutProblems() {
        assertEquals(List.of(), library.problems().stream().map(LessonProblem::toString).toList());
        assertTrue(library.lessons().size() >= 12, "lessons: " + library.lessons().size());
        assertEquals(library.entries().size(), library.lessons().size());
    }

    @Test
    void theLessonsFollowTheLecture() {
        List<String> ids = library.lessons().stream().map(Lesson::id).toList();
        assertEquals(List.of("seq2seq", "weighted-sum", "qkv", "cross-attention", "self-attention", "weather", "why-scale",
                "multihead", "positional-encoding", "residual-norm", "masks", "decoder-output"), ids.subList(0, 12));
        Lesson multihead = library.find("multihead").orElseThrow();
        assertEquals(6, multihead.steps().size(), "the lecture's six steps");
        assertEquals(8L, multihead.steps().get(0).state().integer("heads").orElseThrow());
    }

    @Test
    void everyStatedNumberIsRecomputedByTheEngine() {
        List<CheckRunner.Outcome> outcomes = new CheckRunner().run(library.lessons());
        assertTrue(outcomes.size() >= 40, "checks: " + outcomes.size());
        assertEquals(List.of(), CheckRunner.problems(outcomes).stream().map(LessonProblem::toString).toList());
    }

    @Test
    void inheritedStateIsCompleteSoGoingBackRestoresIt() {
        Lesson l = library.find("cross-attention").orElseThrow();
        Step context = l.step("context").orElseThrow();
        assertEquals(StateMap.empty().overlaidWith(context.declared()).keys(), java.util.Set.of("stage", "panels", "zoom"));
        assertEquals(List.of(0.5, 0.5), java.util.Arrays.stream(context.state().matrix("queries").orElseThrow().row(0)).boxed().toList());
        assertEquals("output", context.state().text("stage").orElseThrow());
        assertEquals(false, context.state().flag("scaled").orElseThrow());
    }

    @Test
    void theReadmeDocumentsEveryViewKeyAndCheckKind() throws Exception {
        String readme = Files.readString(Path.of("lessons", "README.md"));
        for (ViewSpec v : ViewCatalog.standard().views()) {
            assertTrue(readme.contains("### `" + v.name() + "`"), "README lacks a section for view " + v.name());
            for (Key k : v.keys()) {
                assertTrue(readme.contains("`" + k.name() + "`"), "README lacks state key " + v.name() + "." + k.name());
            }
            for (String p : v.panels()) {
                assertTrue(readme.contains("`" + p + "`"), "README lacks panel " + v.name() + "." + p);
            }
        }
        for (Key k : ViewCatalog.COMMON_KEYS) {
            assertTrue(readme.contains("`" + k.name() + "`"), "README lacks common key " + k.name());
        }
        for (CheckKind kind : CheckCatalog.standard().kinds()) {
            String row = readme.lines().filter(line -> line.startsWith("| `" + kind.name() + "` |")).collect(Collectors.joining());
            assertTrue(!row.isEmpty(), "README lacks check kind " + kind.name());
            for (Key k : kind.inputs()) {
                assertTrue(row.contains("`" + k.name() + "`"), "README row of " + kind.name() + " lacks input " + k.name());
            }
            for (Key k : kind.expectations()) {
                assertTrue(row.contains("`" + k.name() + "`"), "README row of " + kind.name() + " lacks expectation " + k.name());
            }
        }
    }
}

package org.attentionlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Recomputes every number the lessons state, with the engine, and reports each one that is off:
 * the lesson file and line, the step, the check and what the engine got. No JavaFX.
 */
public final class CheckRunner {

    private final CheckCatalog catalog;

    public CheckRunner(CheckCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public CheckRunner() {
        this(CheckCatalog.standard());
    }

    /**
     * The result of one check.
     *
     * @param lesson     the lesson
     * @param step       the step
     * @param check      the check
     * @param mismatches one message per stated value the engine disagrees with; empty when it passed
     */
    public record Outcome(Lesson lesson, Step step, CheckSpec check, List<String> mismatches) {
        public Outcome {
            mismatches = List.copyOf(mismatches);
        }

        public boolean passed() {
            return mismatches.isEmpty();
        }

        /** One problem per mismatch, naming file, line, step and check. */
        public List<LessonProblem> problems() {
            return mismatches.stream().map(m -> new LessonProblem(lesson.file(), check.line(),
                    "step '" + step.id() + "': check '" + check.id() + "' (" + check.kind() + "): " + m)).toList();
        }
    }

    public List<Outcome> run(Lesson lesson) {
        List<Outcome> out = new ArrayList<>();
        for (Step step : lesson.steps()) {
            for (CheckSpec c : step.checks()) {
                out.add(run(lesson, step, c));
            }
        }
        return out;
    }

    public List<Outcome> run(List<Lesson> lessons) {
        List<Outcome> out = new ArrayList<>();
        lessons.forEach(l -> out.addAll(run(l)));
        return out;
    }

    public Outcome run(Lesson lesson, Step step, CheckSpec check) {
        CheckKind kind = catalog.find(check.kind()).orElse(null);
        if (kind == null) {
            return new Outcome(lesson, step, check, List.of("no check kind '" + check.kind() + "' in this version"));
        }
        try {
            return new Outcome(lesson, step, check, kind.run(check.inputs(), check.expect(), check.tolerance()));
        } catch (RuntimeException e) {
            return new Outcome(lesson, step, check, List.of("the engine could not compute it: " + e.getMessage()));
        }
    }

    /** Every mismatch of every check, as problems. */
    public static List<LessonProblem> problems(List<Outcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.problems().stream()).toList();
    }
}

package org.attentionlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the LaTeX of a step's {@code formula}. The lesson package cannot do it itself: the only
 * LaTeX reader we have (jlatexmath) is built on AWT, and this package stays free of any UI
 * toolkit. Whoever can read LaTeX passes one in — the app its formula renderer, the
 * {@code lessons validate} command jlatexmath directly — and gets problems in the same
 * FILE:LINE form as every other lesson problem.
 */
@FunctionalInterface
public interface FormulaCheck {

    /** Why {@code latex} cannot be read, or empty when it can. */
    Optional<String> problem(String latex);

    /** One problem per step whose formula cannot be read, at the step's line. */
    default List<LessonProblem> problems(Lesson lesson) {
        List<LessonProblem> out = new ArrayList<>();
        for (Step step : lesson.steps()) {
            step.formula().flatMap(this::problem).ifPresent(why -> out.add(new LessonProblem(lesson.file(), step.line(),
                    "step '" + step.id() + "': the formula cannot be read: " + why)));
        }
        return out;
    }

    /** The problems of every lesson. */
    default List<LessonProblem> problems(List<Lesson> lessons) {
        List<LessonProblem> out = new ArrayList<>();
        lessons.forEach(l -> out.addAll(problems(l)));
        return out;
    }
}

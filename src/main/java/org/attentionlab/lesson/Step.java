package org.attentionlab.lesson;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a lesson: a view, the state it sets on that view, and what the student reads.
 *
 * <p>{@link #state()} is the complete state to apply (going back to a step applies its state
 * again, so it restores exactly what was shown): the view's defaults, overlaid with the state
 * carried over from the previous step when that step showed the same view (unless the step says
 * {@code inherit: false}), overlaid with what this step declares ({@link #declared()}).
 *
 * @param id       unique within the lesson
 * @param view     a name from {@link ViewCatalog}
 * @param state    the effective state (see above); keys are the view's, validated
 * @param declared the state as written in this step
 * @param text     the student's text, Markdown (images referenced relative to the lesson folder)
 * @param notes    optional teacher's notes for presenter mode, Markdown
 * @param formula  optional LaTeX formula shown with the step
 * @param question optional predict-then-reveal question
 * @param figure   optional image
 * @param checks   numbers the text states, recomputed by {@link CheckRunner}
 * @param line     1-based line of the step in the lesson file
 */
public record Step(String id, String view, StateMap state, StateMap declared, Bilingual text, Optional<Bilingual> notes,
                   Optional<String> formula, Optional<Question> question, Optional<Figure> figure, List<CheckSpec> checks,
                   int line) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(figure, "figure");
        checks = List.copyOf(checks);
    }
}

package org.attentionlab.lesson;

import java.util.List;
import java.util.Objects;

/**
 * Predict-then-reveal: the student picks one of the choices before the step shows the answer.
 *
 * @param prompt      the question
 * @param choices     at least two choices
 * @param answer      index of the right choice (0-based)
 * @param explanation shown after the student answers
 */
public record Question(Bilingual prompt, List<Bilingual> choices, int answer, Bilingual explanation) {

    public Question {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(explanation, "explanation");
        choices = List.copyOf(choices);
        if (choices.size() < 2) {
            throw new IllegalArgumentException("a question needs at least two choices, got " + choices.size());
        }
        if (answer < 0 || answer >= choices.size()) {
            throw new IllegalArgumentException("answer " + answer + " is not a choice index (0 to " + (choices.size() - 1) + ")");
        }
    }
}

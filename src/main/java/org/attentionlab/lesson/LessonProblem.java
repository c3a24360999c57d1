package org.attentionlab.lesson;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a lesson, as an author needs it: the file, the line (1-based) and a
 * message that names the step, the field and what was expected. Prints as
 * {@code lessons/04-masks/lesson.yaml:37: step 'mask-2': unknown view 'heatmapp' (known: …)}.
 *
 * @param file    the file at fault (the lesson file, or the lesson folder when it has no file)
 * @param line    1-based line, or 0 when the problem is about the file as a whole
 * @param message what is wrong and what was expected
 */
public record LessonProblem(Path file, int line, String message) implements Comparable<LessonProblem> {

    public LessonProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }

    @Override
    public int compareTo(LessonProblem o) {
        int c = file.toString().compareTo(o.file.toString());
        return c != 0 ? c : Integer.compare(line, o.line);
    }
}

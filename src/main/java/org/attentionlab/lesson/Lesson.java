package org.attentionlab.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated lesson: immutable, every step's view and state known, every asset inside its folder.
 *
 * @param id      unique in a library, lower-case words joined by '-'
 * @param order   position in the course (the NN of the folder name)
 * @param title   short title
 * @param summary one or two sentences for the library list
 * @param steps   at least one
 * @param folder  the lesson folder
 * @param file    its {@code lesson.yaml}
 */
public record Lesson(String id, int order, Bilingual title, Bilingual summary, List<Step> steps, Path folder, Path file) {

    public Lesson {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(file, "file");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("lesson '" + id + "' has no steps");
        }
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** Index of the step, or −1. */
    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    public int checkCount() {
        return steps.stream().mapToInt(s -> s.checks().size()).sum();
    }
}

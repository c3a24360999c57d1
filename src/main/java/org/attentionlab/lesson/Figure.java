package org.attentionlab.lesson;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An image shown with a step (mostly with the {@code text} view).
 *
 * @param path     the image file, resolved inside the lesson folder (checked to exist and not to escape it)
 * @param relative the path as written in the lesson file
 * @param caption  the caption in both languages
 */
public record Figure(Path path, String relative, Bilingual caption) {

    public Figure {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relative, "relative");
        Objects.requireNonNull(caption, "caption");
    }
}

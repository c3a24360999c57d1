package org.attentionlab.io;

import java.nio.file.Path;
import java.util.List;

/**
 * A model file (safetensors, {@code config.json}, a checkpoint folder) that cannot be used. The
 * message names the file, the entry (a tensor or a field) and the problem, e.g.
 * {@code model.safetensors: tensor "encoder.layer.0.attention.self.query.weight": shape [16, 16] needs
 * 1024 bytes but data_offsets [0, 1000] hold 1000}. It is bad input, not a bug, so it extends
 * {@link IllegalArgumentException} (the command line exits 2 with the message).
 */
public final class ModelFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String entry;
    private final List<String> problems;

    public ModelFileException(Path file, String entry, String problem) {
        this(file, entry, List.of(problem), null);
    }

    public ModelFileException(Path file, String entry, String problem, Throwable cause) {
        this(file, entry, List.of(problem), cause);
    }

    /** Several problems found at once (e.g. every missing tensor of a checkpoint). */
    public ModelFileException(Path file, String entry, List<String> problems, Throwable cause) {
        super(format(file, entry, problems), cause);
        this.file = file;
        this.entry = entry;
        this.problems = List.copyOf(problems);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The tensor or field at fault, or null when the problem concerns the whole file. */
    public String entry() {
        return entry;
    }

    /** Each problem found, in order (usually one). */
    public List<String> problems() {
        return problems;
    }

    private static String format(Path file, String entry, List<String> problems) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        sb.append(": ");
        if (entry != null) {
            sb.append(entry).append(": ");
        }
        if (problems.size() == 1) {
            sb.append(problems.get(0));
        } else {
            sb.append(problems.size()).append(" problems: ").append(String.join("; ", problems));
        }
        return sb.toString();
    }
}

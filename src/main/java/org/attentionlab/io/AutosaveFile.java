package org.attentionlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.attentionlab.engine.trace.Matrix;

/**
 * What a view autosaves for the user (the numbers they typed into X and the weights, and the
 * settings those numbers belong to), kept in one safetensors file: matrices as F64 tensors, the
 * settings as {@code __metadata__} strings. So the file is compact, its reader is the hardened
 * {@link SafetensorsFile} (bounded header, every size checked before anything is allocated), and
 * it is written atomically: a kill at any moment leaves the old or the new file.
 *
 * <p>A file that cannot be read is set aside (renamed to {@code NAME.corrupt-YYYYMMDD-HHMMSS}, never
 * deleted) and {@link Loaded#notice()} says so, for the app to show; the view then starts fresh.
 */
public final class AutosaveFile {

    /** The most matrix cells one autosave holds (about 32 MB on disk); bigger work is not autosaved. */
    public static final long MAX_CELLS = 4L << 20;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * What is saved.
     *
     * @param metadata settings, as text
     * @param matrices named matrices, in order
     */
    public record Content(Map<String, String> metadata, Map<String, Matrix> matrices) {
        public Content {
            metadata = Map.copyOf(metadata);
            matrices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matrices));
        }

        /** The total number of cells of every matrix. */
        public long cells() {
            return matrices.values().stream().mapToLong(m -> (long) m.rows() * m.cols()).sum();
        }
    }

    /**
     * The outcome of {@link #load}.
     *
     * @param content what was read; empty when there was no file or it could not be used
     * @param notice  what happened to a file that could not be used
     */
    public record Loaded(Optional<Content> content, Optional<String> notice) {
    }

    private AutosaveFile() {
    }

    /** Reads {@code file}; never throws: a missing file gives nothing, a bad one is set aside. */
    public static Loaded load(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            return new Loaded(Optional.empty(), Optional.empty());
        }
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Map<String, Matrix> matrices = new LinkedHashMap<>();
            long cells = 0;
            for (TensorInfo t : st.tensors().values()) {
                if (t.rank() != 2 || t.dtype() != Dtype.F64) {
                    return setAside(file, "tensor \"" + t.name() + "\" is " + t.dtype() + " " + t.shapeString()
                            + "; expected a matrix of F64");
                }
                cells += t.elementCount();
                if (cells > MAX_CELLS) {
                    return setAside(file, "it holds more than " + MAX_CELLS + " numbers");
                }
                double[] values = st.readDoubles(t.name());
                for (int i = 0; i < values.length; i++) {
                    if (!Double.isFinite(values[i])) {
                        return setAside(file, "tensor \"" + t.name() + "\" holds " + values[i] + " at index " + i
                                + "; expected finite numbers");
                    }
                }
                matrices.put(t.name(), Matrix.of((int) t.shape()[0], (int) t.shape()[1], values));
            }
            return new Loaded(Optional.of(new Content(st.metadata(), matrices)), Optional.empty());
        } catch (NoSuchFileException e) {
            return new Loaded(Optional.empty(), Optional.empty());
        } catch (ModelFileException e) {
            String why = e.getMessage().startsWith(file + ": ") ? e.getMessage().substring(file.toString().length() + 2) : e.getMessage();
            return setAside(file, why);
        } catch (IOException e) {
            return new Loaded(Optional.empty(), Optional.of(file + " could not be read (" + e + ")"));
        }
    }

    /**
     * Sets a file aside after its content was read but turned out unusable (e.g. shapes that do not
     * fit the settings saved with them).
     *
     * @return the notice to show
     */
    public static String setAsideUnusable(Path file, String why) {
        return setAside(file, why).notice().orElse("");
    }

    private static Loaded setAside(Path file, String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now().format(STAMP));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return new Loaded(Optional.empty(), Optional.of("kept as " + aside + " (" + why + ")"));
        } catch (IOException e) {
            return new Loaded(Optional.empty(), Optional.of(file + " (" + why + ") could not be set aside either (" + e + ")"));
        }
    }

    /**
     * Writes {@code content} atomically, creating the folder.
     *
     * @return false (and writes nothing) when the content is larger than {@link #MAX_CELLS}
     */
    public static boolean save(Path file, Content content) throws IOException {
        if (content.cells() > MAX_CELLS) {
            return false;
        }
        SafetensorsWriter w = new SafetensorsWriter();
        content.metadata().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> w.metadata(e.getKey(), e.getValue()));
        for (Map.Entry<String, Matrix> e : content.matrices().entrySet()) {
            Matrix m = e.getValue();
            w.addF64(e.getKey(), new long[] {m.rows(), m.cols()}, m.toRowMajor());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        w.write(file);
        return true;
    }
}

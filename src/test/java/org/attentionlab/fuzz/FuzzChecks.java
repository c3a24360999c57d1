package org.attentionlab.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.attentionlab.io.ModelFileException;
import org.attentionlab.io.SafetensorsFile;
import org.attentionlab.io.TensorInfo;
import org.attentionlab.lesson.LessonLoader;
import org.attentionlab.lesson.LessonProblem;

/**
 * The properties the fuzz targets check on every input, shared by the quick targets (run in
 * {@code mvn verify}) and the long ones ({@code mvn verify -Pfuzz}). Any exception that escapes
 * is a finding: Jazzer saves the input that caused it.
 */
final class FuzzChecks {

    private static Path scratch;

    /** Made on first use, so that the safetensors target does not load (and instrument) the lesson classes. */
    private static final class Loader {
        static final LessonLoader INSTANCE = new LessonLoader();
    }

    private FuzzChecks() {
    }

    static synchronized Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("attention-lab-fuzz");
                Files.createDirectories(scratch.resolve("04-fuzz"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scratch;
    }

    /** Seeds for the lesson target: every lesson file in the repository's lessons folder. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> lessonSeeds() throws IOException {
        java.util.List<byte[]> seeds = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("lessons"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals(LessonLoader.FILE_NAME)).sorted().toList()) {
                seeds.add(Files.readAllBytes(f));
            }
        }
        return seeds.stream().map(b -> org.junit.jupiter.params.provider.Arguments.of((Object) b));
    }

    /** Seeds for the safetensors target: a valid file with every float dtype and metadata, and an empty one. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> safetensorsSeeds() throws IOException {
        Path f = scratch().resolve("seed.safetensors");
        new org.attentionlab.io.SafetensorsWriter().metadata("format", "pt")
                .add("a", org.attentionlab.io.Dtype.F32, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .add("b", org.attentionlab.io.Dtype.F16, new long[] {4}, new float[] {1, -1, 0.5f, 2})
                .add("c", org.attentionlab.io.Dtype.BF16, new long[] {2, 2}, new float[] {1, 2, 3, 4})
                .addF64("d", new long[] {1}, new double[] {Math.PI})
                .write(f);
        Path empty = scratch().resolve("empty.safetensors");
        new org.attentionlab.io.SafetensorsWriter().write(empty);
        return java.util.stream.Stream.of(Files.readAllBytes(f), Files.readAllBytes(empty))
                .map(b -> org.junit.jupiter.params.provider.Arguments.of((Object) b));
    }

    /**
     * The lesson loader never throws for any text: it returns a lesson or problems, and every
     * problem names the lesson file.
     */
    static void lesson(byte[] data) {
        Path folder = scratch().resolve("04-fuzz");
        LessonLoader.Result r = Loader.INSTANCE.loadText(folder, new String(data, StandardCharsets.UTF_8));
        if (r.ok() == r.lesson().isEmpty()) {
            throw new IllegalStateException("a result must hold a lesson exactly when it has no problems");
        }
        for (LessonProblem p : r.problems()) {
            if (!p.toString().startsWith(folder.resolve(LessonLoader.FILE_NAME).toString())) {
                throw new IllegalStateException("a problem that does not name the file: " + p);
            }
        }
    }

    /**
     * The safetensors reader opens any bytes and reads every float tensor, or fails with a
     * {@link ModelFileException} naming the file; nothing else escapes, and nothing larger than the
     * file is allocated (a tensor's values fit in the bytes the file has).
     */
    static void safetensors(byte[] data) throws IOException {
        Path f = scratch().resolve("fuzz.safetensors");
        Files.write(f, data);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            for (TensorInfo t : st.tensors().values()) {
                if (t.elementCount() * t.dtype().bytes() > data.length) {
                    throw new IllegalStateException("tensor " + t + " claims more bytes than the file has");
                }
                if (t.dtype().isFloat()) {
                    st.readFloats(t.name());
                }
            }
        } catch (ModelFileException expected) {
            if (!expected.getMessage().startsWith(f.toString())) {
                throw new IllegalStateException("message does not name the file: " + expected.getMessage());
            }
        }
    }
}

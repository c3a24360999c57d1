package org.attentionlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random corruptions of a valid file (bytes flipped, cut short, header bytes replaced): opening
 * and reading every tensor either works or fails with a {@link ModelFileException}; never another
 * exception, never a hang, never an allocation the header did not justify.
 */
class SafetensorsFuzzTest {

    private static Path dir;
    private static byte[] valid;

    @BeforeContainer
    static void makeValidFile() throws IOException {
        dir = Files.createTempDirectory("safetensors-fuzz");
        Path f = dir.resolve("valid.safetensors");
        new SafetensorsWriter().metadata("format", "pt")
                .add("a", Dtype.F32, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .add("b", Dtype.F16, new long[] {4}, new float[] {1, -1, 0.5f, 2})
                .add("c", Dtype.BF16, new long[] {2, 2}, new float[] {1, 2, 3, 4})
                .addF64("d", new long[] {1}, new double[] {Math.PI})
                .write(f);
        valid = Files.readAllBytes(f);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<byte[]> corrupted() {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] b = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        b[positions.get(i)] = values.get(i);
                    }
                    return b;
                }));
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, valid.length - 1).map(n -> java.util.Arrays.copyOf(valid, n));
        Arbitrary<byte[]> digits = Arbitraries.integers().between(8, valid.length - 1).list().ofMinSize(1).ofMaxSize(3)
                .flatMap(positions -> Arbitraries.of((byte) '0', (byte) '9', (byte) '-', (byte) ',', (byte) ']', (byte) '"', (byte) '{')
                        .list().ofSize(positions.size()).map(values -> {
                            byte[] b = valid.clone();
                            for (int i = 0; i < positions.size(); i++) {
                                b[positions.get(i)] = values.get(i);
                            }
                            return b;
                        }));
        return Arbitraries.oneOf(flipped, cut, digits);
    }

    @Property(tries = 400)
    void corruptionsFailOnlyWithModelFileException(@ForAll("corrupted") byte[] content) throws IOException {
        Path f = dir.resolve("fuzz.safetensors");
        Files.write(f, content);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            for (TensorInfo t : st.tensors().values()) {
                if (t.dtype().isFloat()) {
                    st.readFloats(t.name());
                }
            }
        } catch (ModelFileException expected) {
            if (!expected.getMessage().startsWith(f.toString())) {
                throw new AssertionError("message does not name the file: " + expected.getMessage());
            }
        }
    }
}

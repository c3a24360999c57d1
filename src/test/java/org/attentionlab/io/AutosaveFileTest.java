package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.trace.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autosave file: round trip, nothing for a missing file, and every unusable file set aside with a notice. */
class AutosaveFileTest {

    private static AutosaveFile.Content content() {
        Map<String, Matrix> m = new LinkedHashMap<>();
        m.put("X", Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
        m.put("W_Q", Matrix.of(new double[][] {{0.1, -2.5e-7}, {Math.PI, 1e6}}));
        return new AutosaveFile.Content(Map.of("view", "qkv", "tokens", "[\"我\",\"😀\",\"x₃\"]"), m);
    }

    @Test
    void whatIsSavedComesBackBitForBit(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("autosave").resolve("qkv.safetensors");
        assertTrue(AutosaveFile.save(f, content()));
        AutosaveFile.Loaded l = AutosaveFile.load(f);
        assertTrue(l.notice().isEmpty());
        AutosaveFile.Content c = l.content().orElseThrow();
        assertEquals(content().metadata(), c.metadata());
        assertEquals(List.of("X", "W_Q"), List.copyOf(c.matrices().keySet()));
        assertArrayEquals(content().matrices().get("W_Q").toRowMajor(), c.matrices().get("W_Q").toRowMajor(), 0.0);
        try (var files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aMissingFileIsNothingToRestore(@TempDir Path dir) {
        AutosaveFile.Loaded l = AutosaveFile.load(dir.resolve("none.safetensors"));
        assertTrue(l.content().isEmpty());
        assertTrue(l.notice().isEmpty());
    }

    @Test
    void garbageIsSetAsideWithANotice(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("qkv.safetensors");
        Files.writeString(f, "{\"not\": \"safetensors\"}");
        AutosaveFile.Loaded l = AutosaveFile.load(f);
        assertTrue(l.content().isEmpty());
        String notice = l.notice().orElseThrow();
        assertTrue(notice.startsWith("kept as " + f + ".corrupt-"), notice);
        assertTrue(notice.contains(" (header length is"), notice);
        assertFalse(Files.exists(f));
        try (var files = Files.list(dir)) {
            Path aside = files.toList().get(0);
            assertTrue(aside.getFileName().toString().startsWith("qkv.safetensors.corrupt-"), aside.toString());
            assertEquals("{\"not\": \"safetensors\"}", Files.readString(aside), "never deleted");
        }
    }

    @Test
    void aNanInsideIsSetAside(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("qkv.safetensors");
        AutosaveFile.save(f, content());
        byte[] b = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble((int) (8 + n), Double.NaN);
        Files.write(f, b);
        String notice = AutosaveFile.load(f).notice().orElseThrow();
        assertTrue(notice.contains("tensor \"X\" holds NaN at index 0; expected finite numbers"), notice);
    }

    @Test
    void aVectorOrAFloat32TensorIsNotAnAutosave(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("qkv.safetensors");
        new SafetensorsWriter().add("X", Dtype.F32, new long[] {2}, new float[] {1, 2}).write(f);
        assertTrue(AutosaveFile.load(f).notice().orElseThrow().contains("tensor \"X\" is F32 [2]; expected a matrix of F64"));
    }

    @Test
    void workLargerThanTheLimitIsNotWritten(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big.safetensors");
        Matrix big = Matrix.of(2048, 2049, new double[2048 * 2049]);
        assertFalse(AutosaveFile.save(f, new AutosaveFile.Content(Map.of(), Map.of("X", big))));
        assertFalse(Files.exists(f));
    }

    @Test
    void setAsideUnusableKeepsTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("qkv.safetensors");
        AutosaveFile.save(f, content());
        String notice = AutosaveFile.setAsideUnusable(f, "X is 3×2; the settings need 3×4");
        assertTrue(notice.startsWith("kept as " + f + ".corrupt-"), notice);
        assertTrue(notice.endsWith(" (X is 3×2; the settings need 3×4)"), notice);
        assertFalse(Files.exists(f));
    }
}

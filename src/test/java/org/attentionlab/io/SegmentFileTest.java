package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFileTest {

    @TempDir
    Path dir;

    @Test
    void linesSplitOnEveryTerminatorAndAFinalOneStartsNoLine() throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "男孩 踢 足球\r\nsecond\rthird\n\nlast\n", StandardCharsets.UTF_8);
        assertEquals(List.of("男孩 踢 足球", "second", "third", "", "last"), SegmentFile.read(f));
        Files.writeString(f, "", StandardCharsets.UTF_8);
        assertEquals(List.of(), SegmentFile.read(f));
    }

    @Test
    void invalidUtf8NamesTheLineAndTheByte() throws Exception {
        Path f = dir.resolve("bad.txt");
        byte[] good = "one\ntwo\nab".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 2);
        bytes[good.length] = (byte) 0xFF;
        bytes[good.length + 1] = '\n';
        SegmentFile.SegmentFileException e = assertThrows(SegmentFile.SegmentFileException.class, () -> SegmentFile.read(f.resolveSibling(write(f, bytes))));
        assertEquals(SegmentFile.Problem.NOT_UTF8, e.problem());
        assertEquals(3, e.line());
        assertEquals(0xFF, e.badByte());
        assertEquals(3, e.byteInLine());
        assertEquals(f + ": line 3 is not valid UTF-8 (byte 0xFF at byte 3 of the line)", e.getMessage());
    }

    @Test
    void missingFilesAndFoldersAreNamed() {
        Path missing = dir.resolve("nope.txt");
        SegmentFile.SegmentFileException e = assertThrows(SegmentFile.SegmentFileException.class, () -> SegmentFile.read(missing));
        assertEquals(SegmentFile.Problem.NO_SUCH_FILE, e.problem());
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(SegmentFile.SegmentFileException.class, () -> SegmentFile.read(dir));
        assertEquals(SegmentFile.Problem.DIRECTORY, e.problem());
    }

    private static String write(Path f, byte[] bytes) throws Exception {
        Files.write(f, bytes);
        return f.getFileName().toString();
    }
}

package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the fuzzers found, kept as regression tests. */
class FuzzFindingsTest {

    /**
     * Jazzer, SafetensorsFuzzTarget: a 17-byte file whose 8-byte header starts with zero bytes.
     * Jackson took the header for UTF-32 and threw CharConversionException (an IOException, not a
     * ModelFileException), so the reader's contract "bad content → ModelFileException naming the
     * file" broke. The header is now decoded as strict UTF-8 first.
     */
    @Test
    void aHeaderThatLooksLikeUtf32IsNotValidUtf8(@TempDir Path dir) throws IOException {
        byte[] crash = {0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x17, 0x20, 0x20, 0x20, 0x20, 0x20};
        Path f = Files.write(dir.resolve("crash.safetensors"), crash);
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsFile.open(f));
        assertEquals(f + ": header is not valid JSON (Illegal character ((CTRL-CHAR, code 0)): only regular white space"
                + " (\\r, \\n, \\t) is allowed between tokens at column 2)", e.getMessage());
        byte[] latin1 = {0x02, 0, 0, 0, 0, 0, 0, 0, '{', (byte) 0xE9};
        Path g = Files.write(dir.resolve("latin1.safetensors"), latin1);
        assertEquals(g + ": header is not valid UTF-8 (byte 0xE9 at byte 2)",
                assertThrows(ModelFileException.class, () -> SafetensorsFile.open(g)).getMessage());
    }

    /** The same guess in config.json: UTF-16 bytes are refused as not UTF-8 rather than guessed. */
    @Test
    void aConfigInUtf16IsNotValidUtf8(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("config.json"), "{\"hidden_size\": 16}".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertEquals(f + ": the file is not valid UTF-8 (byte 0xFE at byte 1)",
                assertThrows(ModelFileException.class, () -> HfBertConfig.read(f)).getMessage());
    }

    /**
     * jqwik, LessonProperties: a lesson text of exactly 1025 characters ending in a lone high
     * surrogate (a generated lesson cut in the middle of an emoji) made snakeyaml-engine throw
     * IndexOutOfBoundsException out of the loader, which promises never to throw for bad content.
     */
    @Test
    void aLessonTextEndingInALoneSurrogateIsAProblemNotACrash(@TempDir Path dir) {
        org.attentionlab.lesson.LessonLoader.Result r = new org.attentionlab.lesson.LessonLoader()
                .loadText(dir.resolve("04-x"), "a: " + "b".repeat(1021) + "\uD83D");
        assertEquals(dir.resolve("04-x").resolve("lesson.yaml") + ":1: the text holds a lone UTF-16 surrogate (U+D83D), which is"
                + " not a character; save the file as UTF-8", r.problems().get(0).toString());
    }
}

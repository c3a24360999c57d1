package org.attentionlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void idIsTheLineNumber() throws IOException {
        Vocabulary v = Vocabulary.load(write("vocab.txt", "[PAD]\n[UNK]\n猫\n##s\n"));
        assertEquals(4, v.size());
        assertEquals(OptionalInt.of(0), v.id("[PAD]"));
        assertEquals(OptionalInt.of(2), v.id("猫"));
        assertEquals("##s", v.token(3));
        assertEquals(OptionalInt.empty(), v.id("狗"));
        assertEquals(List.of("[PAD]", "[UNK]", "猫", "##s"), v.tokens());
    }

    @Test
    void lineEndingsAndByteOrderMark() throws IOException {
        Vocabulary crlf = Vocabulary.load(write("crlf.txt", "\uFEFF[UNK]\r\na\rb\nc"));
        assertEquals(List.of("[UNK]", "a", "b", "c"), crlf.tokens());
        // Trailing spaces are part of the token, as in Hugging Face's Python loader.
        assertEquals(List.of("a ", "b"), Vocabulary.load(write("spaces.txt", "a \nb\n")).tokens());
        // An empty line in the middle still takes an id.
        assertEquals(OptionalInt.of(2), Vocabulary.load(write("gap.txt", "a\n\nb\n")).id("b"));
    }

    @Test
    void laterDuplicateWinsAndTheEarlierIdReadsAsUnknown() throws IOException {
        Vocabulary v = Vocabulary.load(write("dup.txt", "[UNK]\nx\ny\nx\n"));
        assertEquals(4, v.size());
        assertEquals(OptionalInt.of(3), v.id("x"));
        assertEquals("[UNK]", v.token(1));
        assertEquals("x", v.token(3));
    }

    @Test
    void invalidUtf8NamesFileLineAndByte() throws IOException {
        byte[] bytes = {'[', 'U', 'N', 'K', ']', '\n', 'o', 'k', '\n', 'b', 'a', (byte) 0xFF, 'd', '\n'};
        Path file = write("latin1.txt", bytes);
        VocabularyException e = assertThrows(VocabularyException.class, () -> Vocabulary.load(file));
        assertEquals(file + " line 3: invalid UTF-8 (byte 0xFF at byte 3 of the line); a vocab.txt must be UTF-8", e.getMessage());
        // A truncated multi-byte sequence at the end of a line is reported too.
        Path cut = write("cut.txt", new byte[] {'a', '\n', (byte) 0xE7, (byte) 0x8C, '\n'});
        VocabularyException e2 = assertThrows(VocabularyException.class, () -> Vocabulary.load(cut));
        assertTrue(e2.getMessage().startsWith(cut + " line 2: invalid UTF-8"), e2.getMessage());
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        Path empty = write("empty.txt", "");
        VocabularyException e = assertThrows(VocabularyException.class, () -> Vocabulary.load(empty));
        assertTrue(e.getMessage().startsWith(empty + ": the vocabulary file is empty"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Vocabulary.load(dir.resolve("nope.txt")));
        assertThrows(VocabularyException.class, () -> Vocabulary.of("list", List.of()));
    }

    @Test
    void outOfRangeIdsAreNamed() {
        Vocabulary v = Vocabulary.of("mini", List.of("[UNK]", "a"));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> v.token(2));
        assertEquals("token id 2 is outside the vocabulary mini (ids 0..1)", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> v.token(-1));
    }

    @Test
    void shippedVocabularyHasBertsSpecialIds() {
        Vocabulary v = Corpus.shippedVocabulary();
        assertEquals(OptionalInt.of(0), v.id("[PAD]"));
        assertEquals(OptionalInt.of(100), v.id("[UNK]"));
        assertEquals(OptionalInt.of(101), v.id("[CLS]"));
        assertEquals(OptionalInt.of(102), v.id("[SEP]"));
        assertEquals(OptionalInt.of(103), v.id("[MASK]"));
        assertEquals(v.size(), v.tokens().stream().distinct().count(), "no duplicates");
        for (String s : List.of("猫", "狗", "爱", "跑", "the", "weather", "is", "nice", "today", "animal", "didn", "'", "t",
                "cross", "street", "because", "it", "was", "too", "tired", "transform", "##er", "，", "。")) {
            assertTrue(v.contains(s), "shipped vocabulary lacks " + s);
        }
        assertFalse(v.contains("##a"), "no ## letters: unknown English words must still become [UNK]");
    }
}

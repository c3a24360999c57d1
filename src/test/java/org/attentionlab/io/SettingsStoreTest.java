package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileGivesDefaultsAndIsCreatedOnSave() throws IOException {
        Path file = dir.resolve("sub/settings.json");
        SettingsStore s = SettingsStore.open(file);
        assertTrue(s.notice().isEmpty());
        assertEquals(18.0, s.getDouble("appearance.fontSize", 18.0));
        s.put("appearance.fontSize", 24.0);
        s.put("language", "zh-CN");
        s.put("lesson.masks.step", 3L);
        s.put("appearance.highContrast", true);
        s.save();

        SettingsStore again = SettingsStore.open(file);
        assertTrue(again.notice().isEmpty());
        assertEquals(24.0, again.getDouble("appearance.fontSize", 0));
        assertEquals("zh-CN", again.getString("language", ""));
        assertEquals(3L, again.getLong("lesson.masks.step", -1));
        assertTrue(again.getBoolean("appearance.highContrast", false));
        assertEquals(List.of("lesson.masks.step"), again.keys("lesson."));
    }

    @Test
    void aValueOfTheWrongTypeGivesTheFallback() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"a\": \"text\", \"b\": 1.5, \"c\": true}");
        SettingsStore s = SettingsStore.open(file);
        assertEquals(7, s.getDouble("a", 7));
        assertEquals(9, s.getLong("b", 9));
        assertEquals("x", s.getString("b", "x"));
        assertFalse(s.getBoolean("a", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1,", "[1, 2]", "\"just text\"", "{\"a\": {\"nested\": 1}}", "{\"a\": [1]}", "",
            "\u0000\u0001garbage"})
    void aCorruptedFileIsSetAsideWithANoticeAndDefaultsAreUsed(String content) throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        SettingsStore s = SettingsStore.open(file);
        assertTrue(s.notice().isPresent(), "a notice for " + content);
        assertTrue(s.notice().get().contains("settings.json"), s.notice().get());
        assertFalse(Files.exists(file), "the corrupted file is moved away, not left in place");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")).toList();
            assertEquals(1, aside.size());
            assertEquals(content, Files.readString(aside.get(0)), "nothing the user had is lost");
        }
        s.put("x", 1L);
        s.save();
        assertEquals(1L, SettingsStore.open(file).getLong("x", 0));
    }

    @Test
    void theNoticeSaysWhereTheJsonBreaks() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\n  \"a\": 1,\n  \"b\": oops\n}");
        String notice = SettingsStore.open(file).notice().orElseThrow();
        assertTrue(notice.contains("line 3"), notice);
    }

    @Test
    void nonFiniteNumbersAndBlankKeysAreRefused() {
        SettingsStore s = SettingsStore.inMemory();
        assertThrows(IllegalArgumentException.class, () -> s.put("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.put("y", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> s.put(" ", 1L));
    }

    @Test
    void inMemorySettingsNeverTouchTheDisk() throws IOException {
        SettingsStore s = SettingsStore.inMemory();
        s.put("a", "b");
        s.save();
        assertTrue(s.file().isEmpty());
        assertEquals("b", s.getString("a", ""));
    }
}

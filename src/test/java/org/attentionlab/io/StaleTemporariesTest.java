package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a kill between "write the temporary file" and "move it" leaves is cleaned up when the settings open again. */
class StaleTemporariesTest {

    @Test
    void oldTemporariesOfTheFileGoYoungOnesAndOtherFilesStay(@TempDir Path dir) throws IOException {
        Path settings = dir.resolve("settings.json");
        Path old = Files.writeString(dir.resolve(".settings.json.123.tmp"), "{\"half\":");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path young = Files.writeString(dir.resolve(".settings.json.456.tmp"), "{");
        Path otherOld = Files.writeString(dir.resolve(".lesson.yaml.789.tmp"), "id:");
        Files.setLastModifiedTime(otherOld, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path user = Files.writeString(dir.resolve("settings.json.tmp"), "the user's own file");
        Files.setLastModifiedTime(user, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        SettingsStore s = SettingsStore.open(settings);
        assertTrue(s.notice().isEmpty());
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young), "may be a save in progress elsewhere");
        assertTrue(Files.exists(otherOld), "another file's temporaries are its own business");
        assertTrue(Files.exists(user));
        assertEquals(1, AtomicFiles.removeStaleTemporaries(dir.resolve("lesson.yaml"), Duration.ofMinutes(1)));
        assertEquals(0, AtomicFiles.removeStaleTemporaries(dir.resolve("missing-folder").resolve("x"), Duration.ZERO));
    }
}

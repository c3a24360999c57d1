package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.attentionlab.io.DebouncedSaver;
import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.widgets.ColorMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appearance and language survive a restart; nonsense in the file is ignored. */
class UserSettingsTest {

    @Test
    void changesAreSavedAndComeBackAfterARestart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("settings.json");
        SettingsStore store = SettingsStore.open(file);
        store.put("lesson.cross-attention.step", 3); // the lesson player's key stays untouched
        Appearance appearance = new Appearance();
        I18n i18n = new I18n(Locale.ENGLISH);
        try (DebouncedSaver saver = new DebouncedSaver("settings", Duration.ofHours(1), e -> { })) {
            UserSettings.restore(store, appearance, i18n);
            UserSettings.saveOnChange(store, appearance, i18n, saver);
            appearance.bigger();
            appearance.bigger();
            appearance.highContrastProperty().set(true);
            appearance.sequentialMapProperty().set(ColorMap.CIVIDIS);
            appearance.divergingMapProperty().set(ColorMap.PURPLE_ORANGE);
            i18n.setLocale(Locale.SIMPLIFIED_CHINESE);
            assertFalse(Files.exists(file), "nothing is written on the FX thread");
            saver.flush();
            assertEquals(1, saver.saves(), "six changes, one save");
        }
        double size = appearance.getFontSize();

        Appearance again = new Appearance();
        I18n i18nAgain = new I18n(Locale.ENGLISH);
        SettingsStore reopened = SettingsStore.open(file);
        UserSettings.restore(reopened, again, i18nAgain);
        assertEquals(size, again.getFontSize());
        assertTrue(again.highContrastProperty().get());
        assertEquals(ColorMap.CIVIDIS, again.sequentialMapProperty().get());
        assertEquals(ColorMap.PURPLE_ORANGE, again.divergingMapProperty().get());
        assertEquals(Locale.SIMPLIFIED_CHINESE, i18nAgain.getLocale());
        assertEquals(3, reopened.getLong("lesson.cross-attention.step", 0));
    }

    @Test
    void nonsenseInTheFileLeavesTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, """
                {"appearance.fontSize": 900, "appearance.highContrast": "yes", "appearance.sequentialMap": "BLUE_RED",
                 "appearance.divergingMap": "RAINBOW", "ui.language": "fr"}
                """);
        Appearance appearance = new Appearance();
        I18n i18n = new I18n(Locale.ENGLISH);
        UserSettings.restore(SettingsStore.open(file), appearance, i18n);
        assertEquals(Appearance.DEFAULT_FONT_SIZE, appearance.getFontSize());
        assertFalse(appearance.highContrastProperty().get());
        assertEquals(ColorMap.DEFAULT_SEQUENTIAL, appearance.sequentialMapProperty().get(), "a diverging map is no sequential map");
        assertEquals(ColorMap.DEFAULT_DIVERGING, appearance.divergingMapProperty().get());
        assertEquals(Locale.ENGLISH, i18n.getLocale());
    }
}

package org.attentionlab.ui;

import java.util.Locale;
import java.util.Optional;

import org.attentionlab.io.DebouncedSaver;
import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.widgets.ColorMap;

/**
 * The appearance (font size, high contrast, the two colour maps) and the language, kept in the
 * user's {@link SettingsStore}: put back when the app starts, saved a moment after each change on
 * the saver's thread. A stored value that makes no sense (a font size of 900, a colour map that no
 * longer exists, a language the app does not ship) is ignored and the default stays.
 *
 * <p>Keys: {@value #FONT_SIZE}, {@value #HIGH_CONTRAST}, {@value #SEQUENTIAL_MAP},
 * {@value #DIVERGING_MAP}, {@value #LANGUAGE}. Lesson progress lives in the same store under
 * {@code lesson.*} (the lesson player's keys).
 */
public final class UserSettings {

    public static final String FONT_SIZE = "appearance.fontSize";
    public static final String HIGH_CONTRAST = "appearance.highContrast";
    public static final String SEQUENTIAL_MAP = "appearance.sequentialMap";
    public static final String DIVERGING_MAP = "appearance.divergingMap";
    public static final String LANGUAGE = "ui.language";

    private UserSettings() {
    }

    /** Sets the appearance and the language from {@code store}; unknown or absurd values are skipped. */
    public static void restore(SettingsStore store, Appearance appearance, I18n i18n) {
        double size = store.getDouble(FONT_SIZE, Double.NaN);
        if (size >= Appearance.MIN_FONT_SIZE && size <= Appearance.MAX_FONT_SIZE) {
            appearance.fontSizeProperty().set(size);
        }
        appearance.highContrastProperty().set(store.getBoolean(HIGH_CONTRAST, appearance.highContrastProperty().get()));
        colorMap(store, SEQUENTIAL_MAP, ColorMap.Kind.SEQUENTIAL).ifPresent(appearance.sequentialMapProperty()::set);
        colorMap(store, DIVERGING_MAP, ColorMap.Kind.DIVERGING).ifPresent(appearance.divergingMapProperty()::set);
        store.getString(LANGUAGE).map(Locale::forLanguageTag)
                .filter(l -> I18n.SUPPORTED.stream().anyMatch(s -> s.getLanguage().equals(l.getLanguage())))
                .ifPresent(i18n::setLocale);
    }

    private static Optional<ColorMap> colorMap(SettingsStore store, String key, ColorMap.Kind kind) {
        return store.getString(key).flatMap(name -> {
            for (ColorMap m : ColorMap.values()) {
                if (m.name().equals(name) && m.kind() == kind) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        });
    }

    /**
     * From now on every change of the appearance or the language goes into {@code store}, and
     * {@code saver} writes the file a moment later. Call on the FX thread.
     */
    public static void saveOnChange(SettingsStore store, Appearance appearance, I18n i18n, DebouncedSaver saver) {
        appearance.fontSizeProperty().addListener((obs, old, now) -> {
            store.put(FONT_SIZE, now.doubleValue());
            saver.schedule(store::save);
        });
        appearance.highContrastProperty().addListener((obs, old, now) -> {
            store.put(HIGH_CONTRAST, now);
            saver.schedule(store::save);
        });
        appearance.sequentialMapProperty().addListener((obs, old, now) -> {
            if (now != null) {
                store.put(SEQUENTIAL_MAP, now.name());
                saver.schedule(store::save);
            }
        });
        appearance.divergingMapProperty().addListener((obs, old, now) -> {
            if (now != null) {
                store.put(DIVERGING_MAP, now.name());
                saver.schedule(store::save);
            }
        });
        i18n.localeProperty().addListener((obs, old, now) -> {
            store.put(LANGUAGE, now.toLanguageTag());
            saver.schedule(store::save);
        });
    }
}

package org.attentionlab.lesson;

import java.util.Locale;
import java.util.Objects;

/**
 * A text in both of the app's languages. Neither is a translation of the other by contract:
 * each is written for its own readers.
 *
 * @param zh Simplified Chinese
 * @param en English
 */
public record Bilingual(String zh, String en) {

    public Bilingual {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    /** The Chinese text for a Chinese locale, the English one otherwise. */
    public String get(Locale locale) {
        return locale != null && locale.getLanguage().equals("zh") ? zh : en;
    }

    /** {@code "zh"} or {@code "en"}; anything else falls back to English. */
    public String get(String language) {
        return "zh".equals(language) ? zh : en;
    }
}

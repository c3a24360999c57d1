package org.attentionlab.ui;

import java.util.List;

/**
 * Something a view-model wants the user to read, as a message key and its arguments: the
 * view-model stays free of the language, and the view formats it with {@link I18n#format} (so it
 * follows a language switch).
 */
public record Message(String key, List<Object> args) {

    public Message {
        java.util.Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static Message of(String key, Object... args) {
        return new Message(key, List.of(args));
    }

    /** The text in the current language. */
    public String format(I18n i18n) {
        return i18n.format(key, args.toArray());
    }
}

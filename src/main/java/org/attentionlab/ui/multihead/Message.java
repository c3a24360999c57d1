package org.attentionlab.ui.multihead;

import java.util.List;

/**
 * Something to tell the user, as a message key and its arguments: the view-model decides what,
 * the view says it in the current language.
 */
public record Message(String key, List<Object> args) {

    public Message {
        args = List.copyOf(args);
    }

    public static Message of(String key, Object... args) {
        return new Message(key, List.of(args));
    }
}

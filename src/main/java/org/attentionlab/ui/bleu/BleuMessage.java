package org.attentionlab.ui.bleu;

import java.util.List;

/** A message for the user: a key of the messages bundle and its arguments (the view words it). */
public record BleuMessage(String key, List<Object> args) {

    public BleuMessage {
        args = List.copyOf(args);
    }

    public static BleuMessage of(String key, Object... args) {
        return new BleuMessage(key, List.of(args));
    }
}

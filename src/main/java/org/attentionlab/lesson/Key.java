package org.attentionlab.lesson;

import java.util.Objects;

/**
 * A key a view understands in a step's {@code state}, or an input/expected value of a check.
 *
 * @param name     as written in the lesson file
 * @param type     what it accepts
 * @param required whether it must be given (view state keys never are: views have defaults)
 * @param doc      one line for the README and for messages
 */
public record Key(String name, ValueType type, boolean required, String doc) {

    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
    }

    public static Key optional(String name, ValueType type, String doc) {
        return new Key(name, type, false, doc);
    }

    public static Key required(String name, ValueType type, String doc) {
        return new Key(name, type, true, doc);
    }
}

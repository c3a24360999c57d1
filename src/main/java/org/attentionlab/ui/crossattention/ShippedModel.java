package org.attentionlab.ui.crossattention;

import java.util.Locale;

import org.attentionlab.engine.train.Translator;

/**
 * The encoder-decoders the app ships, trained by its own {@code train} command: the tiny
 * English → French-like translator, and the one-layer copy and reverse models on digit strings
 * ({@code train copy --seed 1 --out assets/models/copy}).
 */
public enum ShippedModel {
    TINY_TRANSLATOR(Translator.SHIPPED_PATH, "the teacher visits the european economic area"),
    COPY("assets/models/copy", "7 2 9 4 1 5"),
    REVERSE("assets/models/reverse", "7 2 9 4 1 5");

    private final String path;
    private final String example;

    ShippedModel(String path, String example) {
        this.path = path;
        this.example = example;
    }

    /** The folder, relative to the application's root. */
    public String path() {
        return path;
    }

    /** A sentence it reads well (the views open with it). */
    public String example() {
        return example;
    }

    /** As lessons write it: tiny-translator, copy, reverse. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The message key of its name in the model lists. */
    public String messageKey() {
        return "cross.model." + id();
    }

    public static ShippedModel of(String id) {
        for (ShippedModel m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no shipped model '" + id + "'");
    }
}

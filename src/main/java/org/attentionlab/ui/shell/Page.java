package org.attentionlab.ui.shell;

import java.util.Objects;
import java.util.function.Supplier;

import javafx.scene.Node;

/**
 * One entry of the navigation list: a real view, built the first time it is shown (so the window
 * opens before every view exists). The shell lists only pages that exist; there are no
 * placeholders.
 */
public final class Page {

    private final String id;
    private final String titleKey;
    private final Supplier<? extends Node> factory;
    private Node view;

    /**
     * @param id       a stable name ("qkv"), used by lessons and tests
     * @param titleKey the message key of the title in the navigation list
     * @param factory  builds the view, on the FX thread, once
     */
    public Page(String id, String titleKey, Supplier<? extends Node> factory) {
        this.id = Objects.requireNonNull(id, "id");
        this.titleKey = Objects.requireNonNull(titleKey, "titleKey");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public String id() {
        return id;
    }

    public String titleKey() {
        return titleKey;
    }

    /** The view, built on first use. */
    public Node view() {
        if (view == null) {
            view = factory.get();
        }
        return view;
    }

    @Override
    public String toString() {
        return id;
    }
}

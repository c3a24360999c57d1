package org.attentionlab.lesson;

import java.util.List;
import java.util.Set;

/**
 * A kind of check: a computation the engine can do without any UI, its inputs and the values a
 * lesson may state about its result. Kinds are a closed vocabulary of named computations with
 * typed inputs, never expressions: nothing in a lesson can run code. A new kind (as
 * {@code bleu} was) is one class registered in {@link CheckCatalog}; the
 * lesson format does not change.
 */
public interface CheckKind {

    /** As written in {@code kind:}. */
    String name();

    /** One line for the README and the command line. */
    String description();

    /** The inputs, each with its type; a required input may also come from the step's state, see {@link #fromState()}. */
    List<Key> inputs();

    /** The values a lesson may state under {@code expect:}; at least one must be given. */
    List<Key> expectations();

    /**
     * Inputs that, when a check leaves them out, are taken from the step's effective state (the
     * check then recomputes exactly what the view shows). Empty by default.
     */
    default Set<String> fromState() {
        return Set.of();
    }

    /** Defaults for inputs that are neither given nor in the state. */
    default StateMap defaults() {
        return StateMap.empty();
    }

    /**
     * Cross-field problems (shapes, indices, labels) of well-typed inputs, as messages without the
     * step/check prefix. Run when the lesson is loaded.
     */
    default List<String> validate(StateMap inputs, StateMap expect) {
        return List.of();
    }

    /**
     * Recomputes with the engine and compares: one message per stated value that is off by more
     * than the tolerance (empty when the text is right).
     */
    List<String> run(StateMap inputs, StateMap expect, double tolerance);
}

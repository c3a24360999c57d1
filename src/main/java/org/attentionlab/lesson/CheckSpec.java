package org.attentionlab.lesson;

import java.util.Objects;

/**
 * One number (or set of numbers) that a step's text states, to be recomputed with the engine.
 *
 * @param id        unique within its step
 * @param kind      a name from {@link CheckCatalog} ({@code attention}, {@code softmax}, …)
 * @param inputs    the kind's inputs, typed and validated
 * @param expect    the values the text states
 * @param tolerance largest allowed absolute difference per number
 * @param line      1-based line of the check in the lesson file
 */
public record CheckSpec(String id, String kind, StateMap inputs, StateMap expect, double tolerance, int line) {

    public CheckSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(expect, "expect");
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance is " + tolerance + "; expected a finite number ≥ 0");
        }
    }
}

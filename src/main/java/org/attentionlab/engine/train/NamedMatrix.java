package org.attentionlab.engine.train;

import java.util.Objects;

import org.attentionlab.engine.trace.Matrix;

/** A labelled matrix for a view, e.g. a parameter ("W_Q") or its gradient. A vector is one row. */
public record NamedMatrix(String name, Matrix value) {

    public NamedMatrix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}

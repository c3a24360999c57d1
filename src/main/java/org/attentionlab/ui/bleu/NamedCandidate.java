package org.attentionlab.ui.bleu;

import java.util.Objects;

/** A candidate translation with a name ("DeepSeek"), for comparing several against the same references. */
public record NamedCandidate(String label, String text) {

    public NamedCandidate {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
    }
}

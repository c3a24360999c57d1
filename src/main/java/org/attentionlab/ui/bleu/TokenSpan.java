package org.attentionlab.ui.bleu;

/**
 * One token of the candidate or of a reference as the view colours it.
 *
 * @param token the token as the tokenizer produced it
 * @param mark  how it is highlighted
 */
public record TokenSpan(String token, Mark mark) {

    /** Highlighting, strongest last. */
    public enum Mark {
        /** Not inside a matched n-gram of the order in focus. */
        NONE,
        /** Inside an n-gram of the order in focus that earns credit (candidate) or was used up (reference). */
        MATCHED,
        /** An occurrence of the selected n-gram that earns no credit: clipped away, or never matched. */
        SELECTED_UNCREDITED,
        /** An occurrence of the selected n-gram that earns credit (or that the candidate used up). */
        SELECTED
    }
}

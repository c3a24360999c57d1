package org.attentionlab.text;

/**
 * A vocabulary file or token list that cannot be used. The message names the source (a file
 * path), the line where there is one, and what was expected.
 */
public final class VocabularyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public VocabularyException(String message) {
        super(message);
    }

    public VocabularyException(String message, Throwable cause) {
        super(message, cause);
    }
}

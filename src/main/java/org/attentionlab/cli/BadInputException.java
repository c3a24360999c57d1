package org.attentionlab.cli;

/**
 * Bad input from the user: the command line prints the message on one stderr line and exits 2.
 * The message names the argument (or file, line, field) and what was expected.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.attentionlab.text;

import java.util.List;

/**
 * Splits text into token strings. The lessons compare three answers to "what is a token?":
 * whitespace-separated words, single characters, and BERT's WordPieces.
 */
public interface TextTokenizer {

    /** A short name for menus and legends, e.g. {@code "whitespace"}. */
    String name();

    /**
     * Splits {@code text} into tokens, without any special tokens such as {@code [CLS]}.
     *
     * @throws NullPointerException if {@code text} is null
     */
    List<String> tokenize(String text);
}

package org.attentionlab.text;

/** What a token in an {@link Encoding} is, so that the tokenizer view can colour it. */
public enum TokenKind {
    /** {@code [CLS]}, {@code [SEP]}, {@code [PAD]}, {@code [MASK]}, or {@code [UNK]} typed literally. */
    SPECIAL,
    /** A single CJK ideograph: BERT gives every Chinese character its own token. */
    CJK,
    /** A whole word (or punctuation mark) found in the vocabulary as it is. */
    WORD,
    /** The first piece of a word that WordPiece had to split ({@code transform} of {@code transformer}). */
    WORD_START,
    /** A continuation piece, written with the {@code ##} prefix ({@code ##er}). */
    PIECE,
    /** {@code [UNK]} produced because a word could not be built from the vocabulary. */
    UNKNOWN
}

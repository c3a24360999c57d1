package org.attentionlab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * WordPiece (Wu et al. 2016, "Google's Neural Machine Translation System", section 4.1; used
 * by BERT, Devlin et al. 2019, section 3): split one word into the longest vocabulary entries,
 * greedily from the left. Pieces after the first carry the {@code ##} prefix, so "playing"
 * becomes {@code play ##ing} and the decoder knows to glue them back without a space.
 *
 * <p>Two rules keep unknown text from exploding into noise: a word longer than
 * {@link #MAX_INPUT_CHARS_PER_WORD} code points is one {@code [UNK]} without trying, and a word
 * that cannot be covered completely becomes a single {@code [UNK]} (not its good prefix plus an
 * {@code [UNK]}), exactly as in BERT.
 *
 * <p>Lengths and substrings count Unicode code points, not Java {@code char}s, so an emoji is one
 * character here as it is in Python and Rust.
 */
public final class WordPiece {

    /** BERT's limit on word length, in code points. */
    public static final int MAX_INPUT_CHARS_PER_WORD = 100;

    /** The prefix of continuation pieces. */
    public static final String CONTINUATION = "##";

    private final Vocabulary vocabulary;
    private final String unkToken;

    /** @throws VocabularyException if the vocabulary lacks {@code unkToken} */
    public WordPiece(Vocabulary vocabulary, String unkToken) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.unkToken = Objects.requireNonNull(unkToken, "unkToken");
        vocabulary.require(unkToken, "to stand for words the vocabulary cannot spell");
    }

    /**
     * The pieces of one word (no whitespace inside), or the single unknown token.
     * An empty word gives no pieces.
     */
    public List<String> tokenize(String word) {
        int[] cps = word.codePoints().toArray();
        if (cps.length == 0) {
            return List.of();
        }
        if (cps.length > MAX_INPUT_CHARS_PER_WORD) {
            return List.of(unkToken);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < cps.length) {
            String found = null;
            // Longest match first: shrink the candidate from the right until the vocabulary knows it.
            for (int end = cps.length; end > start; end--) {
                String candidate = new String(cps, start, end - start);
                if (start > 0) {
                    candidate = CONTINUATION + candidate;
                }
                if (vocabulary.contains(candidate)) {
                    found = candidate;
                    start = end;
                    break;
                }
            }
            if (found == null) {
                return List.of(unkToken);
            }
            pieces.add(found);
        }
        return List.copyOf(pieces);
    }

    public String unkToken() {
        return unkToken;
    }
}

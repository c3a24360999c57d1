package org.attentionlab.text;

import java.util.List;
import java.util.Objects;

/**
 * One token per Unicode code point, whitespace dropped: the tokenizer Chinese text suggests
 * (BERT itself splits every CJK ideograph into its own token). A code point, not a
 * {@code char}: an emoji outside the Basic Multilingual Plane is one token, not two surrogates.
 * Combining sequences (e + U+0301) and emoji ZWJ sequences stay separate code points.
 */
public final class CharacterTokenizer implements TextTokenizer {

    @Override
    public String name() {
        return "character";
    }

    @Override
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        return text.codePoints()
                .filter(cp -> !BasicTokenizer.isWhitespace(cp))
                .mapToObj(Character::toString)
                .toList();
    }
}

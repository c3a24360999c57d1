package org.attentionlab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The naive word tokenizer: tokens are the maximal runs of non-whitespace characters. It shows
 * why real tokenizers exist: "today." and "today" become different tokens, and Chinese, which
 * is written without spaces, comes out as one token per clause.
 *
 * <p>Whitespace is Unicode's White_Space property (so U+3000 IDEOGRAPHIC SPACE and no-break
 * spaces separate tokens too), the same definition {@link BasicTokenizer} uses.
 */
public final class WhitespaceTokenizer implements TextTokenizer {

    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (BasicTokenizer.isWhitespace(cp)) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return List.copyOf(out);
    }
}

package org.attentionlab.robust;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Text people (and attackers) type or paste: any code point including lone surrogates and
 * controls, and the hard cases mixed in on purpose: CJK, emoji with modifiers and joiners,
 * right-to-left scripts and bidi overrides, combining marks, zero-width characters, huge runs.
 */
final class HostileText {

    private static final String[] PIECES = {"我爱自然语言处理", "注意力", "Transformer", "don't", "naïve", "e\u0301", "😀", "👍🏽",
        "👨\u200D👩\u200D👧", "שלום", "مرحبا", "\u202E", "\u202C", "\u2066", "\u200B", "\uFEFF", "\u0000", "\u0007", "\u001B[31m",
        "\t", "\r\n", "\n", " ", "\u3000", "[CLS]", "[SEP]", "[UNK]", "##", "...", "\uD800", "\uDC00", "\uFFFD", "Ⅻ", "ﬁ", "İ",
        "ß", "ǅ", "１２３", "e\u0308\u0301\u0323", "\u0E01\u0E34", "한국어"};

    private HostileText() {
    }

    /** Strings of up to {@code maxPieces} pieces, each a hard case or random characters. */
    static Arbitrary<String> strings(int maxPieces) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(PIECES)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(8)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(PIECES).map(s -> s.repeat(200))));
        return piece.list().ofMaxSize(maxPieces).map(l -> String.join("", l));
    }
}

package org.attentionlab.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's "basic tokenizer" (Devlin et al. 2019, section 3, as released with the paper's code and
 * reimplemented by Hugging Face): everything that happens to text before WordPiece. In order:
 * <ol>
 *   <li><b>clean</b>: drop U+0000, U+FFFD and every control/format/private-use/unassigned
 *       character (Unicode categories C*), except tab, line feed and carriage return, which
 *       are whitespace; turn every whitespace character into a plain space;</li>
 *   <li><b>CJK</b>: put spaces around every CJK ideograph, because Chinese has no spaces and
 *       BERT's Chinese vocabulary is per character;</li>
 *   <li><b>accents</b> (optional): NFD-decompose and drop non-spacing marks (category Mn), so
 *       "étudiant" becomes "etudiant";</li>
 *   <li><b>lower case</b> (optional), one code point at a time;</li>
 *   <li><b>split</b> on whitespace, then split every punctuation character off as its own
 *       token.</li>
 * </ol>
 * Steps 3 and 4 come in this order in Hugging Face's Rust {@code BertNormalizer}; the Python
 * {@code BertTokenizer} lower-cases first. The two orders give the same result for every
 * character we know of (İ U+0130 becomes "i" either way). Lower-casing one code point at a
 * time (not {@link String#toLowerCase()} on the whole text) is deliberate: it is what the Rust
 * library does, so a final capital sigma becomes σ, not ς.
 *
 * <p>This class never sees special tokens: {@link BertTokenizer} cuts {@code [CLS]},
 * {@code [MASK]} and friends out of the raw text first, so they are never split or lower-cased.
 *
 * <p>Character classes follow the Unicode tables of the running JDK (Unicode 13 on Java 17):
 * a character newer than that (say an emoji from Unicode 14) counts as unassigned and is
 * dropped, where a newer Hugging Face build would keep it as {@code [UNK]}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BasicTokenizer {

    private final boolean lowerCase;
    private final boolean stripAccents;

    /**
     * @param lowerCase lower-case the text (bert-base-uncased, bert-base-chinese)
     * @param stripAccents remove accents (NFD, then drop Mn); BERT ties it to {@code lowerCase}
     */
    public BasicTokenizer(boolean lowerCase, boolean stripAccents) {
        this.lowerCase = lowerCase;
        this.stripAccents = stripAccents;
    }

    /** Uncased BERT: lower-case and strip accents when {@code lowerCase}, neither otherwise. */
    public BasicTokenizer(boolean lowerCase) {
        this(lowerCase, lowerCase);
    }

    public boolean lowerCase() {
        return lowerCase;
    }

    public boolean stripAccents() {
        return stripAccents;
    }

    /** Splits text (containing no special tokens) into the words WordPiece will see. */
    public List<String> tokenize(String text) {
        String s = normalize(text);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isWhitespace(cp)) {
                flush(word, out);
            } else if (isPunctuation(cp)) {
                flush(word, out);
                out.add(Character.toString(cp));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, out);
        return out;
    }

    /** Steps 1 to 4: the text as BERT's normalizer leaves it, still one string. */
    public String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                sb.append(' ');
            } else if (isCjk(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString();
        if (stripAccents) {
            StringBuilder kept = new StringBuilder(s.length());
            Normalizer.normalize(s, Normalizer.Form.NFD).codePoints()
                    .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(kept::appendCodePoint);
            s = kept.toString();
        }
        if (lowerCase) {
            StringBuilder lower = new StringBuilder(s.length());
            // One code point at a time: full case mapping (İ -> i + U+0307) but no context (Σ -> σ).
            s.codePoints().forEach(cp -> lower.append(Character.toString(cp).toLowerCase(Locale.ROOT)));
            s = lower.toString();
        }
        return s;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    /**
     * BERT's "Chinese character": the CJK Unified Ideographs blocks and extensions A to E plus
     * the compatibility ideographs. Hiragana, katakana, hangul and full-width Latin are not in
     * it; they are treated like any other letters.
     */
    public static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /**
     * BERT's punctuation: every ASCII non-alphanumeric printable character (so {@code $ + < = > ^ ` | ~},
     * which Unicode calls symbols, count) plus every Unicode punctuation category P*.
     */
    public static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /**
     * Whitespace: tab, line feed, carriage return, and Unicode's White_Space property (space
     * separators Zs such as U+00A0 and U+3000, and the line/paragraph separators). Unlike
     * {@link Character#isWhitespace(int)} this includes the no-break spaces.
     */
    public static boolean isWhitespace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, 0x0C, '\r', 0x85, 0x2028, 0x2029:
                return true;
            default:
                return Character.getType(cp) == Character.SPACE_SEPARATOR;
        }
    }

    /**
     * Characters the cleaning step removes: categories Cc, Cf, Cs, Co, Cn (control, format such
     * as the zero-width joiner and U+200B, surrogate, private use, unassigned), but not tab,
     * line feed or carriage return.
     */
    public static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }
}

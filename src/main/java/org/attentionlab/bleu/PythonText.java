package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations that sacreBLEU and NLTK lean on, reproduced exactly.
 *
 * <p>Why not {@link String#trim()} and {@link String#split(String)}: Python's {@code str.split()}
 * with no argument splits on its own notion of whitespace, which differs from Java's in both
 * directions: Python counts U+00A0, U+2007, U+202F and U+0085 as whitespace (Java's
 * {@link Character#isWhitespace(int)} does not), and {@code trim()} only looks at code points
 * up to U+0020. A no-break space in a hypothesis therefore splits a token in sacreBLEU; so it
 * must here.
 */
final class PythonText {

    private PythonText() {
    }

    /**
     * Python's {@code str.isspace()} for one code point (CPython {@code Py_UNICODE_ISSPACE}):
     * the Unicode characters with bidirectional class WS, B or S, or general category Zs.
     */
    static boolean isSpace(int c) {
        if (c <= 0x20) {
            return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }
        if (c < 0x85) {
            return false;
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** Python's {@code s.split()}: runs of whitespace separate tokens; no empty tokens. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            // Surrogates are never whitespace, so scanning UTF-16 units is exact here.
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** Python's {@code ' '.join(s.split())}. */
    static String normalizeSpaces(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(s, start, i);
            }
        }
        return b.toString();
    }

    /** Python's {@code s.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Python's {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Python's {@code s.lower()}. Both use the full Unicode lower-case mapping (U+0130 becomes
     * two code points, a final capital sigma becomes ς); the locale-neutral root locale keeps a
     * Turkish machine from lower-casing 'I' to a dotless ı.
     */
    static String lower(String s) {
        if (s.indexOf('\u03A3') < 0) {
            return s.toLowerCase(Locale.ROOT);
        }
        // Java and Python decide "final sigma" differently (Java looks at letters next to it,
        // Python at cased letters across case-ignorable characters), so Σ is done by hand.
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c == 0x03A3) {
                b.append(isFinalSigma(s, i) ? '\u03C2' : '\u03C3');
            } else {
                b.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
            }
            i += Character.charCount(c);
        }
        return b.toString();
    }

    /** CPython's rule: a cased letter, then case-ignorables, then Σ, and no cased letter after further case-ignorables. */
    private static boolean isFinalSigma(String s, int at) {
        int j = at;
        int c = -1;
        while (j > 0) {
            c = s.codePointBefore(j);
            j -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                break;
            }
            c = -1;
        }
        if (c < 0 || !isCased(c)) {
            return false;
        }
        for (int k = at + 1; k < s.length(); ) {
            int d = s.codePointAt(k);
            k += Character.charCount(d);
            if (!isCaseIgnorable(d)) {
                return !isCased(d);
            }
        }
        return true;
    }

    private static boolean isCased(int c) {
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /** Unicode Case_Ignorable: Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter, MidNumLet, Single_Quote. */
    private static boolean isCaseIgnorable(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (c) {
            case '\'', '.', ':', 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027,
                 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
                return true;
            default:
                return false;
        }
    }

    /**
     * Python's string ordering: lexicographic by code point (not by UTF-16 unit, which is what
     * {@link String#compareTo(String)} does and which orders U+E000..U+FFFF after astral code
     * points).
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}

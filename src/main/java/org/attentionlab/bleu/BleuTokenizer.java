package org.attentionlab.bleu;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * sacreBLEU 2.6.0's tokenizers (Post 2018, "A Call for Clarity in Reporting BLEU Scores").
 *
 * <p>BLEU counts n-grams of tokens, so the tokenizer is part of the metric: the same output
 * scores differently under {@code 13a} and {@code zh}. Each constant reproduces the behaviour of
 * the sacreBLEU tokenizer of the same name, quirks included, because a score is only comparable
 * with a published one if every token boundary agrees. {@link #apply(String)} returns what
 * sacreBLEU's tokenizer returns (tokens joined by single spaces); {@link #tokens(String)} the
 * tokens themselves.
 *
 * <p>The regular-expression passes of sacreBLEU are written out as single left-to-right scans.
 * A two-character pattern such as {@code ([^0-9])([\.,])} applied by {@code re.sub} finds
 * leftmost, non-overlapping matches; the scans below consume exactly the same characters, so the
 * output is identical, without allocating a regex matcher per line (the corpus path tokenizes
 * 200 000 lines for 100 000 segments).
 */
public enum BleuTokenizer {

    /** No tokenization: the segment is split on whitespace only. */
    NONE("none") {
        @Override
        public String apply(String line) {
            return line;
        }
    },

    /**
     * mteval-v13a, the WMT standard and sacreBLEU's default: unescapes four HTML entities, splits
     * off ASCII punctuation and symbols, and splits '.' and ',' except between digits, and '-'
     * after a digit.
     */
    V13A("13a") {
        @Override
        public String apply(String line) {
            String s = line.replace("<skipped>", "")
                    .replace("-\n", "")
                    .replace("\n", " ");
            if (s.indexOf('&') >= 0) {
                // Order matters: "&amp;lt;" becomes "&lt;" and then "<", as in sacreBLEU.
                s = s.replace("&quot;", "\"")
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">");
            }
            return mtevalRegexps(" " + s + " ");
        }
    },

    /**
     * mteval-v14 "international": splits punctuation (Unicode category P) unless it sits between
     * digits (category N), and every symbol (category S). Categories come from the JDK's Unicode
     * tables ({@link Character#getType(int)}); sacreBLEU uses the Python {@code regex} module's,
     * which may be a newer Unicode version, so characters assigned after the JDK's Unicode
     * version can differ.
     */
    INTL("intl") {
        @Override
        public String apply(String line) {
            int[] cps = line.codePoints().toArray();
            // Pass 1: (\P{N})(\p{P}) -> "\1 \2 "
            cps = pairPass(cps, false, c -> !isNumber(c), BleuTokenizer::isPunctuation);
            // Pass 2: (\p{P})(\P{N}) -> " \1 \2"
            cps = pairPass(cps, true, BleuTokenizer::isPunctuation, c -> !isNumber(c));
            // Pass 3: (\p{S}) -> " \1 "
            StringBuilder b = new StringBuilder(cps.length + 16);
            for (int c : cps) {
                if (isSymbol(c)) {
                    b.append(' ').appendCodePoint(c).append(' ');
                } else {
                    b.appendCodePoint(c);
                }
            }
            return PythonText.normalizeSpaces(b.toString());
        }
    },

    /**
     * Chinese: every code point that sacreBLEU's {@code zh} tokenizer considers Chinese becomes its
     * own token, and the rest goes through the 13a regular expressions (without 13a's HTML
     * unescaping). See {@link #isChineseForZh(int)} for which code points those are.
     */
    ZH("zh") {
        @Override
        public String apply(String line) {
            String s = PythonText.strip(line);
            StringBuilder b = new StringBuilder(s.length() * 2);
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                if (isChineseForZh(c)) {
                    b.append(' ').appendCodePoint(c).append(' ');
                } else {
                    b.appendCodePoint(c);
                }
                i += Character.charCount(c);
            }
            return mtevalRegexps(b.toString());
        }
    },

    /** Characters: every non-whitespace code point is a token (spaces vanish). */
    CHAR("char") {
        @Override
        public String apply(String line) {
            // Like sacreBLEU, join every code point (spaces included) with a space; the
            // whitespace split that follows drops the spaces.
            StringBuilder b = new StringBuilder(line.length() * 2);
            for (int i = 0; i < line.length(); ) {
                int c = line.codePointAt(i);
                if (i > 0) {
                    b.append(' ');
                }
                b.appendCodePoint(c);
                i += Character.charCount(c);
            }
            return b.toString();
        }
    };

    private final String signatureName;

    BleuTokenizer(String signatureName) {
        this.signatureName = signatureName;
    }

    /** Tokenizes one segment; returns the tokens joined by single spaces, as sacreBLEU does. */
    public abstract String apply(String line);

    /** Tokenizes one segment and splits it into tokens (Python {@code str.split()} semantics). */
    public List<String> tokens(String line) {
        return PythonText.split(apply(line));
    }

    /** The name sacreBLEU uses on its command line and in the signature ({@code tok:13a}). */
    public String signatureName() {
        return signatureName;
    }

    /** The tokenizer with this sacreBLEU name ({@code none, 13a, intl, zh, char}). */
    public static BleuTokenizer fromName(String name) {
        for (BleuTokenizer t : values()) {
            if (t.signatureName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown BLEU tokenizer '" + name + "': expected one of "
                + Arrays.stream(values()).map(BleuTokenizer::signatureName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return signatureName;
    }

    // ---- 13a / zh post-tokenizer -------------------------------------------------------------

    /**
     * The four passes of sacreBLEU's {@code TokenizerRegexp}, in order, then whitespace
     * normalization. Pass 1 pads every ASCII character from space to '&amp;', '(' to '+', ':' to
     * '@', '[' to '`', '{' to '~', and '/' (all ASCII punctuation except ' - . ,); passes 2 and 3
     * pad '.' and ',' unless preceded (pass 2) or followed (pass 3) by an ASCII digit; pass 4 pads
     * '-' after a digit.
     */
    private static String mtevalRegexps(String s) {
        int n = s.length();
        StringBuilder b = new StringBuilder(n + 32);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isMtevalSymbol(c)) {
                b.append(' ').append(c).append(' ');
            } else {
                b.append(c);
            }
        }
        // Pass 2: ([^0-9])([\.,]) -> "\1 \2 ". Scanning UTF-16 units gives the same result as
        // scanning code points: a surrogate is never a digit, '.' or ','.
        String s2 = b.toString();
        b.setLength(0);
        n = s2.length();
        for (int i = 0; i < n; ) {
            char c = s2.charAt(i);
            if (i + 1 < n && !isDigit(c) && isDotComma(s2.charAt(i + 1))) {
                b.append(c).append(' ').append(s2.charAt(i + 1)).append(' ');
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        // Pass 3: ([\.,])([^0-9]) -> " \1 \2"
        String s3 = b.toString();
        b.setLength(0);
        n = s3.length();
        for (int i = 0; i < n; ) {
            char c = s3.charAt(i);
            if (i + 1 < n && isDotComma(c) && !isDigit(s3.charAt(i + 1))) {
                b.append(' ').append(c).append(' ').append(s3.charAt(i + 1));
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        // Pass 4: ([0-9])(-) -> "\1 \2 "
        String s4 = b.toString();
        b.setLength(0);
        n = s4.length();
        for (int i = 0; i < n; ) {
            char c = s4.charAt(i);
            if (i + 1 < n && isDigit(c) && s4.charAt(i + 1) == '-') {
                b.append(c).append(" - ");
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        return PythonText.normalizeSpaces(b.toString());
    }

    /** The first character class of mteval-v13a's tokenizer (see {@link #mtevalRegexps(String)}). */
    static boolean isMtevalSymbol(int c) {
        return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&')
                || (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDotComma(char c) {
        return c == '.' || c == ',';
    }

    // ---- intl -----------------------------------------------------------------------------

    private interface CodePointPredicate {
        boolean test(int c);
    }

    /** One leftmost, non-overlapping pass of a two-code-point pattern {@code (X)(Y)}. */
    private static int[] pairPass(int[] cps, boolean spaceBefore, CodePointPredicate first, CodePointPredicate second) {
        int[] out = new int[cps.length * 2 + 4];
        int k = 0;
        int n = cps.length;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && first.test(cps[i]) && second.test(cps[i + 1])) {
                if (out.length < k + 5) {
                    out = Arrays.copyOf(out, out.length * 2 + 5);
                }
                if (spaceBefore) {          // " \1 \2"
                    out[k++] = ' ';
                    out[k++] = cps[i];
                    out[k++] = ' ';
                    out[k++] = cps[i + 1];
                } else {                    // "\1 \2 "
                    out[k++] = cps[i];
                    out[k++] = ' ';
                    out[k++] = cps[i + 1];
                    out[k++] = ' ';
                }
                i += 2;
            } else {
                if (out.length < k + 1) {
                    out = Arrays.copyOf(out, out.length * 2 + 5);
                }
                out[k++] = cps[i];
                i++;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Category flags of every BMP code point (bit 0: N, bit 1: P, bit 2: S), so the scan is a table lookup. */
    private static final byte[] BMP_CATEGORY = new byte[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            BMP_CATEGORY[c] = (byte) ((numberType(c) ? 1 : 0) | (punctuationType(c) ? 2 : 0) | (symbolType(c) ? 4 : 0));
        }
    }

    /** Unicode general category N (Nd, Nl, No). */
    static boolean isNumber(int c) {
        return c < 0x10000 ? (BMP_CATEGORY[c] & 1) != 0 : numberType(c);
    }

    /** Unicode general category P (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
    static boolean isPunctuation(int c) {
        return c < 0x10000 ? (BMP_CATEGORY[c] & 2) != 0 : punctuationType(c);
    }

    /** Unicode general category S (Sm, Sc, Sk, So). */
    static boolean isSymbol(int c) {
        return c < 0x10000 ? (BMP_CATEGORY[c] & 4) != 0 : symbolType(c);
    }

    private static boolean numberType(int c) {
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    private static boolean punctuationType(int c) {
        switch (Character.getType(c)) {
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

    private static boolean symbolType(int c) {
        switch (Character.getType(c)) {
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    // ---- zh -------------------------------------------------------------------------------

    /**
     * The ranges exactly as sacreBLEU's {@code tokenizer_zh.py} writes them, as Python string
     * literals. Two of them were meant as astral ranges (CJK Extension B, U+20000..U+2A6D6, and the
     * Compatibility Supplement, U+2F800..U+2FA1D) but a Python {@code '\u20000'} is the
     * two-character string U+2000 followed by '0' (a Java literal reads the same way, which is why
     * the strings below can be copied verbatim). sacreBLEU compares a one-character string
     * against these bounds, so those two ranges really cover U+2001..U+2A6D (general punctuation
     * such as “ ” — …, arrows, maths, box drawing and more) and U+2F81..U+2FA1, and no astral
     * character is Chinese at all. We reproduce that, because scores must match.
     */
    private static final String[][] ZH_RANGES = {
        {"\u3400", "\u4db5"},
        {"\u4e00", "\u9fa5"},
        {"\u9fa6", "\u9fbb"},
        {"\uf900", "\ufa2d"},
        {"\ufa30", "\ufa6a"},
        {"\ufa70", "\ufad9"},
        {"\u20000", "\u2a6d6"},
        {"\u2f800", "\u2fa1d"},
        {"\uff00", "\uffef"},
        {"\u2e80", "\u2eff"},
        {"\u3000", "\u303f"},
        {"\u31c0", "\u31ef"},
        {"\u2f00", "\u2fdf"},
        {"\u2ff0", "\u2fff"},
        {"\u3100", "\u312f"},
        {"\u31a0", "\u31bf"},
        {"\ufe10", "\ufe1f"},
        {"\ufe30", "\ufe4f"},
        {"\u2600", "\u26ff"},
        {"\u2700", "\u27bf"},
        {"\u3200", "\u32ff"},
        {"\u3300", "\u33ff"},
    };

    /** Which BMP code points are Chinese to the zh tokenizer, evaluated once from the literal ranges. */
    private static final java.util.BitSet ZH_BMP = new java.util.BitSet(0x10000);

    static {
        for (int c = 0; c < 0x10000; c++) {
            if (evaluateZhRanges(c)) {
                ZH_BMP.set(c);
            }
        }
    }

    private static boolean evaluateZhRanges(int c) {
        String ch = new String(Character.toChars(c));
        for (String[] range : ZH_RANGES) {
            if (PythonText.compareCodePoints(range[0], ch) <= 0 && PythonText.compareCodePoints(ch, range[1]) <= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether sacreBLEU 2.6.0's {@code zh} tokenizer puts this code point in a token of its own.
     * Astral code points are compared like sacreBLEU does too, which makes all of them
     * non-Chinese (see {@link #ZH_RANGES}).
     */
    public static boolean isChineseForZh(int codePoint) {
        if (codePoint < 0x10000) {
            return ZH_BMP.get(codePoint);
        }
        return evaluateZhRanges(codePoint);
    }
}

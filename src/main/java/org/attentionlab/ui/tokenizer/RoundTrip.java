package org.attentionlab.ui.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.attentionlab.text.BasicTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.TokenKind;
import org.attentionlab.ui.Message;

/**
 * Why decoding does not give the input back: text → tokens → ids → text loses case and accents
 * (uncased models), control characters, the original spacing (BERT joins tokens with spaces, so
 * Chinese characters come back spaced out) and every word that became {@code [UNK]}; truncation
 * drops the end. Each finding is a message for the view, with an example from the input.
 */
final class RoundTrip {

    /** Examples quoted per finding. */
    static final int MAX_EXAMPLES = 5;

    private RoundTrip() {
    }

    /**
     * @param input        what the user typed (sentence A, or A and B joined by one space)
     * @param decoded      {@code decode(input_ids, skip_special_tokens=True)}
     * @param encoding     the encoding decoded
     * @param unknownWords the words (after basic tokenization) that WordPiece could not spell
     * @param cased        whether case and accents were kept
     * @param pair         whether two sentences were encoded
     */
    static List<Message> notes(String input, String decoded, Encoding encoding, List<String> unknownWords, boolean cased,
                               boolean pair) {
        List<Message> out = new ArrayList<>();
        if (decoded.equals(input)) {
            out.add(Message.of("tokenizer.roundtrip.exact"));
            return out;
        }
        if (!cased) {
            String word = firstWord(input, w -> !w.toLowerCase(Locale.ROOT).equals(w));
            if (word != null) {
                out.add(Message.of("tokenizer.roundtrip.case", word, word.toLowerCase(Locale.ROOT)));
            }
            String accented = firstWord(input, w -> !stripAccents(w).equals(w));
            if (accented != null) {
                out.add(Message.of("tokenizer.roundtrip.accents", accented, stripAccents(accented.toLowerCase(Locale.ROOT))));
            }
        }
        long control = input.codePoints().filter(RoundTrip::removedByCleaning).count();
        if (control > 0) {
            out.add(Message.of("tokenizer.roundtrip.control", control));
        }
        long unknown = encoding.kinds().stream().filter(k -> k == TokenKind.UNKNOWN).count();
        if (unknown > 0) {
            List<String> shown = unknownWords.stream().distinct().limit(MAX_EXAMPLES).toList();
            out.add(Message.of("tokenizer.roundtrip.unknown", unknown, String.join(", ", shown)));
        }
        if (encoding.truncatedTokens() > 0) {
            out.add(Message.of("tokenizer.roundtrip.truncated", encoding.truncatedTokens()));
        }
        String reference = normalise(input, cased);
        boolean cjkSpaces = spacesNextToCjk(decoded) > spacesNextToCjk(input);
        boolean otherSpaces = !reference.equals(collapseSpaces(reference).strip())
                || withoutSpaces(decoded).equals(withoutSpaces(reference)) && !decoded.equals(reference);
        if (cjkSpaces) {
            out.add(Message.of("tokenizer.roundtrip.cjkSpaces"));
        } else if (otherSpaces) {
            out.add(Message.of("tokenizer.roundtrip.spaces"));
        }
        if (pair) {
            out.add(Message.of("tokenizer.roundtrip.pair"));
        }
        if (out.isEmpty()) {
            out.add(Message.of("tokenizer.roundtrip.other"));
        }
        return out;
    }

    /** Lower-case and strip accents as an uncased BERT does, drop what cleaning drops. */
    static String normalise(String s, boolean cased) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(cp -> !removedByCleaning(cp)).forEach(sb::appendCodePoint);
        String t = sb.toString();
        return cased ? t : stripAccents(t.toLowerCase(Locale.ROOT));
    }

    static String stripAccents(String s) {
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder();
        nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** BERT's text cleaning drops NUL, U+FFFD and control/format characters other than tab and line breaks. */
    static boolean removedByCleaning(int cp) {
        if (cp == 0 || cp == 0xFFFD) {
            return true;
        }
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    private static String firstWord(String input, java.util.function.Predicate<String> test) {
        for (String w : input.split("[\\s\\p{Punct}，。、：；！？“”（）《》【】]+")) {
            if (!w.isEmpty() && test.test(w)) {
                return w.length() > 40 ? w.substring(0, 40) + "…" : w;
            }
        }
        return null;
    }

    private static int spacesNextToCjk(String s) {
        int n = 0;
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == ' ' && ((i > 0 && cjkLike(cps[i - 1])) || (i + 1 < cps.length && cjkLike(cps[i + 1])))) {
                n++;
            }
        }
        return n;
    }

    private static boolean cjkLike(int cp) {
        return BasicTokenizer.isCjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    private static String collapseSpaces(String s) {
        return s.replaceAll("\\s+", " ");
    }

    private static String withoutSpaces(String s) {
        return s.replaceAll("\\s+", "");
    }
}

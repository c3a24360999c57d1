package org.attentionlab.ui.widgets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as a teacher writes them: a real minus sign (−, U+2212, which reads better projected
 * than a hyphen), fixed decimals in cells, eight significant digits where the exact value is
 * asked for, and "−∞" for masked scores. Parsing accepts what people type: "-", "−", "+", a
 * decimal comma, surrounding spaces.
 */
public final class NumberText {

    public static final String MINUS = "\u2212";
    public static final String NEG_INFINITY = MINUS + "∞";

    private NumberText() {
    }

    /** {@code x} with {@code decimals} decimals, "−0.00" shown as "0.00". */
    public static String fixed(double x, int decimals) {
        if (x == Double.NEGATIVE_INFINITY) {
            return NEG_INFINITY;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return "∞";
        }
        if (Double.isNaN(x)) {
            return "NaN";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        if (s.startsWith("-")) {
            s = s.substring(1);
            return isZero(s) ? s : MINUS + s;
        }
        return s;
    }

    /** Eight significant digits, trailing zeros dropped: the "exact" value of a hover or derivation. */
    public static String exact(double x) {
        if (!Double.isFinite(x)) {
            return fixed(x, 0);
        }
        if (x == 0) {
            return "0";
        }
        String s = new BigDecimal(x).round(new MathContext(8)).stripTrailingZeros().toPlainString();
        if (s.length() > 16) {
            s = String.format(Locale.ROOT, "%.7e", x);
        }
        return s.startsWith("-") ? MINUS + s.substring(1) : s;
    }

    /** A vector as "[1.00, −0.50]". */
    public static String vector(double[] v, int decimals) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(fixed(v[i], decimals));
        }
        return b.append(']').toString();
    }

    /**
     * Parses what a person typed into a cell.
     *
     * @throws NumberFormatException with a message naming the text, when it is not a finite number
     */
    public static double parse(String text) {
        String s = text == null ? "" : text.strip().replace(MINUS, "-").replace('\u2013', '-').replace(',', '.');
        if (s.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        double x;
        try {
            x = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + text.strip() + "' is not a number");
        }
        if (!Double.isFinite(x) || s.toLowerCase(Locale.ROOT).contains("x")) {
            throw new NumberFormatException("'" + text.strip() + "' is not a finite number");
        }
        return x;
    }

    /** Subscript digits: 3 → "₃", 12 → "₁₂". */
    public static String subscript(int n) {
        String digits = Integer.toString(n);
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append(c == '-' ? '₋' : (char) ('₀' + (c - '0')));
        }
        return b.toString();
    }

    private static boolean isZero(String s) {
        for (char c : s.toCharArray()) {
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }
}

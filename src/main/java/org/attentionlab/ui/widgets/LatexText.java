package org.attentionlab.ui.widgets;

import java.util.Locale;

/**
 * Numbers and text written into LaTeX for {@link Formula}: fixed decimals with a plain '-' (which
 * TeX sets as a minus sign), tiny numbers as a power of ten instead of "0.0000", −∞ as
 * {@code -\infty}, row vectors as a bracketed matrix, and text escaped for {@code \text{…}}.
 */
public final class LatexText {

    private LatexText() {
    }

    /** {@code x} with {@code decimals} decimals; below 10^−decimals (but not 0), as a·10^b. */
    public static String num(double x, int decimals) {
        if (x == Double.NEGATIVE_INFINITY) {
            return "-\\infty";
        }
        if (x == Double.POSITIVE_INFINITY) {
            return "\\infty";
        }
        if (Double.isNaN(x)) {
            return "\\mathrm{NaN}";
        }
        double threshold = Math.pow(10, -decimals);
        if (x != 0 && Math.abs(x) < threshold) {
            String[] parts = String.format(Locale.ROOT, "%.2e", x).split("e");
            return parts[0] + "\\times 10^{" + Integer.parseInt(parts[1]) + "}";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A number as a term after another one: " + 1.0000" or " - 0.5000". */
    public static String signedTerm(double x, int decimals) {
        return x < 0 || (x == 0 && 1 / x < 0) ? " - " + num(-x, decimals) : " + " + num(x, decimals);
    }

    /** A number that follows an operator: negative numbers in parentheses. */
    public static String operand(double x, int decimals) {
        String s = num(x, decimals);
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    /** A row vector as {@code \begin{bmatrix} a & b \end{bmatrix}}. */
    public static String row(double[] v, int decimals) {
        StringBuilder b = new StringBuilder("\\begin{bmatrix} ");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(" & ");
            }
            b.append(num(v[i], decimals));
        }
        return b.append(" \\end{bmatrix}").toString();
    }

    /** A matrix as {@code \begin{bmatrix} a & b \\ c & d \end{bmatrix}}. */
    public static String matrix(double[][] m, int decimals) {
        StringBuilder b = new StringBuilder("\\begin{bmatrix} ");
        for (int i = 0; i < m.length; i++) {
            if (i > 0) {
                b.append(" \\\\ ");
            }
            for (int j = 0; j < m[i].length; j++) {
                if (j > 0) {
                    b.append(" & ");
                }
                b.append(num(m[i][j], decimals));
            }
        }
        return b.append(" \\end{bmatrix}").toString();
    }

    /** Text for {@code \text{…}}: TeX's special characters escaped. */
    public static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\backslash ");
                case '{', '}', '$', '&', '#', '%', '_' -> b.append('\\').append(c);
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

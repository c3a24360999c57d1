package org.attentionlab.bleu;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code f"{x:.Nf}"}: the exact binary value rounded half-to-even. Java's
 * {@code String.format("%.2f")} rounds the shortest decimal representation half-up instead, so
 * 0.125 would print 0.13 where Python prints 0.12; the verbose score string must match sacreBLEU's
 * character for character.
 */
final class PyFormat {

    private PyFormat() {
    }

    static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (x < 0 || (x == 0 && 1 / x < 0)) {
            // BigDecimal has no negative zero and drops the sign of "-0.00"; Python keeps it.
            return s.startsWith("-") ? s : "-" + s;
        }
        return s;
    }
}

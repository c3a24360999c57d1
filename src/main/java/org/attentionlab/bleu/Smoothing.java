package org.attentionlab.bleu;

import java.util.Locale;

/**
 * sacreBLEU's smoothing methods for zero n-gram matches, from Chen and Cherry (2014), "A
 * Systematic Comparison of Smoothing Techniques for Sentence-Level BLEU".
 *
 * <p>Without smoothing, one n-gram order with no match makes the geometric mean, and so BLEU,
 * zero; that is fine for a corpus but makes most single sentences score 0.
 */
public enum Smoothing {
    /** No smoothing: a zero precision gives BLEU 0. */
    NONE("none", null),
    /** Chen and Cherry's method 1: a zero count becomes {@code value} (default 0.1). */
    FLOOR("floor", 0.1),
    /** Method 2 (Lin and Och 2004, generalized): add {@code k} (default 1) to the matches and totals of every order n &gt; 1. */
    ADD_K("add-k", 1.0),
    /** Method 3, mteval-v13a's: the k-th order with no match gets precision 1 / (2^k · total). sacreBLEU's default. */
    EXP("exp", null);

    private final String signatureName;
    private final Double defaultValue;

    Smoothing(String signatureName, Double defaultValue) {
        this.signatureName = signatureName;
        this.defaultValue = defaultValue;
    }

    /** The name used by sacreBLEU's {@code -s} flag and signature. */
    public String signatureName() {
        return signatureName;
    }

    /** Whether the method takes a value ({@code floor}, {@code add-k}). */
    public boolean takesValue() {
        return defaultValue != null;
    }

    /** The default value, or null for methods without one. */
    public Double defaultValue() {
        return defaultValue;
    }

    /** The method with this sacreBLEU name ({@code none, floor, add-k, exp}). */
    public static Smoothing fromName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Smoothing s : values()) {
            if (s.signatureName.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown smoothing method '" + name + "': expected one of none, floor, add-k, exp");
    }

    @Override
    public String toString() {
        return signatureName;
    }
}

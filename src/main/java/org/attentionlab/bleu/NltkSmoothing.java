package org.attentionlab.bleu;

import java.util.Locale;

/**
 * NLTK 3.8.1's {@code SmoothingFunction} (Chen and Cherry 2014, "A Systematic Comparison of
 * Smoothing Techniques for Sentence-Level BLEU"), with NLTK's parameter defaults
 * ({@code epsilon = 0.1, alpha = 5, k = 5}).
 *
 * @param method  which of NLTK's method0 … method7
 * @param epsilon method1's count for a zero numerator
 * @param alpha   method6's interpolation weight
 * @param k       method4's constant
 */
public record NltkSmoothing(Method method, double epsilon, double alpha, double k) {

    /** NLTK's methods; the javadoc says what each does to a precision pₙ = mₙ / lₙ. */
    public enum Method {
        /** No smoothing; a zero pₙ becomes the smallest normal double so log() stays finite (BLEU ≈ 0). */
        METHOD0,
        /** A zero numerator becomes epsilon. */
        METHOD1,
        /** Add 1 to numerator and denominator of every order except unigrams (Lin and Och 2004). */
        METHOD2,
        /** NIST geometric: the k-th zero becomes 1 / (2^k · lₙ). */
        METHOD3,
        /** The k-th zero becomes 1 / (2^k · K / ln c) / lₙ, with c the hypothesis length (if c &gt; 1). */
        METHOD4,
        /** Average of pₙ₋₁ (smoothed), pₙ and pₙ₊₁ (p₅ for the last order). */
        METHOD5,
        /** Interpolate with the prior pₙ₋₁² / pₙ₋₂ (Gao and He 2013); needs p₃ &gt; 0. */
        METHOD6,
        /** method4, then method5. */
        METHOD7;

        /** {@code method3}, or just {@code 3}. */
        public static Method fromName(String name) {
            String s = name.trim().toLowerCase(Locale.ROOT);
            if (s.startsWith("method")) {
                s = s.substring("method".length());
            }
            if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '7') {
                return values()[s.charAt(0) - '0'];
            }
            throw new IllegalArgumentException("unknown NLTK smoothing '" + name + "': expected method0 … method7");
        }

        @Override
        public String toString() {
            return "method" + ordinal();
        }
    }

    public NltkSmoothing {
        java.util.Objects.requireNonNull(method, "method");
        if (!Double.isFinite(epsilon) || !Double.isFinite(alpha) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("NLTK smoothing parameters must be finite numbers");
        }
    }

    /** The method with NLTK's default parameters. */
    public static NltkSmoothing of(Method method) {
        return new NltkSmoothing(method, 0.1, 5, 5);
    }

    /** {@code methodN} with NLTK's default parameters. */
    public static NltkSmoothing of(String name) {
        return of(Method.fromName(name));
    }

    /** NLTK's default when no smoothing function is given. */
    public static NltkSmoothing none() {
        return of(Method.METHOD0);
    }
}

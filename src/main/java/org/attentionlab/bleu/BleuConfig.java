package org.attentionlab.bleu;

import java.util.Objects;

/**
 * The settings of one sacreBLEU-compatible BLEU computation, mirroring the arguments of
 * sacreBLEU 2.x's {@code BLEU(...)}.
 *
 * @param tokenizer      how segments are split into tokens (sacreBLEU's default is {@code 13a})
 * @param lowercase      lower-case hypotheses and references before tokenizing
 * @param smoothing      what to do with n-gram orders that have no match
 * @param smoothValue    the value for {@code floor} or {@code add-k}; null means the method's
 *                       default (0.1, 1); must be null for methods without a value
 * @param maxNgramOrder  the highest n-gram order N (BLEU-N), at least 1
 * @param effectiveOrder average only over the orders the hypothesis actually has (those with a
 *                       non-zero total), as sacreBLEU recommends for sentence-level BLEU
 */
public record BleuConfig(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing, Double smoothValue,
                         int maxNgramOrder, boolean effectiveOrder) {

    /** An upper bound that keeps a typo (400 instead of 4) from allocating absurd tables. */
    public static final int MAX_SUPPORTED_ORDER = 64;

    public BleuConfig {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(smoothing, "smoothing");
        if (maxNgramOrder < 1 || maxNgramOrder > MAX_SUPPORTED_ORDER) {
            throw new IllegalArgumentException("max n-gram order must be between 1 and " + MAX_SUPPORTED_ORDER
                    + ", got " + maxNgramOrder);
        }
        if (smoothValue != null) {
            if (!smoothing.takesValue()) {
                throw new IllegalArgumentException("smoothing method '" + smoothing
                        + "' takes no value, but a value of " + smoothValue + " was given (only floor and add-k take one)");
            }
            if (!Double.isFinite(smoothValue) || smoothValue < 0) {
                throw new IllegalArgumentException("smoothing value must be a finite number >= 0, got " + smoothValue);
            }
        }
    }

    /** sacreBLEU's corpus defaults: 13a, mixed case, exp smoothing, BLEU-4, no effective order. */
    public static BleuConfig corpusDefaults() {
        return new BleuConfig(BleuTokenizer.V13A, false, Smoothing.EXP, null, 4, false);
    }

    /** sacreBLEU's {@code sentence_bleu} defaults: as {@link #corpusDefaults()} but with effective order. */
    public static BleuConfig sentenceDefaults() {
        return corpusDefaults().withEffectiveOrder(true);
    }

    /** The value actually used: {@link #smoothValue()} or the method's default (null for none/exp). */
    public Double effectiveSmoothValue() {
        return smoothValue != null ? smoothValue : smoothing.defaultValue();
    }

    public BleuConfig withTokenizer(BleuTokenizer t) {
        return new BleuConfig(t, lowercase, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
    }

    public BleuConfig withLowercase(boolean lc) {
        return new BleuConfig(tokenizer, lc, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
    }

    /** Sets the method and its value (null: the method's default). */
    public BleuConfig withSmoothing(Smoothing s, Double value) {
        return new BleuConfig(tokenizer, lowercase, s, value, maxNgramOrder, effectiveOrder);
    }

    public BleuConfig withMaxNgramOrder(int n) {
        return new BleuConfig(tokenizer, lowercase, smoothing, smoothValue, n, effectiveOrder);
    }

    public BleuConfig withEffectiveOrder(boolean eff) {
        return new BleuConfig(tokenizer, lowercase, smoothing, smoothValue, maxNgramOrder, eff);
    }
}

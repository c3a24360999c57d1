package org.attentionlab.bleu;

import java.util.Arrays;

/**
 * BLEU's sufficient statistics for one segment (or, summed, for a corpus): what sacreBLEU keeps
 * per segment as {@code [hyp_len, ref_len, correct_1..N, total_1..N]}. Corpus BLEU is computed
 * from the sums of these, never by averaging sentence scores (Papineni et al. 2002, section 2.1).
 *
 * @param hypLen  hypothesis length in tokens
 * @param refLen  the closest reference length
 * @param correct clipped matches per order n = 1..N
 * @param total   hypothesis n-grams per order
 */
public record SegmentStatistics(long hypLen, long refLen, long[] correct, long[] total) {

    public SegmentStatistics {
        if (correct.length != total.length || correct.length == 0) {
            throw new IllegalArgumentException("correct and total must have the same non-zero length (the max n-gram order), got "
                    + correct.length + " and " + total.length);
        }
        correct = correct.clone();
        total = total.clone();
    }

    static SegmentStatistics fromFlat(long[] flat, int maxOrder) {
        return new SegmentStatistics(flat[0], flat[1], Arrays.copyOfRange(flat, 2, 2 + maxOrder),
                Arrays.copyOfRange(flat, 2 + maxOrder, 2 + 2 * maxOrder));
    }

    @Override
    public long[] correct() {
        return correct.clone();
    }

    @Override
    public long[] total() {
        return total.clone();
    }

    public int maxNgramOrder() {
        return correct.length;
    }

    /** sacreBLEU's flat layout {@code [hyp_len, ref_len, correct..., total...]}. */
    public long[] toFlat() {
        long[] out = new long[2 + 2 * correct.length];
        out[0] = hypLen;
        out[1] = refLen;
        System.arraycopy(correct, 0, out, 2, correct.length);
        System.arraycopy(total, 0, out, 2 + correct.length, total.length);
        return out;
    }

    /** Element-wise sum (corpus statistics). */
    public SegmentStatistics plus(SegmentStatistics o) {
        if (o.correct.length != correct.length) {
            throw new IllegalArgumentException("cannot add statistics of n-gram orders " + correct.length + " and " + o.correct.length);
        }
        long[] c = correct.clone();
        long[] t = total.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += o.correct[i];
            t[i] += o.total[i];
        }
        return new SegmentStatistics(hypLen + o.hypLen, refLen + o.refLen, c, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentStatistics s && hypLen == s.hypLen && refLen == s.refLen
                && Arrays.equals(correct, s.correct) && Arrays.equals(total, s.total);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hypLen) * 31 + Long.hashCode(refLen) * 17 + Arrays.hashCode(correct) * 7 + Arrays.hashCode(total);
    }

    @Override
    public String toString() {
        return "SegmentStatistics" + Arrays.toString(toFlat());
    }
}

package org.attentionlab.engine.train.experiments;

/** The two toy tasks on digit sequences and the alignment each one needs. */
public enum DigitTask {
    /** Output = input: output token i comes from source position i (a diagonal). */
    COPY,
    /** Output = input backwards: output token i comes from source position n − 1 − i (an anti-diagonal). */
    REVERSE;

    /** The target for a source sequence. */
    public int[] target(int[] source) {
        int n = source.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = this == COPY ? source[i] : source[n - 1 - i];
        }
        return out;
    }

    /** The source position that output position {@code i} of a length-{@code n} sequence copies. */
    public int sourcePosition(int i, int n) {
        return this == COPY ? i : n - 1 - i;
    }

    /** The command-line spelling: {@code copy}, {@code reverse}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.attentionlab.engine;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * BERT's three learned lookup tables (Devlin et al. 2019, section 3.2 and Figure 2): the token
 * embedding E_token (V, H), the segment embedding E_segment (TT, H) that tells sentence A from
 * sentence B, and the learned position embedding E_position (P, H). BERT's input for token i is
 * {@code E_token[input_ids[i]] + E_segment[token_type_ids[i]] + E_position[i]} (then a layer norm).
 *
 * <p>Rows are looked up one at a time and returned as fresh float64 arrays, so a view can show a
 * sentence's rows of a 21128 × 768 table without copying the table. Implementations are immutable
 * and thread-safe.
 */
public interface EmbeddingTables {

    /** Width H of every row. */
    int hiddenSize();

    /** Number of rows V of the token table (the vocabulary size). */
    int vocabSize();

    /** Number of rows P of the position table (max_position_embeddings). */
    int maxPositions();

    /** Number of rows TT of the segment table (type_vocab_size, 2 in BERT). */
    int typeVocabSize();

    /** Row {@code id} of E_token, (H). */
    double[] token(int id);

    /** Row {@code type} of E_segment, (H). */
    double[] segment(int type);

    /** Row {@code position} of E_position, (H). */
    double[] position(int position);

    /**
     * The three rows of every position and their sum: BERT's input before its layer norm.
     *
     * @param inputIds     (T) token ids
     * @param tokenTypeIds (T) segment ids
     * @return {@code [E_token rows, E_segment rows, E_position rows, sum]}, each (T, H)
     * @throws IllegalArgumentException naming the position and the valid range when an id, a type
     *     or a position falls outside its table, or the two lists differ in length
     */
    default double[][][] lookUp(int[] inputIds, int[] tokenTypeIds) {
        int t = inputIds.length;
        if (tokenTypeIds.length != t) {
            throw new IllegalArgumentException("input_ids has " + t + " entries but token_type_ids has " + tokenTypeIds.length);
        }
        if (t > maxPositions()) {
            throw new IllegalArgumentException(t + " tokens do not fit the position table (max_position_embeddings is "
                    + maxPositions() + ")");
        }
        int h = hiddenSize();
        double[][] tok = new double[t][];
        double[][] seg = new double[t][];
        double[][] pos = new double[t][];
        double[][] sum = new double[t][h];
        for (int i = 0; i < t; i++) {
            if (inputIds[i] < 0 || inputIds[i] >= vocabSize()) {
                throw new IllegalArgumentException("input_ids[" + i + "] is " + inputIds[i] + "; expected 0 to "
                        + (vocabSize() - 1) + " (the token table has " + vocabSize() + " rows)");
            }
            if (tokenTypeIds[i] < 0 || tokenTypeIds[i] >= typeVocabSize()) {
                throw new IllegalArgumentException("token_type_ids[" + i + "] is " + tokenTypeIds[i] + "; expected 0 to "
                        + (typeVocabSize() - 1));
            }
            tok[i] = token(inputIds[i]);
            seg[i] = segment(tokenTypeIds[i]);
            pos[i] = position(i);
            for (int j = 0; j < h; j++) {
                sum[i][j] = tok[i][j] + seg[i][j] + pos[i][j];
            }
        }
        return new double[][][] {tok, seg, pos, sum};
    }

    /**
     * Untrained tables for teaching: every entry uniform in [−1, 1] and rounded to two decimals so
     * that a class can add them up by eye. A row depends only on (seed, table, index), so the same
     * token always gets the same row, as a lookup table does, and no table is ever materialised.
     *
     * @param hidden width H, 1 to 4096
     * @param vocab  rows of the token table (the vocabulary's size)
     */
    static EmbeddingTables seeded(int hidden, int vocab, long seed) {
        return new Seeded(hidden, vocab, seed);
    }

    /**
     * Tables given as arrays (copied), e.g. a small table from a lesson or a test reference.
     *
     * @throws IllegalArgumentException if a table is empty or its rows differ in width
     */
    static EmbeddingTables of(double[][] token, double[][] segment, double[][] position) {
        return new Arrays3(token, segment, position);
    }

    /** See {@link #seeded}. */
    final class Seeded implements EmbeddingTables {
        private static final int POSITIONS = 512;
        private final int hidden;
        private final int vocab;
        private final long seed;

        Seeded(int hidden, int vocab, long seed) {
            if (hidden < 1 || hidden > 4096) {
                throw new IllegalArgumentException("hidden size is " + hidden + "; expected 1 to 4096");
            }
            if (vocab < 1) {
                throw new IllegalArgumentException("vocabulary size is " + vocab + "; expected at least 1");
            }
            this.hidden = hidden;
            this.vocab = vocab;
            this.seed = seed;
        }

        @Override
        public int hiddenSize() {
            return hidden;
        }

        @Override
        public int vocabSize() {
            return vocab;
        }

        @Override
        public int maxPositions() {
            return POSITIONS;
        }

        @Override
        public int typeVocabSize() {
            return 2;
        }

        @Override
        public double[] token(int id) {
            return row(0, id, vocab);
        }

        @Override
        public double[] segment(int type) {
            return row(1, type, 2);
        }

        @Override
        public double[] position(int position) {
            return row(2, position, POSITIONS);
        }

        private double[] row(int table, int index, int rows) {
            if (index < 0 || index >= rows) {
                throw new IndexOutOfBoundsException("row " + index + " outside a table of " + rows + " rows");
            }
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + table * 7_919L + (long) index * 104_729L);
            double[] out = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                out[j] = Math.round((2 * r.nextDouble() - 1) * 100) / 100.0;
            }
            return out;
        }
    }

    /** See {@link #of}. */
    final class Arrays3 implements EmbeddingTables {
        private final double[][] token;
        private final double[][] segment;
        private final double[][] position;
        private final int hidden;

        Arrays3(double[][] token, double[][] segment, double[][] position) {
            this.hidden = width(Objects.requireNonNull(token, "token"), "token", -1);
            width(Objects.requireNonNull(segment, "segment"), "segment", hidden);
            width(Objects.requireNonNull(position, "position"), "position", hidden);
            this.token = copy(token);
            this.segment = copy(segment);
            this.position = copy(position);
        }

        private static int width(double[][] t, String name, int expected) {
            if (t.length == 0) {
                throw new IllegalArgumentException("the " + name + " table is empty; expected at least one row");
            }
            int w = expected < 0 ? t[0].length : expected;
            for (int i = 0; i < t.length; i++) {
                if (t[i].length != w || w == 0) {
                    throw new IllegalArgumentException("the " + name + " table's row " + i + " has " + t[i].length
                            + " numbers; expected " + w + " (every table has the same width H ≥ 1)");
                }
            }
            return w;
        }

        private static double[][] copy(double[][] t) {
            double[][] c = new double[t.length][];
            for (int i = 0; i < t.length; i++) {
                c[i] = t[i].clone();
            }
            return c;
        }

        @Override
        public int hiddenSize() {
            return hidden;
        }

        @Override
        public int vocabSize() {
            return token.length;
        }

        @Override
        public int maxPositions() {
            return position.length;
        }

        @Override
        public int typeVocabSize() {
            return segment.length;
        }

        @Override
        public double[] token(int id) {
            return token[id].clone();
        }

        @Override
        public double[] segment(int type) {
            return segment[type].clone();
        }

        @Override
        public double[] position(int position) {
            return this.position[position].clone();
        }
    }
}

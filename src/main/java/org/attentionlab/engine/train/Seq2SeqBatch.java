package org.attentionlab.engine.train;

import java.util.List;

/**
 * A batch for teacher forcing (section 5): sources with their end token, decoder inputs (start
 * token + target) and decoder outputs (target + end token), each padded on the right with
 * {@link Seq2SeqTransformer#PAD} to the longest in the batch.
 *
 * <p>Shapes: source (B, S), targetIn and targetOut (B, T).
 */
public record Seq2SeqBatch(int[][] source, int[][] targetIn, int[][] targetOut) {

    public Seq2SeqBatch {
        requireRectangular(source, "source");
        requireRectangular(targetIn, "target input");
        requireRectangular(targetOut, "target output");
        if (source.length != targetIn.length || targetIn.length != targetOut.length
                || targetIn[0].length != targetOut[0].length) {
            throw new IllegalArgumentException("a batch of " + source.length + " sources, " + targetIn.length
                    + " target inputs and " + targetOut.length + " target outputs of lengths " + targetIn[0].length
                    + " and " + targetOut[0].length + " does not fit; expected B, B, B and equal target lengths");
        }
    }

    /** Builds a batch from word ids (no special tokens): source + EOS, BOS + target, target + EOS, padded. */
    public static Seq2SeqBatch of(List<int[]> sources, List<int[]> targets) {
        if (sources.isEmpty() || sources.size() != targets.size()) {
            throw new IllegalArgumentException("a batch needs as many targets as sources, at least one (got "
                    + sources.size() + " and " + targets.size() + ")");
        }
        int b = sources.size();
        int s = 0;
        int t = 0;
        for (int i = 0; i < b; i++) {
            s = Math.max(s, sources.get(i).length + 1);
            t = Math.max(t, targets.get(i).length + 1);
        }
        int[][] src = new int[b][s];
        int[][] in = new int[b][t];
        int[][] out = new int[b][t];
        for (int i = 0; i < b; i++) {
            int[] x = sources.get(i);
            int[] y = targets.get(i);
            System.arraycopy(x, 0, src[i], 0, x.length);
            src[i][x.length] = Seq2SeqTransformer.EOS;
            in[i][0] = Seq2SeqTransformer.BOS;
            System.arraycopy(y, 0, in[i], 1, y.length);
            System.arraycopy(y, 0, out[i], 0, y.length);
            out[i][y.length] = Seq2SeqTransformer.EOS;
        }
        return new Seq2SeqBatch(src, in, out);
    }

    public int size() {
        return source.length;
    }

    public int sourceLength() {
        return source[0].length;
    }

    public int targetLength() {
        return targetIn[0].length;
    }

    private static void requireRectangular(int[][] a, String what) {
        if (a == null || a.length == 0 || a[0].length == 0) {
            throw new IllegalArgumentException("the batch's " + what + " is empty");
        }
        for (int i = 1; i < a.length; i++) {
            if (a[i].length != a[0].length) {
                throw new IllegalArgumentException("the batch's " + what + " row " + i + " has " + a[i].length
                        + " ids but row 0 has " + a[0].length + "; pad the rows to one length");
            }
        }
    }
}

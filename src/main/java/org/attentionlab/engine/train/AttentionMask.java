package org.attentionlab.engine.train;

import java.util.HashMap;
import java.util.Map;

import org.attentionlab.engine.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Mask} fixed to one batch's shape (B, T, S), with the 0/1 arrays that multi-head
 * attention multiplies with built once per head count and data type and then reused by every
 * layer that attends with the same mask.
 */
public final class AttentionMask {

    private final Mask mask;
    private final int batch;
    private final int queries;
    private final int keys;
    private final Map<String, INDArray> expanded = new HashMap<>();

    /** @param mask (B or 1, T, S), or {@link Mask#none()} */
    public AttentionMask(Mask mask, int batch, int queries, int keys) {
        for (int b = 0; b < batch; b++) {
            mask.requireFits(b, queries, keys);
        }
        this.mask = mask;
        this.batch = batch;
        this.queries = queries;
        this.keys = keys;
    }

    /** No masking for a (B, T, S) attention. */
    public static AttentionMask none(int batch, int queries, int keys) {
        return new AttentionMask(Mask.none(), batch, queries, keys);
    }

    public Mask mask() {
        return mask;
    }

    public int batch() {
        return batch;
    }

    public int queries() {
        return queries;
    }

    public int keys() {
        return keys;
    }

    /**
     * The (B·H, T, S) array of 0/1 that attention over B sequences and H heads multiplies with
     * (group g = b·H + h), or null when nothing is masked.
     */
    public INDArray forHeads(int heads, DataType type) {
        if (mask.isNone()) {
            return null;
        }
        return expanded.computeIfAbsent(heads + "/" + type, k -> build(heads, type));
    }

    private INDArray build(int heads, DataType type) {
        int ts = queries * keys;
        double[] flat = new double[batch * heads * ts];
        for (int b = 0; b < batch; b++) {
            double[] table = new double[ts];
            for (int i = 0; i < queries; i++) {
                for (int j = 0; j < keys; j++) {
                    table[i * keys + j] = mask.allowed(b, i, j) ? 1 : 0;
                }
            }
            for (int h = 0; h < heads; h++) {
                System.arraycopy(table, 0, flat, (b * heads + h) * ts, ts);
            }
        }
        return Nd4j.create(flat, new long[] {(long) batch * heads, queries, keys}, DataType.DOUBLE).castTo(type);
    }
}

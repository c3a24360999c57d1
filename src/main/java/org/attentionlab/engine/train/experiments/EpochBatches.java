package org.attentionlab.engine.train.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.attentionlab.engine.train.Seq2SeqBatch;
import org.attentionlab.engine.train.Seq2SeqTraining;

/**
 * Batches from a fixed set of pairs, epoch after epoch, each epoch in a new order drawn from a
 * seeded stream (Fisher–Yates), so a seed fixes every batch of a run. The last batch of an epoch
 * may be smaller.
 */
final class EpochBatches implements Seq2SeqTraining.Batches {

    private final List<int[]> sources;
    private final List<int[]> targets;
    private final int batchSize;
    private final SplittableRandom random;
    private int[] order;
    private int position;

    EpochBatches(List<int[]> sources, List<int[]> targets, int batchSize, long seed) {
        if (sources.isEmpty() || sources.size() != targets.size()) {
            throw new IllegalArgumentException("need as many targets as sources, at least one (got " + sources.size()
                    + " and " + targets.size() + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size is " + batchSize + "; expected at least 1");
        }
        this.sources = List.copyOf(sources);
        this.targets = List.copyOf(targets);
        this.batchSize = batchSize;
        this.random = new SplittableRandom(seed);
        this.position = sources.size();
    }

    @Override
    public Seq2SeqBatch next() {
        if (position >= sources.size()) {
            shuffle();
        }
        int end = Math.min(sources.size(), position + batchSize);
        List<int[]> s = new ArrayList<>(end - position);
        List<int[]> t = new ArrayList<>(end - position);
        for (int i = position; i < end; i++) {
            s.add(sources.get(order[i]));
            t.add(targets.get(order[i]));
        }
        position = end;
        return Seq2SeqBatch.of(s, t);
    }

    private void shuffle() {
        int n = sources.size();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        position = 0;
    }
}

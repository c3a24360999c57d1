package org.attentionlab.ui.training;

import java.util.Locale;

/**
 * What the training view trains, with the defaults each experiment is known to work with (the
 * {@code train} command's): the notebook's SimpleAttention reproduces its printed losses with
 * seed 42, η = 0.01 and 20 steps; copy and reverse align after a few hundred steps; the tiny
 * translator is the shipped model's recipe (3000 steps, several minutes).
 */
public enum Experiment {
    SIMPLE_ATTENTION(42, 0.01, 20, 1),
    COPY(1, 3e-3, 600, 10),
    REVERSE(1, 3e-3, 600, 10),
    TRANSLATOR(1, 2e-3, 3000, 25);

    private final long seed;
    private final double learningRate;
    private final int steps;
    private final int snapshotEvery;

    Experiment(long seed, double learningRate, int steps, int snapshotEvery) {
        this.seed = seed;
        this.learningRate = learningRate;
        this.steps = steps;
        this.snapshotEvery = snapshotEvery;
    }

    public long defaultSeed() {
        return seed;
    }

    public double defaultLearningRate() {
        return learningRate;
    }

    public int defaultSteps() {
        return steps;
    }

    /**
     * How often the probe's attention is redrawn: every step for the notebook's tiny model, every
     * 10 steps for copy/reverse, every 25 for the translator (a snapshot of its 24 maps costs a
     * forward and a backward pass).
     */
    public int snapshotEvery() {
        return snapshotEvery;
    }

    /** Whether it is an encoder-decoder (cross-attention, layers) rather than the notebook's single head. */
    public boolean isSeq2Seq() {
        return this != SIMPLE_ATTENTION;
    }

    /** Whether its snapshots carry every parameter and its gradient (small models only). */
    public boolean showsParameters() {
        return this != TRANSLATOR;
    }

    /** As lessons and the {@code train} command write it: simple-attention, copy, reverse, translator. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The message key of its one-paragraph description. */
    public String aboutKey() {
        return "training.about." + id();
    }

    public static Experiment of(String id) {
        for (Experiment e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no experiment '" + id + "'");
    }
}

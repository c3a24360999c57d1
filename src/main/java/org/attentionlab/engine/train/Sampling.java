package org.attentionlab.engine.train;

/**
 * How the decoder picks the next token from its distribution: greedily (the most probable, as
 * in the paper's experiments without beam search), or by sampling from softmax(logits / T)
 * restricted to the k most probable tokens, with a seeded random stream so a seed replays the
 * same choices.
 *
 * @param greedy      take the most probable token (temperature, top-k and seed are then ignored)
 * @param temperature T &gt; 0: below 1 sharpens the distribution, above 1 flattens it
 * @param topK        sample among the k most probable tokens only; 0 for the whole vocabulary
 * @param seed        seeds the sampling stream
 */
public record Sampling(boolean greedy, double temperature, int topK, long seed) {

    public Sampling {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature is " + temperature + "; expected a positive number");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k is " + topK + "; expected 0 (no limit) or a positive number");
        }
    }

    public static Sampling greedyDecoding() {
        return new Sampling(true, 1.0, 0, 0);
    }

    public static Sampling sample(double temperature, int topK, long seed) {
        return new Sampling(false, temperature, topK, seed);
    }
}

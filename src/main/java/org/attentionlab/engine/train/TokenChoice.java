package org.attentionlab.engine.train;

/**
 * One candidate for the next token, as the lecture's table shows them.
 *
 * @param id          token id
 * @param token       its spelling
 * @param logit       its score before the softmax
 * @param probability softmax(logits / T) of it over the whole vocabulary
 * @param sampling    the probability the sampler gives it after the top-k cut (renormalised);
 *                    for greedy decoding, 1 for the chosen token and 0 for the others
 */
public record TokenChoice(int id, String token, double logit, double probability, double sampling) {
}

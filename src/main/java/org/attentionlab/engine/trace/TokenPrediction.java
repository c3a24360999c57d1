package org.attentionlab.engine.trace;

/**
 * One candidate token of the masked-LM head at one position.
 *
 * @param tokenId     the vocabulary id
 * @param probability softmax over the whole vocabulary
 * @param logit       the raw score
 */
public record TokenPrediction(int tokenId, double probability, double logit) {
}

package org.attentionlab.engine.train;

import java.util.List;

import org.attentionlab.engine.trace.Matrix;

/**
 * Step t of autoregressive decoding (section 3, "the model is auto-regressive, consuming the
 * previously generated symbols as additional input when generating the next"): the decoder reads
 * its inputs so far, attends to them (masked) and to the source, and scores every target token.
 *
 * @param index          t, from 0
 * @param inputTokens    the decoder's inputs: {@code <bos>} and the t tokens chosen so far (t + 1 tokens)
 * @param selfAttention  [layer][head] the decoder's masked self-attention, (t + 1) × (t + 1);
 *                       its last row is this step's query
 * @param crossAttention [layer][head] the cross-attention, (t + 1) × S over the source tokens
 * @param logits         one score per target-vocabulary token (V), for the last position
 * @param probabilities  softmax(logits / T) (V)
 * @param top            the most probable candidates, best first (the k of top-k, or 10)
 * @param chosen         the token appended
 */
public record DecodingStep(int index, List<String> inputTokens, List<List<Matrix>> selfAttention,
                           List<List<Matrix>> crossAttention, double[] logits, double[] probabilities,
                           List<TokenChoice> top, TokenChoice chosen) {

    public DecodingStep {
        inputTokens = List.copyOf(inputTokens);
        selfAttention = selfAttention.stream().map(List::copyOf).toList();
        crossAttention = crossAttention.stream().map(List::copyOf).toList();
        logits = logits.clone();
        probabilities = probabilities.clone();
        top = List.copyOf(top);
    }

    @Override
    public double[] logits() {
        return logits.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }
}

package org.attentionlab.engine.train;

import java.util.List;

/**
 * A whole decoding of one sentence, step by step.
 *
 * @param sourceTokens the encoder's input tokens, ending with {@code <eos>} (unknown words as {@code <unk>})
 * @param steps        one per generated token, the last one choosing {@code <eos>} when the decoding finished
 * @param outputTokens the generated words, without special tokens
 * @param text         the words joined by spaces: the translation
 * @param finished     whether the decoder chose {@code <eos>} before the length limit
 */
public record Decoding(List<String> sourceTokens, List<DecodingStep> steps, List<String> outputTokens, String text,
                       boolean finished) {

    public Decoding {
        sourceTokens = List.copyOf(sourceTokens);
        steps = List.copyOf(steps);
        outputTokens = List.copyOf(outputTokens);
    }
}

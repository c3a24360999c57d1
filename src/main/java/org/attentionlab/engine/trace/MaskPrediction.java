package org.attentionlab.engine.trace;

import java.util.List;

/**
 * The fill-mask answer at one {@code [MASK]} position: the top-k tokens, most probable first.
 *
 * @param position the position in the input (from 0)
 * @param top      the k most probable tokens, in decreasing probability
 */
public record MaskPrediction(int position, List<TokenPrediction> top) {
    public MaskPrediction {
        top = List.copyOf(top);
    }
}

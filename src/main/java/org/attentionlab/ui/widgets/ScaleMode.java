package org.attentionlab.ui.widgets;

/** How a heatmap maps values to colours. */
public enum ScaleMode {
    /** Signed values: a diverging map symmetric around 0, ±max|x|. */
    SIGNED,
    /** Probabilities: a sequential map over the fixed range [0, 1]. */
    UNIT,
    /** A sequential map over the data's own finite range. */
    RANGE
}

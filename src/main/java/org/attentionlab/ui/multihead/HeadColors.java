package org.attentionlab.ui.multihead;

import javafx.scene.paint.Color;

/**
 * One colour per head, as BertViz gives them: the ten of d3's category10 (which BertViz uses, so
 * pictures look familiar), two more distinct ones for BERT's twelve heads, then hues spaced by the
 * golden angle for models with more heads. Heads are also named by number everywhere, so colour
 * is never the only cue.
 */
public final class HeadColors {

    private static final String[] PALETTE = {
        "1f77b4", "ff7f0e", "2ca02c", "d62728", "9467bd", "8c564b", "e377c2", "7f7f7f", "bcbd22", "17becf",
        "393b79", "b5651d",
    };

    private HeadColors() {
    }

    /** The colour of head {@code head} (from 0). */
    public static Color of(int head) {
        if (head >= 0 && head < PALETTE.length) {
            return Color.web("#" + PALETTE[head]);
        }
        double hue = (head * 137.508) % 360;
        return Color.hsb(hue, 0.75, 0.75);
    }

    /** CSS colour text, for data-driven styles. */
    public static String css(int head) {
        Color c = of(head);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}

package org.attentionlab.ui.widgets;

import javafx.scene.paint.Color;

/**
 * Colour maps for heatmaps, all colour-blind safe. Sequential maps (for weights, 0…1) are the
 * perceptually uniform matplotlib maps; diverging maps (for signed values, centred on 0) are
 * ColorBrewer's, oriented so that negative is the cool end. Each map is a table of evenly spaced
 * anchors interpolated linearly.
 */
public enum ColorMap {
    VIRIDIS(Kind.SEQUENTIAL, "440154", "482878", "3E4A89", "31688E", "26828E", "1F9E89", "35B779", "6DCD59",
            "B4DE2C", "FDE725"),
    CIVIDIS(Kind.SEQUENTIAL, "00204D", "00336F", "39486B", "575C6D", "707173", "8A8779", "A69D75", "C4B56C",
            "E4CF5B", "FFEA46"),
    MAGMA(Kind.SEQUENTIAL, "000004", "180F3E", "451077", "721F81", "9F2F7F", "CD4071", "F1605D", "FD9567",
            "FEC98D", "FCFDBF"),
    GREYS(Kind.SEQUENTIAL, "FFFFFF", "F0F0F0", "D9D9D9", "BDBDBD", "969696", "737373", "525252", "252525",
            "000000"),
    BLUE_RED(Kind.DIVERGING, "053061", "2166AC", "4393C3", "92C5DE", "D1E5F0", "F7F7F7", "FDDBC7", "F4A582",
            "D6604D", "B2182B", "67001F"),
    PURPLE_ORANGE(Kind.DIVERGING, "2D004B", "542788", "8073AC", "B2ABD2", "D8DAEB", "F7F7F7", "FEE0B6", "FDB863",
            "E08214", "B35806", "7F3B08");

    /** Sequential maps go from low to high; diverging maps have their neutral colour at 0. */
    public enum Kind { SEQUENTIAL, DIVERGING }

    /** The default for weights (0…1). */
    public static final ColorMap DEFAULT_SEQUENTIAL = VIRIDIS;
    /** The default for signed values. */
    public static final ColorMap DEFAULT_DIVERGING = BLUE_RED;

    /** Buckets of the lookup table over [0, 1]: a power of two, so that x·BUCKETS is exact. */
    private static final int BUCKETS = 1 << 16;
    /** A table entry whose bucket holds more than one colour (alpha 0 never occurs in an opaque map). */
    private static final int MIXED = 0;

    private final Kind kind;
    private final int[] anchors;
    /** Bucket k holds the one colour of every t in [k, k + 1)/BUCKETS, or MIXED; built on first use. */
    private volatile int[] table;

    ColorMap(Kind kind, String... hex) {
        this.kind = kind;
        this.anchors = new int[hex.length];
        for (int i = 0; i < hex.length; i++) {
            anchors[i] = Integer.parseInt(hex[i], 16);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The message key of this map's name. */
    public String messageKey() {
        return "colormap." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Opaque ARGB for {@code t} in [0, 1] (clamped; NaN gives the low end). A 512×512 heatmap asks
     * this 262 144 times per redraw, on the FX thread, so most answers come from a table: exactly
     * the colour {@link #exactArgb} gives, because a bucket is only used when its whole range maps
     * to one colour (each channel is monotone in t within a segment between two anchors, so equal
     * colours at both ends of a bucket in one segment mean one colour throughout).
     */
    public int argb(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        int[] lut = table;
        if (lut == null) {
            lut = buildTable();
        }
        int c = lut[(int) (x * BUCKETS)];
        return c != MIXED ? c : exactArgb(x);
    }

    private synchronized int[] buildTable() {
        if (table != null) {
            return table;
        }
        int[] lut = new int[BUCKETS + 1];
        for (int k = 0; k < BUCKETS; k++) {
            double lo = k / (double) BUCKETS;
            double hi = Math.nextDown((k + 1) / (double) BUCKETS);
            int a = exactArgb(lo);
            lut[k] = a == exactArgb(hi) && segment(lo) == segment(hi) ? a : MIXED;
        }
        lut[BUCKETS] = exactArgb(1.0);
        table = lut;
        return lut;
    }

    private int segment(double x) {
        return Math.min((int) (x * (anchors.length - 1)), anchors.length - 2);
    }

    /** The colour at {@code x} in [0, 1], interpolated between the two anchors around it. */
    private int exactArgb(double x) {
        double pos = x * (anchors.length - 1);
        int i = Math.min((int) pos, anchors.length - 2);
        double f = pos - i;
        int a = anchors[i];
        int b = anchors[i + 1];
        int r = mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, f);
        int g = mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, f);
        int bl = mix(a & 0xFF, b & 0xFF, f);
        return 0xFF000000 | (r << 16) | (g << 8) | bl;
    }

    public Color color(double t) {
        int c = argb(t);
        return Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
    }

    /** Relative luminance of an ARGB colour (sRGB, WCAG), for choosing black or white text on it. */
    public static double luminance(int argb) {
        return 0.2126 * lin((argb >> 16) & 0xFF) + 0.7152 * lin((argb >> 8) & 0xFF) + 0.0722 * lin(argb & 0xFF);
    }

    private static double lin(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int mix(int a, int b, double f) {
        // channels are 0…255, so adding ½ and truncating is Math.round, without its slow path
        return (int) (a + (b - a) * f + 0.5);
    }
}

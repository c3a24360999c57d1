package org.attentionlab.ui.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    @Test
    void viridisEndsAreTheMatplotlibColours() {
        assertEquals(0xFF440154, ColorMap.VIRIDIS.argb(0));
        assertEquals(0xFFFDE725, ColorMap.VIRIDIS.argb(1));
        assertEquals(0xFF440154, ColorMap.VIRIDIS.argb(-3), "clamped");
        assertEquals(0xFF440154, ColorMap.VIRIDIS.argb(Double.NaN));
    }

    @Test
    void divergingMapsAreNeutralInTheMiddle() {
        for (ColorMap m : ColorMap.values()) {
            if (m.kind() == ColorMap.Kind.DIVERGING) {
                assertEquals(0xFFF7F7F7, m.argb(0.5), m.name());
            }
        }
    }

    @Test
    void sequentialMapsGetBrighterOrDarkerMonotonically() {
        for (ColorMap m : ColorMap.values()) {
            if (m.kind() != ColorMap.Kind.SEQUENTIAL) {
                continue;
            }
            double first = ColorMap.luminance(m.argb(0));
            double last = ColorMap.luminance(m.argb(1));
            double prev = first;
            for (int i = 1; i <= 100; i++) {
                double l = ColorMap.luminance(m.argb(i / 100.0));
                assertTrue(first < last ? l >= prev - 1e-3 : l <= prev + 1e-3, m + " at " + i);
                prev = l;
            }
        }
    }

    /**
     * The lookup table behind argb gives exactly the interpolated colour: checked against the
     * interpolation written out here, at random t, at the table's bucket edges and just below them.
     */
    @Test
    void tableGivesExactlyTheInterpolatedColour() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (ColorMap m : ColorMap.values()) {
            int[] anchors = anchors(m);
            for (int i = 0; i < 100_000; i++) {
                double t = r.nextDouble();
                assertEquals(interpolated(anchors, t), m.argb(t), m + " at " + t);
            }
            for (int k = 0; k <= 1 << 16; k += 7) {
                double edge = k / 65536.0;
                assertEquals(interpolated(anchors, edge), m.argb(edge), m + " at " + edge);
                double below = Math.nextDown(edge);
                if (below >= 0) {
                    assertEquals(interpolated(anchors, below), m.argb(below), m + " just below " + edge);
                }
            }
            for (int a = 0; a < anchors.length; a++) {
                double t = a / (double) (anchors.length - 1);
                assertEquals(0xFF000000 | anchors[a], m.argb(t), m + " anchor " + a);
            }
        }
    }

    /** The anchors, read back from the map itself at its anchor positions (exact: f = 0 there). */
    private static int[] anchors(ColorMap m) {
        int n = m.kind() == ColorMap.Kind.DIVERGING ? 11 : m == ColorMap.GREYS ? 9 : 10;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = m.argb(i / (double) (n - 1)) & 0xFFFFFF;
        }
        return a;
    }

    private static int interpolated(int[] anchors, double t) {
        double pos = t * (anchors.length - 1);
        int i = Math.min((int) pos, anchors.length - 2);
        double f = pos - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (anchors[i] >> shift) & 0xFF;
            int b = (anchors[i + 1] >> shift) & 0xFF;
            rgb |= ((int) (a + (b - a) * f + 0.5)) << shift;
        }
        return 0xFF000000 | rgb;
    }
}

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
}

package org.attentionlab.ui.multihead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lines view's rasteriser, pixel by pixel, on cases worked by hand. */
class LineRasterTest {

    @Test
    void aHorizontalLineCoversItsRowsAndNothingElse() {
        LineRaster r = new LineRaster(20, 10);
        r.line(0, 5, 20, 5, 0xFF0000, 1, 2); // axis at y = 5: rows 4 and 5 (centres 4.5, 5.5) at distance 0.5
        for (int x = 0; x < 20; x++) {
            assertEquals(1.0, r.alphaAt(x, 4), 1e-6);
            assertEquals(1.0, r.alphaAt(x, 5), 1e-6);
            assertEquals(0.0, r.alphaAt(x, 2), 1e-6);
            assertEquals(0.0, r.alphaAt(x, 7), 1e-6);
        }
        assertEquals(0xFFFF0000, r.argb()[5 * 20 + 3]);
    }

    @Test
    void translucentLinesCompositeOverEachOther() {
        LineRaster r = new LineRaster(10, 10);
        r.line(0, 5, 10, 5, 0x0000FF, 0.5, 2);
        r.line(0, 5, 10, 5, 0xFF0000, 0.5, 2);
        assertEquals(0.75, r.alphaAt(3, 5), 1e-6, "1 − (1 − ½)(1 − ½)");
        int argb = r.argb()[5 * 10 + 3];
        assertEquals(191, (argb >>> 24) & 0xFF);
        assertEquals(170, (argb >> 16) & 0xFF, "red: ½ / ¾ of the colour");
        assertEquals(85, argb & 0xFF, "blue: ½·½ / ¾");
    }

    @Test
    void aSteepLineIsWalkedAlongItsLongerAxisInEitherDirection() {
        LineRaster down = new LineRaster(10, 40);
        down.line(2, 0, 8, 40, 0x000000, 1, 1.5);
        LineRaster up = new LineRaster(10, 40);
        up.line(8, 40, 2, 0, 0x000000, 1, 1.5);
        int painted = 0;
        for (int y = 0; y < 40; y++) {
            double rowSum = 0;
            for (int x = 0; x < 10; x++) {
                assertEquals(down.alphaAt(x, y), up.alphaAt(x, y), 1e-6, "the same pixels whichever end comes first");
                rowSum += down.alphaAt(x, y);
            }
            assertTrue(rowSum > 0.9, "every row of a steep line is painted: row " + y);
            painted++;
        }
        assertEquals(40, painted);
        // row 20 (centre 20.5): the axis is at x = 2 + 6 · 20.5 / 40 = 5.075, 0.42 from pixel 5's centre
        assertEquals(0.75 + 0.5 - 0.425 * (40 / Math.sqrt(40 * 40 + 36)), down.alphaAt(5, 20), 1e-6);
    }

    @Test
    void linesOutsideTheRasterAreClippedAndAnEmptyRasterIsRefused() {
        LineRaster r = new LineRaster(5, 5);
        r.line(-50, -50, 100, 100, 0x00FF00, 1, 3);
        assertTrue(r.alphaAt(2, 2) > 0.9);
        assertThrows(IllegalArgumentException.class, () -> new LineRaster(0, 3));
    }
}

package org.attentionlab.ui.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

import org.attentionlab.engine.trace.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * NaN and +∞ in a heatmap are shown as such: their cells say "NaN" and "∞" and are drawn in a red
 * hatch that is no colour of the scale, never as the low or high end of the map.
 */
@ExtendWith(ApplicationExtension.class)
class HeatmapNonFiniteTest {

    private Heatmap map;

    @Start
    void start(Stage stage) {
        map = new Heatmap(); // made on the FX thread, once the toolkit runs
        map.setData(Matrix.of(new double[][] {{Double.NaN, 0.5}, {Double.POSITIVE_INFINITY, 0}}));
        map.scaleModeProperty().set(ScaleMode.UNIT);
        map.colorMapProperty().set(ColorMap.GREYS);
        map.rowLabelsProperty().set(List.of("a", "b"));
        map.colLabelsProperty().set(List.of("a", "b"));
        HBox root = new HBox(map);
        root.setStyle("-fx-font-size: 18px; -fx-padding: 16;");
        stage.setScene(new Scene(root, 600, 400));
        stage.show();
    }

    @Test
    void nanAndInfinityAreMarkedAndNotAColourOfTheScale() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("NaN", map.cellText(0, 0));
        assertEquals("∞", map.cellText(1, 0));
        assertTrue(map.describe(0, 0).endsWith("NaN"));
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> map.snapshot(null, null)).get();
        Set<Integer> nan = colours(shot, map.cellBounds(0, 0));
        Set<Integer> inf = colours(shot, map.cellBounds(1, 0));
        Set<Integer> half = colours(shot, map.cellBounds(0, 1));
        assertTrue(nan.contains(0xFFC0392B) && nan.contains(0xFFF5B7B1), "a red hatch: " + hex(nan));
        assertEquals(nan, inf);
        assertNotEquals(nan, half);
        assertTrue(half.contains(ColorMap.GREYS.argb(0.5)), "0.5 has the scale's colour: " + hex(half));
    }

    /** The distinct pixel colours inside a cell, away from its grid line and its number. */
    private static Set<Integer> colours(WritableImage img, Bounds cell) {
        Set<Integer> out = new HashSet<>();
        for (int y = (int) cell.getMinY() + 2; y < (int) cell.getMinY() + 8; y++) {
            for (int x = (int) cell.getMinX() + 2; x < (int) cell.getMaxX() - 2; x++) {
                out.add(img.getPixelReader().getArgb(x, y));
            }
        }
        return out;
    }

    private static String hex(Set<Integer> c) {
        return c.stream().map(Integer::toHexString).toList().toString();
    }
}

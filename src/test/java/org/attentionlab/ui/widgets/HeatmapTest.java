package org.attentionlab.ui.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.fx.FxScreens;
import org.attentionlab.ui.shell.CjkFonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The heatmap alone, on a real (headless) stage. */
@ExtendWith(ApplicationExtension.class)
class HeatmapTest {

    static {
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    // made in start(): a Heatmap needs the toolkit, which is not up when the test instance is created
    private Heatmap big;
    private Heatmap small;
    private final List<CellEdit> edits = new ArrayList<>();
    private Scene scene;

    @Start
    void start(Stage stage) {
        big = new Heatmap();
        small = new Heatmap();
        SplittableRandom r = new SplittableRandom(1);
        double[][] a = new double[512][512];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble() * 2 - 1;
            }
        }
        big.setData(Matrix.of(a));
        big.scaleModeProperty().set(ScaleMode.SIGNED);
        big.colorMapProperty().set(ColorMap.BLUE_RED);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            tokens.add("tok" + i);
        }
        big.rowLabelsProperty().set(tokens);
        big.colLabelsProperty().set(tokens);

        double ninf = Double.NEGATIVE_INFINITY;
        small.setData(Matrix.of(new double[][] {{1, ninf, ninf}, {0.5, 0.5, ninf}, {0.2, 0.3, 0.5}}));
        small.rowLabelsProperty().set(List.of("我", "爱", "你"));
        small.colLabelsProperty().set(List.of("我", "爱", "你"));
        small.scaleModeProperty().set(ScaleMode.UNIT);
        small.editableProperty().set(true);
        small.onCellEditProperty().set(edits::add);

        HBox root = new HBox(24, small, big);
        String family = CjkFonts.choose(Font.getFamilies()).orElse("System");
        root.setStyle("-fx-font-family: \"" + family + "\"; -fx-font-size: 18px; -fx-padding: 16;");
        scene = new Scene(root, 1920, 1080);
        scene.getStylesheets().add(Heatmap.class.getResource("/org/attentionlab/ui/attention-lab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aBigMatrixIsOneImageWithThinnedLabelsAndNoNumbers() {
        WaitForAsyncUtils.waitForFxEvents();
        long visibleRowLabels = big.getChildrenUnmodifiable().stream().flatMap(n -> n instanceof javafx.scene.Group g
                ? g.getChildren().stream() : java.util.stream.Stream.of(n))
                .filter(n -> n instanceof Text t && t.getStyleClass().contains("heatmap-label") && t.isVisible()
                        && t.getText().startsWith("tok"))
                .count();
        assertTrue(visibleRowLabels > 5 && visibleRowLabels < 100, "thinned labels: " + visibleRowLabels);
        assertNull(big.cellText(0, 0), "cells of ~1 px carry no numbers");
        assertTrue(countNodes(big) < 3 * 512 + 100, "no node per cell: " + countNodes(big));
        assertNotNull(big.cellBounds(511, 511));
        FxScreens.save(scene, "heatmap-512-and-masked");
    }

    @Test
    void maskedCellsSayMinusInfinityAndAreNotAColourOfTheScale() {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("−∞", small.cellText(0, 1));
        assertEquals("1.00", small.cellText(0, 0));
        assertTrue(small.describe(0, 2).endsWith("−∞"));
        assertTrue(small.describe(2, 1).contains("爱"));
        assertTrue(small.describe(2, 1).endsWith("0.3"));
    }

    @Test
    void keyboardSelectsAndEdits(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds b = small.localToScreen(small.cellBounds(0, 0));
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()), MouseButton.PRIMARY);
        assertEquals(new Cell(0, 0), small.selectedCellProperty().get());
        robot.type(KeyCode.DOWN, KeyCode.RIGHT, KeyCode.RIGHT);
        assertEquals(new Cell(1, 2), small.selectedCellProperty().get());
        robot.type(KeyCode.F2);
        assertTrue(small.isEditing());
        robot.eraseText(20).write("0.25").type(KeyCode.ENTER);
        assertEquals(List.of(new CellEdit(new Cell(1, 2), 0.25)), edits);
        robot.type(KeyCode.ENTER).eraseText(20).write("x").type(KeyCode.ENTER);
        assertTrue(small.isEditing(), "bad text keeps the editor open");
        robot.type(KeyCode.ESCAPE);
        assertEquals(1, edits.size());
    }

    private static int countNodes(Node n) {
        int c = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                c += countNodes(child);
            }
        }
        return c;
    }

    @Test
    void aWideMatrixGetsReadableRowsAndSeparatorsBetweenColumnBlocks(FxRobot robot) {
        double[][] strip = new double[2][512];
        for (int j = 0; j < 512; j++) {
            strip[0][j] = Math.sin(j);
            strip[1][j] = Math.cos(j);
        }
        robot.interact(() -> {
            big.rowLabelsProperty().set(List.of("deep", "learning"));
            big.colLabelsProperty().set(List.of());
            big.setData(Matrix.of(strip));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds square = big.cellBounds(0, 0);
        assertEquals(square.getWidth(), square.getHeight(), 1e-9, "square cells by default");
        robot.interact(() -> {
            big.minRowHeightProperty().set(30);
            big.columnGroupProperty().set(64);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds cell = big.cellBounds(1, 3);
        assertEquals(30, cell.getHeight(), 1e-9, "rows as tall as asked");
        assertEquals(square.getWidth(), cell.getWidth(), 1e-9, "columns as narrow as before");
        assertEquals(big.cellBounds(0, 3).getMinY() + 30, cell.getMinY(), 1e-9);
        FxScreens.save(scene, "heatmap-wide-strip");
    }
}

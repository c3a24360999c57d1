package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import org.attentionlab.ui.embedding.EmbeddingView;
import org.attentionlab.ui.embedding.Scatter3D;
import org.attentionlab.ui.widgets.Heatmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The embedding view in the real window, headless at 1920×1080: the 3-D scatter turns when dragged,
 * a typed coordinate updates the distances, BERT's input adds up, and screenshots in both languages.
 * Headless Monocle runs JavaFX's software pipeline, which has no 3-D, so in {@code mvn verify} the
 * scatter is the projected 2-D drawing; run under a GPU pipeline (see Scatter3DTest) the same tests
 * drive the real 3-D sub-scene, and the screenshots' names end in "-3d".
 */
@ExtendWith(ApplicationExtension.class)
class EmbeddingWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening(ui -> ui.shell().show("embedding"));

    /** Screenshot names say which drawing they show. */
    private static String shot(String name) {
        return Scatter3D.scene3dSupported() ? name + "-3d" : name;
    }

    private EmbeddingView view(FxRobot robot) {
        return robot.lookup("#embedding-view").queryAs(EmbeddingView.class);
    }

    private void waitForInput(FxRobot robot) throws Exception {
        waitUntil(() -> view(robot).viewModel().inputProperty().get() != null && !view(robot).viewModel().busyProperty().get());
    }

    @Test
    void draggingTheScatterTurnsItAndTheLabelsFollow(FxRobot robot) throws Exception {
        waitForInput(robot);
        Scatter3D scatter = view(robot).scatter();
        assertEquals(Scatter3D.scene3dSupported(), scatter.isThreeD(), "3-D exactly where the pipeline has it");
        assertEquals(4, scatter.pointLabels().size());
        assertEquals("猫", scatter.pointLabels().get(0).getText());
        double yaw = scatter.yawProperty().get();
        double pitch = scatter.pitchProperty().get();
        Point2D before = scatter.projected(2);
        Bounds b = scatter.localToScreen(scatter.getLayoutBounds());
        Point2D centre = new Point2D(b.getCenterX(), b.getCenterY());
        robot.drag(centre, MouseButton.PRIMARY).moveBy(120, 40).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(yaw, scatter.yawProperty().get(), 1e-9);
        assertNotEquals(pitch, scatter.pitchProperty().get(), 1e-9);
        assertEquals(yaw - 60, scatter.yawProperty().get(), 3, "half a degree per pixel");
        assertEquals(view(robot).viewModel().yawProperty().get(), scatter.yawProperty().get(), 1e-12);
        Point2D after = scatter.projected(2);
        assertTrue(before.distance(after) > 5, "爱 moved on screen: " + before + " → " + after);
        Label angles = robot.lookup("#embedding-angles").queryAs(Label.class);
        assertTrue(angles.getText().startsWith("Turned " + Math.round(scatter.yawProperty().get()) + "°"), angles.getText());
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        window.save(shot("embedding-rotated-en"));
        robot.doubleClickOn(centre, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(yaw, scatter.yawProperty().get(), 1e-9);
        assertEquals(1, scatter.zoomProperty().get(), 1e-9);
    }

    @Test
    void editingACoordinateUpdatesTheDistancesAndTheScreenshotsInBothLanguages(FxRobot robot) throws Exception {
        waitForInput(robot);
        Heatmap coords = view(robot).heatmap("coordinates");
        Heatmap dist = view(robot).heatmap("distances");
        waitUntil(() -> dist.cellText(0, 1) != null);
        assertEquals("0.0866", dist.cellText(0, 1));
        assertEquals("0.9997", view(robot).heatmap("similarities").cellText(0, 1));
        window.save(shot("embedding-en"));
        Bounds cell = coords.localToScreen(coords.cellBounds(0, 2));
        robot.doubleClickOn(new Point2D(cell.getCenterX(), cell.getCenterY()), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(coords.isEditing());
        robot.eraseText(12).write("0.3").type(KeyCode.ENTER);
        // 猫 = [0.3, 0.4, 0.3] is now 0.05 from 狗 = [0.35, 0.45, 0.3] along x and y: √0.005 = 0.0707
        waitUntil(() -> "0.0707".equals(dist.cellText(0, 1)));
        Label pair = robot.lookup("#embedding-pair").queryAs(Label.class);
        assertTrue(pair.getText().contains("0.0707"), pair.getText());
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.interact(() -> view(robot).viewModel().loadDatawhaleWords());
        WaitForAsyncUtils.waitForFxEvents();
        window.save(shot("embedding-zh"));
    }

    @Test
    void bertsInputAddsUpRowByRow(FxRobot robot) throws Exception {
        waitForInput(robot);
        EmbeddingView v = view(robot);
        robot.interact(() -> robot.lookup("#embedding-visual-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        var in = v.viewModel().inputProperty().get();
        assertEquals(10, in.tokens().size());
        assertEquals("A", in.segments().get(5));
        assertEquals("B", in.segments().get(6));
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < in.sum().cols(); j++) {
                assertEquals(in.token().get(i, j) + in.segment().get(i, j) + in.position().get(i, j), in.sum().get(i, j), 1e-12);
            }
        }
        waitUntil(() -> v.heatmap("sum").cellText(0, 0) != null);
        assertEquals(java.util.List.of("word vectors", "euclidean distance", "cosine similarity", "token embeddings",
                "segment embeddings", "position embeddings", "input embeddings (sum)", "pca"),
                v.exportMatrices().stream().map(org.attentionlab.io.LabeledMatrix::name).toList());
        assertEquals(in.sum(), v.exportMatrices().get(6).matrix());
        window.save(shot("embedding-input-en"));
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        window.save(shot("embedding-input-zh"));
    }
}

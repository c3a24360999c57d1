package org.attentionlab.ui.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.attentionlab.ui.embedding.EmbeddingViewModel.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The scatter's two drawings and its interaction. Where JavaFX has 3-D, the 2-D fallback's own
 * perspective projection must put every point where the sub-scene's PerspectiveCamera puts it, at
 * several angles and zooms. The headless software pipeline of {@code mvn verify} has no 3-D (JavaFX
 * then ignores the perspective camera), so that test is skipped there; run it with a GPU pipeline:
 * <pre>
 * xvfb-run -s "-screen 0 1920x1080x24 +extension GLX" mvn test -Dtest=Scatter3DTest \
 *     -Dheadless.fx="-Dprism.order=es2 -Dprism.forceGPU=true -Dtestfx.robot=glass"
 * </pre>
 */
@ExtendWith(ApplicationExtension.class)
class Scatter3DTest {

    private Scatter3D threeD;
    private Scatter3D flat;

    @Start
    void start(Stage stage) {
        threeD = new Scatter3D(true);
        flat = new Scatter3D(false);
        List<Point> pts = List.of(new Point("猫", 0.3, 0.4, 0.25, false), new Point("狗", 0.35, 0.45, 0.3, true),
                new Point("爱", 0.8, 0.8, 0.8, false), new Point("跑", 0.1, 0.2, 0.6, false));
        for (Scatter3D s : List.of(threeD, flat)) {
            s.pointsProperty().set(pts);
            s.setPrefSize(600, 450);
        }
        StackPane a = new StackPane(threeD);
        StackPane b = new StackPane(flat);
        stage.setScene(new Scene(new javafx.scene.layout.HBox(a, b), 1200, 450));
        stage.show();
    }

    @Test
    void theFallbackDrawingAndTheCameraAgreeAtEveryAngle(FxRobot robot) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Scatter3D.scene3dSupported(),
                "this JavaFX pipeline has no 3-D: the sub-scene's camera is not applied, nothing to compare with");
        double[][] views = {{-35, 20, 1}, {0, 0, 1}, {90, 45, 1.5}, {-150, -60, 0.6}, {180, 89, 2}};
        for (double[] v : views) {
            robot.interact(() -> {
                for (Scatter3D s : List.of(threeD, flat)) {
                    s.yawProperty().set(v[0]);
                    s.pitchProperty().set(v[1]);
                    s.zoomProperty().set(v[2]);
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                for (int i = 0; i < 4; i++) {
                    Point2D camera = threeD.projectedByCamera(i);
                    Point2D ours = flat.projected(i);
                    assertEquals(camera.getX(), ours.getX(), 1.0, "x of point " + i + " at " + java.util.Arrays.toString(v));
                    assertEquals(camera.getY(), ours.getY(), 1.0, "y of point " + i + " at " + java.util.Arrays.toString(v));
                    // zoomed in, points may leave the plot; at zoom 1 or less the whole box fits
                    assertTrue(v[2] > 1 || ours.getX() > 0 && ours.getX() < 600 && ours.getY() > 0 && ours.getY() < 450,
                            "point " + i + " inside the plot: " + ours);
                }
            });
        }
    }

    @Test
    void labelsDoNotCoverEachOtherAndStayInside(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            var labels = flat.pointLabels();
            for (int i = 0; i < labels.size(); i++) {
                var a = labels.get(i).getBoundsInParent();
                assertTrue(a.getMinX() >= 0 && a.getMaxX() <= flat.getWidth() && a.getMinY() >= 0 && a.getMaxY() <= flat.getHeight(),
                        labels.get(i).getText() + " inside: " + a);
                for (int j = i + 1; j < labels.size(); j++) {
                    assertTrue(!a.intersects(labels.get(j).getBoundsInParent()),
                            labels.get(i).getText() + " and " + labels.get(j).getText() + " overlap");
                }
            }
            assertEquals("猫", labels.get(0).getText());
        });
    }

    @Test
    void keysTurnAndZoomAndHomeResets(FxRobot robot) {
        robot.clickOn(flat);
        double yaw = flat.yawProperty().get();
        robot.type(javafx.scene.input.KeyCode.LEFT);
        assertEquals(yaw + 5, flat.yawProperty().get(), 1e-9);
        robot.type(javafx.scene.input.KeyCode.DOWN);
        robot.type(javafx.scene.input.KeyCode.EQUALS);
        assertTrue(flat.zoomProperty().get() > 1);
        robot.type(javafx.scene.input.KeyCode.HOME);
        assertEquals(-35, flat.yawProperty().get(), 1e-9);
        assertEquals(20, flat.pitchProperty().get(), 1e-9);
        assertEquals(1, flat.zoomProperty().get(), 1e-9);
        assertEquals(180, Scatter3D.wrap(-180), 0);
        assertEquals(-170, Scatter3D.wrap(190), 1e-9);
    }
}

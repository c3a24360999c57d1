package org.attentionlab.ui.export;

import java.awt.image.BufferedImage;
import java.util.List;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.transform.Transform;

/**
 * A node as a picture at 1×, 2× or 3× its size on screen. The scale is a transform of the
 * snapshot, not an enlarged bitmap: text and lines are drawn again at the higher resolution,
 * heatmap cells stay sharp-edged, and formulas (drawn at 3× by the formula renderer) stay sharp.
 * Transparent areas take the background colour the node is shown on, so a high-contrast view
 * exports black, not white.
 */
public final class Snapshots {

    /** The scales offered. */
    public static final List<Integer> SCALES = List.of(1, 2, 3);

    private Snapshots() {
    }

    /** Renders {@code node} at {@code scale}; on the FX thread. */
    public static BufferedImage render(Node node, int scale) {
        if (!SCALES.contains(scale)) {
            throw new IllegalArgumentException("scale is " + scale + "; expected 1, 2 or 3");
        }
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(scale, scale));
        p.setFill(background(node));
        WritableImage image = node.snapshot(p, null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** The first opaque background colour of the node or of a parent; white when there is none. */
    static Paint background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region r) {
                Background b = r.getBackground();
                if (b != null) {
                    for (BackgroundFill f : b.getFills()) {
                        if (f.getFill() instanceof Color c && c.getOpacity() == 1) {
                            return c;
                        }
                    }
                }
            }
            if (n instanceof Parent && n.getScene() != null && n.getParent() == null && n.getScene().getFill() instanceof Color c
                    && c.getOpacity() == 1) {
                return c;
            }
        }
        return Color.WHITE;
    }
}

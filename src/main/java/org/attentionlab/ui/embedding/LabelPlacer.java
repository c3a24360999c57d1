package org.attentionlab.ui.embedding;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

/**
 * Puts point labels where they do not cover each other: beside the point on the right, else on
 * the left, above or below, keeping inside the plot; when every place is taken, the first one.
 * Close words (猫 and 狗 are 0.09 apart) then stay readable.
 */
final class LabelPlacer {

    private final double width;
    private final double height;
    private final List<Bounds> placed = new ArrayList<>();

    LabelPlacer(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** The top-left corner for a w × h label of a point of radius r drawn at (x, y). */
    Point2D place(double x, double y, double r, double w, double h) {
        double gap = 3;
        double[][] candidates = {
            {x + r + gap, y - h + r * 0.2},
            {x + r + gap, y - r * 0.2},
            {x - r - gap - w, y - h + r * 0.2},
            {x - r - gap - w, y - r * 0.2},
            {x - w / 2, y - r - gap - h},
            {x - w / 2, y + r + gap},
            {x + r + gap, y + r + gap},
            {x - r - gap - w, y + r + gap},
        };
        Bounds chosen = null;
        for (double[] c : candidates) {
            Bounds b = new BoundingBox(c[0], c[1], w, h);
            boolean inside = b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= width && b.getMaxY() <= height;
            if (inside && placed.stream().noneMatch(p -> p.intersects(b))) {
                chosen = b;
                break;
            }
        }
        if (chosen == null) {
            chosen = new BoundingBox(candidates[0][0], candidates[0][1], w, h);
        }
        placed.add(chosen);
        return new Point2D(chosen.getMinX(), chosen.getMinY());
    }

    /** Marks an area (a point, an axis label) as taken. */
    void block(double x, double y, double w, double h) {
        placed.add(new BoundingBox(x, y, w, h));
    }
}

package org.attentionlab.ui.embedding;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import org.attentionlab.ui.embedding.EmbeddingViewModel.Point;

/**
 * A 2-D scatter of a PCA projection: PC1 across, PC2 up, both on one scale (so distances in the
 * picture are distances in the projection), the origin (the data's mean) marked, one label per point.
 */
final class PcaPlot extends Region {

    private static final Color AXIS = Color.web("#8a8a8a");

    private final ObjectProperty<List<Point>> points = new SimpleObjectProperty<>(this, "points", List.of());
    private final Canvas canvas = new Canvas();
    private final List<Label> labels = new ArrayList<>();
    private final Label pc1 = new Label("PC1");
    private final Label pc2 = new Label("PC2");

    PcaPlot() {
        getStyleClass().add("pca-plot");
        canvas.setManaged(false);
        pc1.getStyleClass().add("scatter-axis");
        pc2.getStyleClass().add("scatter-axis");
        pc1.setManaged(false);
        pc2.setManaged(false);
        getChildren().addAll(canvas, pc1, pc2);
        points.addListener(o -> {
            getChildren().removeAll(labels);
            labels.clear();
            for (Point p : points.get()) {
                Label l = new Label(p.label());
                l.getStyleClass().add("scatter-label");
                l.setManaged(false);
                labels.add(l);
            }
            getChildren().addAll(labels);
            requestLayout();
        });
    }

    ObjectProperty<List<Point>> pointsProperty() {
        return points;
    }

    List<Label> labels() {
        return List.copyOf(labels);
    }

    /** Where point i is drawn. */
    Point2D at(int i) {
        double[] t = transform(getWidth(), getHeight());
        Point p = points.get().get(i);
        return new Point2D(t[0] + p.x() * t[2], t[1] - p.y() * t[2]);
    }

    /** {origin x, origin y, pixels per unit}: one scale for both axes, a margin for the labels. */
    private double[] transform(double w, double h) {
        double extent = 1e-12;
        for (Point p : points.get()) {
            extent = Math.max(extent, Math.max(Math.abs(p.x()), Math.abs(p.y())));
        }
        double margin = 60;
        double scale = Math.max(1e-9, Math.min(w - 2 * margin, h - 2 * margin) / 2) / extent;
        return new double[] {w / 2, h / 2, scale};
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        double[] t = transform(w, h);
        g.setStroke(AXIS);
        g.setLineWidth(1.5);
        g.strokeLine(12, t[1], w - 12, t[1]);
        g.strokeLine(t[0], 12, t[0], h - 12);
        pc1.autosize();
        pc1.relocate(w - pc1.getWidth() - 6, t[1] + 4);
        pc2.autosize();
        pc2.relocate(t[0] + 6, 4);
        List<Point> pts = points.get();
        LabelPlacer placer = new LabelPlacer(w, h);
        double r = 7;
        placer.block(pc1.getLayoutX(), pc1.getLayoutY(), pc1.getWidth(), pc1.getHeight());
        placer.block(pc2.getLayoutX(), pc2.getLayoutY(), pc2.getWidth(), pc2.getHeight());
        for (int i = 0; i < pts.size(); i++) {
            Point2D p = at(i);
            g.setFill(Scatter3D.colour(i));
            g.fillOval(p.getX() - r, p.getY() - r, 2 * r, 2 * r);
            placer.block(p.getX() - r, p.getY() - r, 2 * r, 2 * r);
        }
        for (int i = 0; i < pts.size(); i++) {
            Point2D p = at(i);
            Label l = labels.get(i);
            l.autosize();
            Point2D tl = placer.place(p.getX(), p.getY(), r, l.getWidth(), l.getHeight());
            l.relocate(tl.getX(), tl.getY());
        }
    }
}

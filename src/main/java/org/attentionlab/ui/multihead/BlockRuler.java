package org.attentionlab.ui.multihead;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.NumberText;

/**
 * A ruler under a heatmap whose columns come in blocks ({@link Heatmap#columnGroupProperty()}):
 * one bar per block in that head's colour, labelled Z₀, Z₁, …, so Concat(Z₀ … Z_{h−1}) shows which
 * columns came from which head. It must sit directly below the heatmap in the same parent.
 */
final class BlockRuler extends Region {

    private final Heatmap map;
    private final List<Rectangle> bars = new ArrayList<>();
    private final List<Text> labels = new ArrayList<>();
    private final Text probe = new Text("Z₀");

    BlockRuler(Heatmap map) {
        this.map = map;
        getStyleClass().add("block-ruler");
        probe.getStyleClass().add("ruler-label");
        probe.setVisible(false);
        probe.setManaged(false);
        getChildren().add(probe);
        map.layoutBoundsProperty().addListener(o -> requestLayout());
        map.boundsInParentProperty().addListener(o -> requestLayout());
        map.dataProperty().addListener(o -> requestLayout());
        map.columnGroupProperty().addListener(o -> requestLayout());
    }

    @Override
    protected double computePrefHeight(double width) {
        probe.applyCss();
        return Math.ceil(probe.getLayoutBounds().getHeight()) + 8;
    }

    @Override
    protected double computePrefWidth(double height) {
        return map.prefWidth(-1);
    }

    @Override
    protected void layoutChildren() {
        Matrix m = map.getData();
        int group = map.columnGroupProperty().get();
        int blocks = m == null || group <= 0 ? 0 : (m.cols() + group - 1) / group;
        ensure(blocks);
        double dx = map.getLayoutX() - getLayoutX();
        for (int b = 0; b < blocks; b++) {
            Bounds first = map.cellBounds(0, b * group);
            Bounds last = map.cellBounds(0, Math.min(m.cols(), (b + 1) * group) - 1);
            Rectangle bar = bars.get(b);
            Text label = labels.get(b);
            boolean shown = first != null && last != null;
            bar.setVisible(shown);
            label.setVisible(shown);
            if (!shown) {
                continue;
            }
            double x0 = dx + first.getMinX() + 1;
            double x1 = dx + last.getMaxX() - 1;
            bar.setX(x0);
            bar.setY(1);
            bar.setWidth(Math.max(1, x1 - x0));
            bar.setHeight(5);
            Bounds lb = label.getLayoutBounds();
            label.setVisible(lb.getWidth() <= x1 - x0 + 2);
            label.relocate((x0 + x1 - lb.getWidth()) / 2, 7);
        }
    }

    private void ensure(int blocks) {
        if (bars.size() == blocks) {
            return;
        }
        getChildren().removeAll(bars);
        getChildren().removeAll(labels);
        bars.clear();
        labels.clear();
        for (int b = 0; b < blocks; b++) {
            Rectangle bar = new Rectangle();
            bar.setFill(HeadColors.of(b));
            bar.setManaged(false);
            Text label = new Text("Z" + NumberText.subscript(b));
            label.getStyleClass().add("ruler-label");
            label.setTextOrigin(VPos.TOP);
            label.setManaged(false);
            bars.add(bar);
            labels.add(label);
        }
        getChildren().addAll(bars);
        getChildren().addAll(labels);
        for (Text t : labels) {
            t.applyCss();
        }
    }
}

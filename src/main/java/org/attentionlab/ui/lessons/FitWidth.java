package org.attentionlab.ui.lessons;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Gives a node the room there is, down to its minimum width (so a table still wraps its cells),
 * and below that draws it at its minimum width scaled down as a whole. For a formula (whose
 * minimum is its full width) or a wide table in the step panel at presenter sizes, which would
 * otherwise be cut off.
 */
final class FitWidth extends Region {

    private final Node child;
    private final Scale scale = new Scale(1, 1, 0, 0);

    FitWidth(Node child) {
        this.child = child;
        child.getTransforms().add(scale);
        getChildren().add(child);
        getStyleClass().add("fit-width");
    }

    /**
     * Its height depends on the width it gets (a table's cells wrap), so a parent must ask for the
     * height at the width it will give; without this a VBox asks at the table's natural width, sizes
     * the row for unwrapped cells, and the wrapped table overlaps the paragraph below it.
     */
    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return child.prefWidth(-1) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double room = width < 0 ? child.prefWidth(-1) : width - snappedLeftInset() - snappedRightInset();
        double w = childWidth(room);
        return child.prefHeight(w) * factor(room) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double room = getWidth() - snappedLeftInset() - snappedRightInset();
        double w = childWidth(room);
        child.resize(w, child.prefHeight(w));
        child.relocate(snappedLeftInset(), snappedTopInset());
        double s = factor(room);
        scale.setX(s);
        scale.setY(s);
    }

    /** The scale the child is drawn at (1 when it fits). */
    double factor() {
        return scale.getX();
    }

    private double childWidth(double room) {
        double min = child.minWidth(-1);
        return room >= min ? Math.min(room, Math.max(min, child.prefWidth(-1))) : min;
    }

    private double factor(double room) {
        double min = child.minWidth(-1);
        return min <= 0 || room >= min ? 1 : Math.max(0.05, room / min);
    }
}

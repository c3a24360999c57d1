package org.attentionlab.ui.bleu;

import javafx.beans.binding.DoubleExpression;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Text;

/**
 * The brevity penalty as a function of c/r (Papineni et al. 2002, section 2.2.2):
 * BP = e^(1 − r/c) for c &lt; r, else 1; with this candidate's point on it. A candidate shorter
 * than its reference loses score even when every n-gram it has is right.
 */
final class BrevityCurve extends Pane {

    /** The x axis runs from 0 to this c/r. */
    static final double MAX_RATIO = 1.5;

    private final DoubleExpression em;
    private final DoubleProperty ratio = new SimpleDoubleProperty(this, "ratio", Double.NaN);
    private final DoubleProperty bp = new SimpleDoubleProperty(this, "bp", Double.NaN);
    private final Polyline curve = new Polyline();
    private final Line xAxis = new Line();
    private final Line yAxis = new Line();
    private final Line guideX = new Line();
    private final Line guideY = new Line();
    private final Circle point = new Circle();
    private final Text xLabel = new Text("c / r");
    private final Text yLabel = new Text("BP");
    private final Text pointLabel = new Text();
    private final Text[] ticks = {new Text("0"), new Text("0.5"), new Text("1"), new Text("1.5"), new Text("0.5"), new Text("1")};

    BrevityCurve(DoubleExpression em) {
        this.em = em;
        getStyleClass().add("bleu-bp-curve");
        curve.getStyleClass().add("bleu-bp-line");
        xAxis.getStyleClass().add("bleu-axis");
        yAxis.getStyleClass().add("bleu-axis");
        guideX.getStyleClass().add("bleu-guide");
        guideY.getStyleClass().add("bleu-guide");
        point.getStyleClass().add("bleu-bp-point");
        for (Text t : new Text[] {xLabel, yLabel, pointLabel}) {
            t.getStyleClass().add("bleu-axis-label");
        }
        pointLabel.getStyleClass().add("bleu-bp-point-label");
        for (Text t : ticks) {
            t.getStyleClass().add("bleu-tick");
        }
        getChildren().addAll(xAxis, yAxis, curve, guideX, guideY, point, xLabel, yLabel, pointLabel);
        getChildren().addAll(ticks);
        prefWidthProperty().bind(em.multiply(19));
        prefHeightProperty().bind(em.multiply(10.5));
        minWidthProperty().bind(em.multiply(19));
        minHeightProperty().bind(em.multiply(10.5));
        ratio.addListener(x -> requestLayout());
        bp.addListener(x -> requestLayout());
        em.addListener(x -> requestLayout());
    }

    /** c / r of the candidate (NaN: no point). */
    DoubleProperty ratioProperty() {
        return ratio;
    }

    DoubleProperty bpProperty() {
        return bp;
    }

    /** The point's label as shown (for tests). */
    String pointText() {
        return pointLabel.getText();
    }

    static double brevityPenalty(double ratio) {
        if (ratio <= 0) {
            return 0;
        }
        return ratio >= 1 ? 1 : Math.exp(1 - 1 / ratio);
    }

    @Override
    protected void layoutChildren() {
        double e = em.get();
        double left = e * 2.6;
        double right = getWidth() - e * 0.8;
        double top = e * 1.3;
        double bottom = getHeight() - e * 2.4;
        double w = Math.max(1, right - left);
        double h = Math.max(1, bottom - top);
        xAxis.setStartX(left);
        xAxis.setStartY(bottom);
        xAxis.setEndX(right);
        xAxis.setEndY(bottom);
        yAxis.setStartX(left);
        yAxis.setStartY(bottom);
        yAxis.setEndX(left);
        yAxis.setEndY(top);
        curve.getPoints().clear();
        int steps = 120;
        for (int i = 0; i <= steps; i++) {
            double x = MAX_RATIO * i / steps;
            curve.getPoints().addAll(left + w * x / MAX_RATIO, bottom - h * brevityPenalty(x));
        }
        double[] xs = {0, 0.5, 1, 1.5};
        for (int i = 0; i < 4; i++) {
            place(ticks[i], left + w * xs[i] / MAX_RATIO - ticks[i].getLayoutBounds().getWidth() / 2, bottom + e * 1.1);
        }
        place(ticks[4], left - ticks[4].getLayoutBounds().getWidth() - e * 0.3, bottom - h * 0.5 + e * 0.3);
        place(ticks[5], left - ticks[5].getLayoutBounds().getWidth() - e * 0.3, top + e * 0.3);
        place(xLabel, right - xLabel.getLayoutBounds().getWidth(), bottom + e * 2.2);
        place(yLabel, left + e * 0.3, top - e * 0.25);
        double r = ratio.get();
        boolean show = !Double.isNaN(r) && !Double.isNaN(bp.get());
        point.setVisible(show);
        guideX.setVisible(show);
        guideY.setVisible(show);
        pointLabel.setVisible(show);
        if (show) {
            double x = left + w * Math.min(r, MAX_RATIO) / MAX_RATIO;
            double y = bottom - h * bp.get();
            point.setCenterX(x);
            point.setCenterY(y);
            point.setRadius(e * 0.45);
            guideX.setStartX(x);
            guideX.setStartY(bottom);
            guideX.setEndX(x);
            guideX.setEndY(y);
            guideY.setStartX(left);
            guideY.setStartY(y);
            guideY.setEndX(x);
            guideY.setEndY(y);
            pointLabel.setText("c/r = " + BleuAnalysis.plain(Math.round(r * 1000) / 1000.0) + "\nBP = "
                    + BleuAnalysis.plain(Math.round(bp.get() * 1000) / 1000.0));
            // The upper-left of the plot is always free: the curve is below 0.2 there
            // (BP(0.55) ≈ 0.18). The label sits above the horizontal guide when there is room,
            // else just below it; the dashed guides lead from the point to the axes.
            double lx = left + e * 0.6;
            double ly = y - top > e * 3.0 ? top + e * 1.0 : y + e * 1.3;
            place(pointLabel, lx, ly);
        }
    }

    private static void place(Text t, double x, double baseline) {
        t.setX(x);
        t.setY(baseline);
    }
}

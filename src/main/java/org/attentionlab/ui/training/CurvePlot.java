package org.attentionlab.ui.training;

import java.util.Locale;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A curve over training steps drawn on one canvas (a line chart with a node per point would
 * choke on thousands of steps): axes from 0, "nice" ticks, the curve as one polyline, the last
 * point marked with its value. Redraws only when its data, size or style changes; the x axis
 * spans the whole run ({@link #xMaxProperty()}) so the curve grows to the right as it trains.
 */
public final class CurvePlot extends Region {

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Curve> curve = new SimpleObjectProperty<>(this, "curve", Curve.EMPTY);
    private final DoubleProperty xMax = new SimpleDoubleProperty(this, "xMax", 1);
    private final DoubleProperty fontSize = new SimpleDoubleProperty(this, "fontSize", 16);
    private final ObjectProperty<Color> stroke = new SimpleObjectProperty<>(this, "stroke", Color.web("#0072b2"));
    private final ObjectProperty<Color> ink = new SimpleObjectProperty<>(this, "ink", Color.web("#161616"));
    private final StringProperty fontFamily = new SimpleStringProperty(this, "fontFamily", Font.getDefault().getFamily());
    private final StringProperty xLabel = new SimpleStringProperty(this, "xLabel", "");

    public CurvePlot() {
        getStyleClass().add("curve-plot");
        getChildren().add(canvas);
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {curve, xMax, fontSize, stroke, ink, fontFamily, xLabel}) {
            o.addListener(x -> draw());
        }
        fontSize.addListener(o -> requestLayout());
    }

    /** The points shown. */
    public ObjectProperty<Curve> curveProperty() {
        return curve;
    }

    /** The right end of the x axis: the run's last step. */
    public DoubleProperty xMaxProperty() {
        return xMax;
    }

    /** Size of the tick labels in pixels (bind it to the presenter's font size). */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public ObjectProperty<Color> strokeProperty() {
        return stroke;
    }

    /** Colour of the axes and labels (white in the high-contrast theme). */
    public ObjectProperty<Color> inkProperty() {
        return ink;
    }

    public StringProperty fontFamilyProperty() {
        return fontFamily;
    }

    public StringProperty xLabelProperty() {
        return xLabel;
    }

    @Override
    protected double computePrefWidth(double height) {
        return fontSize.get() * 26;
    }

    @Override
    protected double computePrefHeight(double width) {
        return fontSize.get() * 11;
    }

    @Override
    protected double computeMinWidth(double height) {
        return fontSize.get() * 14;
    }

    @Override
    protected double computeMinHeight(double width) {
        return fontSize.get() * 7;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < 10 || h < 10) {
            return;
        }
        double fs = fontSize.get();
        Font font = Font.font(fontFamily.get(), fs);
        g.setFont(font);
        Curve c = curve.get();
        double[] range = c.yRange();
        double yTop = range == null ? 1 : niceCeil(Math.max(range[1], range[0] > 0 ? range[1] * 1.05 : 1e-12));
        double yStep = niceStep(yTop / 4);
        yTop = Math.ceil(yTop / yStep - 1e-9) * yStep;
        double xEnd = Math.max(xMax.get(), c.size() == 0 ? 1 : c.x(c.size() - 1));
        double xStep = Math.max(1, niceStep(xEnd / 5, true)); // steps are whole numbers

        double left = fs * 4.2;
        double right = fs * 1.2;
        double top = fs * 0.8;
        double bottom = fs * (xLabel.get().isEmpty() ? 2.0 : 3.2);
        double pw = w - left - right;
        double ph = h - top - bottom;
        if (pw < 5 || ph < 5) {
            return;
        }
        Color axis = ink.get();
        g.setStroke(axis.deriveColor(0, 1, 1, 0.25));
        g.setLineWidth(1);
        g.setFill(axis);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double y = 0; y <= yTop + yStep * 1e-6; y += yStep) {
            double py = top + ph - y / yTop * ph;
            g.strokeLine(left, snap(py), left + pw, snap(py));
            g.fillText(tick(y, yStep), left - fs * 0.4, py);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double x = 0; x <= xEnd + xStep * 1e-6; x += xStep) {
            double px = left + x / xEnd * pw;
            g.strokeLine(snap(px), top + ph, snap(px), top + ph + fs * 0.3);
            g.fillText(tick(x, xStep), px, top + ph + fs * 0.4);
        }
        if (!xLabel.get().isEmpty()) {
            g.fillText(xLabel.get(), left + pw / 2, top + ph + fs * 1.7);
        }
        g.setStroke(axis);
        g.setLineWidth(Math.max(1, fs / 12));
        g.strokeLine(left, top, left, top + ph);
        g.strokeLine(left, top + ph, left + pw, top + ph);
        if (c.size() == 0) {
            return;
        }
        g.setStroke(stroke.get());
        g.setLineWidth(Math.max(2, fs / 7));
        g.beginPath();
        boolean open = false;
        for (int i = 0; i < c.size(); i++) {
            double y = c.y(i);
            if (!Double.isFinite(y)) {
                open = false;
                continue;
            }
            double px = left + c.x(i) / xEnd * pw;
            double py = top + ph - Math.min(y, yTop) / yTop * ph;
            if (open) {
                g.lineTo(px, py);
            } else {
                g.moveTo(px, py);
                open = true;
            }
        }
        g.stroke();
        int last = c.size() - 1;
        if (Double.isFinite(c.y(last))) {
            double px = left + c.x(last) / xEnd * pw;
            double py = top + ph - Math.min(c.y(last), yTop) / yTop * ph;
            double r = Math.max(3, fs / 4);
            g.setFill(stroke.get());
            g.fillOval(px - r, py - r, 2 * r, 2 * r);
        }
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        return niceStep(raw, false);
    }

    /** The same without 2.5 (ticks on whole steps must stay whole). */
    static double niceStep(double raw, boolean noQuarters) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : noQuarters ? new double[] {1, 2, 5, 10} : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static double niceCeil(double v) {
        double s = niceStep(v / 4);
        return Math.max(s, Math.ceil(v / s - 1e-9) * s);
    }

    /** A tick's label with the decimals its step needs, trailing zeros dropped (0.00075, 0.001, 500). */
    static String tick(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        if (step >= 1 && Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        int decimals = (int) Math.ceil(-Math.log10(step) - 1e-9);
        if (Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        if (decimals > 7) {
            return String.format(Locale.ROOT, "%.1e", v).replace("e-0", "e-");
        }
        String s = String.format(Locale.ROOT, "%." + Math.max(0, decimals) + "f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}

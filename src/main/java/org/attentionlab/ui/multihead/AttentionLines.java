package org.attentionlab.ui.multihead;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import org.attentionlab.engine.trace.Matrix;

/**
 * Attention as lines, in the style of BertViz's head view (Vig 2019): the query tokens in a column
 * on the left, the key tokens on the right, and a line from query i to key j whose opacity is the
 * weight, one colour per head. Hovering a token on the left shows only its lines (where it looks);
 * hovering one on the right shows only the lines into it (who looks at it).
 *
 * <p>Everything is drawn on one {@link Canvas}, never a node per line or label: the labels with
 * {@code fillText}, the lines rasterised into one image by {@link LineRaster} (antialiased, each
 * line's opacity exactly its weight), so a 128-token input with 12 heads costs one image of a few
 * hundred thousand pixels. Weights below {@value #MIN_WEIGHT} are not drawn: at that opacity a
 * line cannot be seen. Long inputs get thinner rows so the whole picture stays within
 * {@link #tallestProperty()}; the hovered token's label is always drawn.
 */
public final class AttentionLines extends Region {

    /** Weights below this are not drawn. */
    public static final double MIN_WEIGHT = 0.01;

    /** One head's weights and its colour; rows are the left tokens, columns the right ones. */
    public record Lines(int head, Color color, Matrix weights) {
    }

    /** Which column a token is in. */
    public enum Side { LEFT, RIGHT }

    /** A hovered token. */
    public record Hover(Side side, int index) {
    }

    private final ObjectProperty<List<String>> leftTokens = new SimpleObjectProperty<>(this, "leftTokens", List.of());
    private final ObjectProperty<List<String>> rightTokens = new SimpleObjectProperty<>(this, "rightTokens", List.of());
    private final ObjectProperty<List<Lines>> lines = new SimpleObjectProperty<>(this, "lines", List.of());
    private final ObjectProperty<Hover> hover = new SimpleObjectProperty<>(this, "hover");
    private final DoubleProperty rowHeight = new SimpleDoubleProperty(this, "rowHeight", 28);
    private final DoubleProperty lineSpan = new SimpleDoubleProperty(this, "lineSpan", 260);
    private final DoubleProperty tallest = new SimpleDoubleProperty(this, "tallest", 720);

    private final Canvas canvas = new Canvas();
    /** Never shown: carries the stylesheet's font and colour for the labels. */
    private final Text probe = new Text("Xg");
    private final Text measure = new Text();
    private Geometry geometry;
    private int drawn;
    private boolean dirty = true;

    public AttentionLines() {
        getStyleClass().add("attention-lines");
        probe.getStyleClass().add("lines-label");
        probe.setVisible(false);
        probe.setManaged(false);
        getChildren().addAll(canvas, probe);
        for (Observable o : new Observable[] {leftTokens, rightTokens, lines, hover, rowHeight, lineSpan, tallest,
            probe.fontProperty(), probe.fillProperty()}) {
            o.addListener(x -> {
                dirty = true;
                requestLayout();
            });
        }
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover.set(hit(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.set(null));
        // the keyboard does what the mouse does: ↑/↓ walk the tokens, ←/→ change column, Esc shows all
        setFocusTraversable(true);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                hover.set(null);
            }
        });
    }

    private void key(KeyEvent e) {
        Hover h = hover.get();
        Side side = h == null ? Side.LEFT : h.side();
        int n = (side == Side.LEFT ? leftTokens.get() : rightTokens.get()).size();
        int i = h == null ? -1 : h.index();
        switch (e.getCode()) {
            case DOWN -> i = Math.min(n - 1, i + 1);
            case UP -> i = Math.max(0, i - 1);
            case LEFT, RIGHT -> {
                side = e.getCode() == KeyCode.LEFT ? Side.LEFT : Side.RIGHT;
                n = (side == Side.LEFT ? leftTokens.get() : rightTokens.get()).size();
                i = Math.min(Math.max(0, i), n - 1);
            }
            case ESCAPE -> {
                hover.set(null);
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        if (n > 0) {
            hover.set(new Hover(side, Math.max(0, i)));
        }
        e.consume();
    }

    // ---------------------------------------------------------------- properties

    /** The query tokens (rows of every matrix). */
    public ObjectProperty<List<String>> leftTokensProperty() {
        return leftTokens;
    }

    /** The key tokens (columns). */
    public ObjectProperty<List<String>> rightTokensProperty() {
        return rightTokens;
    }

    /** The heads to draw, in drawing order (the last on top). */
    public ObjectProperty<List<Lines>> linesProperty() {
        return lines;
    }

    /** The token under the mouse, or null (tests and lessons may set it). */
    public ObjectProperty<Hover> hoveredTokenProperty() {
        return hover;
    }

    /** Height of one token row in pixels (views bind it to the font size). */
    public DoubleProperty rowHeightProperty() {
        return rowHeight;
    }

    /** The tallest the view grows: longer inputs get thinner rows (and every k-th label). */
    public DoubleProperty tallestProperty() {
        return tallest;
    }

    /** Width of the band the lines cross, in pixels. */
    public DoubleProperty lineSpanProperty() {
        return lineSpan;
    }

    // ---------------------------------------------------------------- queries for views and tests

    /** How many lines the last drawing stroked. */
    public int drawnLines() {
        return drawn;
    }

    /** Where a token's label is, in this node's coordinates; null before the first layout. */
    public Bounds tokenBounds(Side side, int index) {
        Geometry g = geometry;
        int n = side == Side.LEFT ? leftTokens.get().size() : rightTokens.get().size();
        if (g == null || index < 0 || index >= n) {
            return null;
        }
        double x = side == Side.LEFT ? g.leftX : g.rightX;
        double w = side == Side.LEFT ? g.leftW : g.rightW;
        return new BoundingBox(snappedLeftInset() + x, snappedTopInset() + g.top + index * g.row, w, g.row);
    }

    /** The lines that would be drawn now, (head, row, column) triples, for tests. */
    public List<int[]> visibleLines() {
        List<int[]> out = new ArrayList<>();
        Hover h = hover.get();
        for (Lines l : lines.get()) {
            Matrix m = l.weights();
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    if (m.get(i, j) >= MIN_WEIGHT && passes(h, i, j)) {
                        out.add(new int[] {l.head(), i, j});
                    }
                }
            }
        }
        return out;
    }

    private static boolean passes(Hover h, int i, int j) {
        return h == null || (h.side() == Side.LEFT ? h.index() == i : h.index() == j);
    }

    // ---------------------------------------------------------------- layout and drawing

    private static final class Geometry {
        double row;
        double top;
        double leftX;
        double leftW;
        double rightX;
        double rightW;
        double lineX0;
        double lineX1;
        double width;
        double height;
        int labelStep;
    }

    private Geometry geometry() {
        probe.applyCss();
        Font font = probe.getFont();
        int n = Math.max(leftTokens.get().size(), rightTokens.get().size());
        Geometry g = new Geometry();
        g.row = Math.max(1, Math.min(rowHeight.get(), tallest.get() / Math.max(1, n)));
        double textH = probe.getLayoutBounds().getHeight();
        g.labelStep = Math.max(1, (int) Math.ceil(textH * 0.9 / g.row));
        double pad = Math.round(textH * 0.4);
        g.top = pad / 2;
        g.leftW = widest(leftTokens.get(), font) + pad;
        g.rightW = widest(rightTokens.get(), font) + pad;
        g.leftX = 0;
        g.lineX0 = g.leftW + pad / 2;
        g.lineX1 = g.lineX0 + lineSpan.get();
        g.rightX = g.lineX1 + pad / 2;
        g.width = g.rightX + g.rightW;
        g.height = g.top * 2 + n * g.row;
        return g;
    }

    private double widest(List<String> tokens, Font font) {
        measure.setFont(font);
        double w = 0;
        for (String t : tokens) {
            measure.setText(t);
            w = Math.max(w, measure.getLayoutBounds().getWidth());
        }
        return Math.ceil(w);
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + geometry().width + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + geometry().height + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Geometry g = geometry();
        boolean resized = geometry == null || geometry.width != g.width || geometry.height != g.height
                || geometry.row != g.row;
        geometry = g;
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (dirty || resized) {
            canvas.setWidth(Math.ceil(g.width));
            canvas.setHeight(Math.ceil(g.height));
            paint(g);
            dirty = false;
        }
    }

    private void paint(Geometry g) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Hover h = hover.get();
        Font font = probe.getFont();
        Paint fg = probe.getFill();
        // the hovered token gets a band behind its label
        if (h != null) {
            Bounds b = tokenBounds(h.side(), h.index());
            if (b != null) {
                gc.setFill(Color.web("#e4007c", 0.18));
                gc.fillRoundRect(b.getMinX() - snappedLeftInset(), b.getMinY() - snappedTopInset(), b.getWidth(),
                        b.getHeight(), 6, 6);
            }
        }
        drawn = 0;
        int bandW = (int) Math.ceil(g.lineX1 - g.lineX0) + 2;
        int bandH = (int) Math.ceil(g.height);
        if (bandW > 0 && bandH > 0 && !lines.get().isEmpty()) {
            LineRaster raster = new LineRaster(bandW, bandH);
            double lineWidth = Math.max(1.2, Math.min(2.5, g.row / 10));
            for (Lines l : lines.get()) {
                drawn += rasterise(raster, g, l, h, lineWidth);
            }
            WritableImage image = new WritableImage(bandW, bandH);
            image.getPixelWriter().setPixels(0, 0, bandW, bandH, PixelFormat.getIntArgbInstance(), raster.argb(), 0, bandW);
            gc.drawImage(image, g.lineX0 - 1, 0);
        }
        gc.setFont(font);
        gc.setFill(fg);
        gc.setTextBaseline(VPos.CENTER);
        labels(gc, g, leftTokens.get(), g.leftX + g.leftW - g.top, TextAlignment.RIGHT, h, Side.LEFT);
        labels(gc, g, rightTokens.get(), g.rightX + g.top, TextAlignment.LEFT, h, Side.RIGHT);
    }

    /** Draws one head's lines, each as opaque as its weight; returns how many. */
    private int rasterise(LineRaster raster, Geometry g, Lines l, Hover h, double lineWidth) {
        Matrix m = l.weights();
        Color c = l.color();
        int rgb = (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
        double x1 = g.lineX1 - g.lineX0 + 1;
        int count = 0;
        for (int i = 0; i < m.rows(); i++) {
            double y0 = g.top + (i + 0.5) * g.row;
            for (int j = 0; j < m.cols(); j++) {
                double w = Math.min(1, m.get(i, j));
                if (w >= MIN_WEIGHT && passes(h, i, j)) {
                    raster.line(1, y0, x1, g.top + (j + 0.5) * g.row, rgb, w, lineWidth);
                    count++;
                }
            }
        }
        return count;
    }

    private static void labels(GraphicsContext gc, Geometry g, List<String> tokens, double x, TextAlignment align,
                               Hover h, Side side) {
        gc.setTextAlign(align);
        for (int i = 0; i < tokens.size(); i++) {
            boolean hovered = h != null && h.side() == side && h.index() == i;
            if (i % g.labelStep != 0 && !hovered) {
                continue;
            }
            gc.fillText(tokens.get(i), x, g.top + (i + 0.5) * g.row);
        }
    }

    private Hover hit(double x, double y) {
        Geometry g = geometry;
        if (g == null) {
            return null;
        }
        int i = (int) Math.floor((y - g.top) / g.row);
        if (y < g.top || i < 0) {
            return null;
        }
        if (x <= g.lineX0 && i < leftTokens.get().size()) {
            return new Hover(Side.LEFT, i);
        }
        if (x >= g.lineX1 && i < rightTokens.get().size()) {
            return new Hover(Side.RIGHT, i);
        }
        return null;
    }
}

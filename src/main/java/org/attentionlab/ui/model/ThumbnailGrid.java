package org.attentionlab.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.ColorMap;

/**
 * Every layer × head attention map of a model as small thumbnails, like BertViz's model view but
 * as heatmaps: rows are layers, columns heads, each thumbnail the (T, T) weights on the 0…1 scale
 * of every weights heatmap. All thumbnails are one {@link WritableImage} filled through a pixel
 * buffer with a 256-colour lookup table (sampling the nearest weight when T is larger than the
 * thumbnail), so BERT-base's 144 maps of 128 tokens redraw in a few milliseconds. The thumbnail
 * size follows the room given, between {@link #minThumbProperty()} and {@link #maxThumbProperty()}.
 * A click, or Enter on the selected one (arrow keys move), calls {@link #onOpenProperty()}.
 */
public final class ThumbnailGrid extends Region {

    private final ObjectProperty<List<List<Matrix>>> maps = new SimpleObjectProperty<>(this, "maps", List.of());
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private final ObjectProperty<Cell> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<BiConsumer<Integer, Integer>> onOpen = new SimpleObjectProperty<>(this, "onOpen");
    private final DoubleProperty minThumb = new SimpleDoubleProperty(this, "minThumb", 40);
    private final DoubleProperty maxThumb = new SimpleDoubleProperty(this, "maxThumb", 140);

    private final ImageView image = new ImageView();
    private final Rectangle selection = new Rectangle();
    private final Rectangle hover = new Rectangle();
    private final List<Text> rowLabels = new ArrayList<>();
    private final List<Text> colLabels = new ArrayList<>();
    private final Text probe = new Text("00");
    private final Tooltip tooltip = new Tooltip();
    private Geometry geometry;
    private boolean dirty = true;
    private int[] lut;
    private ColorMap lutMap;

    public ThumbnailGrid() {
        getStyleClass().add("thumbnail-grid");
        setFocusTraversable(true);
        image.setSmooth(false);
        image.setManaged(false);
        selection.getStyleClass().add("heatmap-selection");
        selection.setFill(Color.TRANSPARENT);
        selection.setManaged(false);
        selection.setMouseTransparent(true);
        hover.getStyleClass().add("thumbnail-hover");
        hover.setFill(Color.TRANSPARENT);
        hover.setManaged(false);
        hover.setMouseTransparent(true);
        hover.setVisible(false);
        probe.getStyleClass().add("heatmap-label");
        probe.setVisible(false);
        probe.setManaged(false);
        getChildren().addAll(image, selection, hover, probe);
        for (Observable o : new Observable[] {maps, colorMap, minThumb, maxThumb, probe.fontProperty()}) {
            o.addListener(x -> {
                dirty = true;
                requestLayout();
            });
        }
        selected.addListener(x -> place());
        tooltip.setShowDelay(Duration.millis(150));
        Tooltip.install(image, tooltip);
        image.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            Cell c = cellAt(e.getX(), e.getY());
            hover.setVisible(c != null);
            if (c != null) {
                Bounds b = thumbnailBounds(c.row(), c.col());
                hover.resizeRelocate(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
                hover.setWidth(b.getWidth());
                hover.setHeight(b.getHeight());
                tooltip.setText(tooltipText == null ? c.row() + " · " + c.col() : tooltipText.apply(c));
            }
        });
        image.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.setVisible(false));
        image.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            Cell c = cellAt(e.getX(), e.getY());
            if (e.getButton() == MouseButton.PRIMARY && c != null) {
                requestFocus();
                open(c);
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    private java.util.function.Function<Cell, String> tooltipText;

    /** The hover text of a thumbnail (the view localises "layer 3, head 7"). */
    public void setTooltipText(java.util.function.Function<Cell, String> text) {
        this.tooltipText = text;
    }

    // ---------------------------------------------------------------- properties

    /** [layer][head] → (T, T) weights in 0…1. */
    public ObjectProperty<List<List<Matrix>>> mapsProperty() {
        return maps;
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /** The thumbnail marked (row = layer, column = head), or null. */
    public ObjectProperty<Cell> selectedProperty() {
        return selected;
    }

    /** Called with (layer, head) when a thumbnail is clicked or Enter is pressed on it. */
    public ObjectProperty<BiConsumer<Integer, Integer>> onOpenProperty() {
        return onOpen;
    }

    public DoubleProperty minThumbProperty() {
        return minThumb;
    }

    public DoubleProperty maxThumbProperty() {
        return maxThumb;
    }

    /** Where thumbnail (layer, head) is, in this node's coordinates; null before the first layout. */
    public Bounds thumbnailBounds(int layer, int head) {
        Geometry g = geometry;
        if (g == null || layer < 0 || head < 0 || layer >= g.layers || head >= g.heads) {
            return null;
        }
        return new BoundingBox(g.x0 + head * (g.thumb + g.gap), g.y0 + layer * (g.thumb + g.gap), g.thumb, g.thumb);
    }

    /** The edge of one thumbnail in pixels as laid out now (0 before the first layout). */
    public double thumbSize() {
        return geometry == null ? 0 : geometry.thumb;
    }

    // ---------------------------------------------------------------- input

    private void open(Cell c) {
        selected.set(c);
        if (onOpen.get() != null) {
            onOpen.get().accept(c.row(), c.col());
        }
    }

    private void key(KeyEvent e) {
        Geometry g = geometry;
        if (g == null || g.layers == 0) {
            return;
        }
        Cell s = selected.get();
        int r = s == null ? 0 : s.row();
        int c = s == null ? 0 : s.col();
        switch (e.getCode()) {
            case UP -> r = Math.max(0, r - 1);
            case DOWN -> r = s == null ? 0 : Math.min(g.layers - 1, r + 1);
            case LEFT -> c = Math.max(0, c - 1);
            case RIGHT -> c = s == null ? 0 : Math.min(g.heads - 1, c + 1);
            case ENTER, SPACE -> {
                if (s != null) {
                    open(s);
                    e.consume();
                }
                return;
            }
            default -> {
                return;
            }
        }
        selected.set(new Cell(r, c));
        e.consume();
    }

    private Cell cellAt(double x, double y) {
        Geometry g = geometry;
        if (g == null) {
            return null;
        }
        int col = (int) Math.floor(x / (g.thumb + g.gap));
        int row = (int) Math.floor(y / (g.thumb + g.gap));
        if (row < 0 || col < 0 || row >= g.layers || col >= g.heads
                || x - col * (g.thumb + g.gap) > g.thumb || y - row * (g.thumb + g.gap) > g.thumb) {
            return null;
        }
        return new Cell(row, col);
    }

    // ---------------------------------------------------------------- layout

    private static final class Geometry {
        int layers;
        int heads;
        double labelW;
        double labelH;
        double gap;
        double thumb;
        double x0;
        double y0;
    }

    private Geometry geometry(double width, double height) {
        List<List<Matrix>> m = maps.get();
        Geometry g = new Geometry();
        g.layers = m.size();
        g.heads = m.isEmpty() ? 0 : m.get(0).size();
        ensureLabels(g.layers, g.heads);
        probe.setText(String.valueOf(Math.max(g.layers, g.heads)));
        probe.applyCss();
        double textH = probe.getLayoutBounds().getHeight();
        g.labelW = Math.ceil(probe.getLayoutBounds().getWidth() + textH * 0.5);
        g.labelH = Math.ceil(textH * 1.1);
        g.gap = Math.max(3, Math.round(textH * 0.25));
        g.x0 = snappedLeftInset() + g.labelW;
        g.y0 = snappedTopInset() + g.labelH;
        double thumb = maxThumb.get();
        if (width > 0 && g.heads > 0) {
            thumb = Math.min(thumb, (width - g.labelW - snappedLeftInset() - snappedRightInset()) / g.heads - g.gap);
        }
        if (height > 0 && g.layers > 0) {
            thumb = Math.min(thumb, (height - g.labelH - snappedTopInset() - snappedBottomInset()) / g.layers - g.gap);
        }
        g.thumb = Math.floor(Math.max(minThumb.get(), thumb));
        return g;
    }

    private void ensureLabels(int layers, int heads) {
        if (rowLabels.size() == layers && colLabels.size() == heads) {
            return;
        }
        getChildren().removeAll(rowLabels);
        getChildren().removeAll(colLabels);
        rowLabels.clear();
        colLabels.clear();
        for (int i = 0; i < layers; i++) {
            rowLabels.add(label(i));
        }
        for (int j = 0; j < heads; j++) {
            colLabels.add(label(j));
        }
        getChildren().addAll(rowLabels);
        getChildren().addAll(colLabels);
    }

    private static Text label(int i) {
        Text t = new Text(String.valueOf(i));
        t.getStyleClass().add("heatmap-label");
        t.setTextOrigin(VPos.TOP);
        t.setManaged(false);
        return t;
    }

    @Override
    protected double computePrefWidth(double height) {
        Geometry g = geometry(-1, -1);
        return g.x0 + g.heads * (minThumb.get() + g.gap) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        Geometry g = geometry(-1, -1);
        return g.y0 + g.layers * (minThumb.get() + g.gap) + snappedBottomInset();
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
        Geometry g = geometry(getWidth(), getHeight());
        boolean resized = geometry == null || geometry.thumb != g.thumb || geometry.layers != g.layers
                || geometry.heads != g.heads;
        geometry = g;
        if (g.layers == 0 || g.heads == 0) {
            image.setImage(null);
            selection.setVisible(false);
            return;
        }
        if (dirty || resized) {
            draw(g);
            dirty = false;
        }
        image.relocate(g.x0, g.y0);
        for (int i = 0; i < rowLabels.size(); i++) {
            Text t = rowLabels.get(i);
            Bounds b = t.getLayoutBounds();
            t.relocate(g.x0 - g.gap - b.getWidth(), g.y0 + i * (g.thumb + g.gap) + (g.thumb - b.getHeight()) / 2);
        }
        for (int j = 0; j < colLabels.size(); j++) {
            Text t = colLabels.get(j);
            Bounds b = t.getLayoutBounds();
            t.relocate(g.x0 + j * (g.thumb + g.gap) + (g.thumb - b.getWidth()) / 2, g.y0 - g.labelH);
        }
        place();
    }

    private void place() {
        Cell s = selected.get();
        Geometry g = geometry;
        Bounds b = s == null || g == null ? null : thumbnailBounds(s.row(), s.col());
        selection.setVisible(b != null);
        if (b != null) {
            double w = selection.getStrokeWidth();
            selection.relocate(b.getMinX() - w, b.getMinY() - w);
            selection.setWidth(b.getWidth() + 2 * w);
            selection.setHeight(b.getHeight() + 2 * w);
        }
    }

    /** Fills one image with every thumbnail; gaps stay transparent. */
    private void draw(Geometry g) {
        int t = (int) g.thumb;
        int step = t + (int) g.gap;
        int w = g.heads * step - (int) g.gap;
        int h = g.layers * step - (int) g.gap;
        if (colorMap.get() != lutMap) {
            lut = new int[256];
            for (int i = 0; i < 256; i++) {
                lut[i] = colorMap.get().argb(i / 255.0);
            }
            lutMap = colorMap.get();
        }
        int[] pixels = new int[w * h];
        List<List<Matrix>> m = maps.get();
        int[] srcIndex = new int[t];
        for (int l = 0; l < g.layers; l++) {
            for (int hd = 0; hd < g.heads; hd++) {
                Matrix a = m.get(l).get(hd);
                int rows = a.rows();
                int cols = a.cols();
                double[] data = a.toRowMajor();
                for (int p = 0; p < t; p++) {
                    srcIndex[p] = Math.min(cols - 1, p * cols / t);
                }
                int x0 = hd * step;
                int y0 = l * step;
                for (int y = 0; y < t; y++) {
                    int base = Math.min(rows - 1, y * rows / t) * cols;
                    int off = (y0 + y) * w + x0;
                    for (int x = 0; x < t; x++) {
                        double v = data[base + srcIndex[x]];
                        int k = v <= 0 ? 0 : v >= 1 ? 255 : (int) (v * 255 + 0.5);
                        pixels[off + x] = lut[k];
                    }
                }
            }
        }
        WritableImage img = new WritableImage(Math.max(1, w), Math.max(1, h));
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        image.setImage(img);
    }
}

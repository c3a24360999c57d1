package org.attentionlab.ui.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;

import org.attentionlab.engine.trace.Matrix;

/**
 * A matrix as coloured cells, drawn into one {@link WritableImage} through a pixel buffer (never a
 * node per cell), so a 512×512 matrix redraws in milliseconds. Around it: row and column labels
 * that thin out when they would overlap, a colour bar with its scale, the value in each cell when
 * the cells are big enough to read, a hover tooltip with the labels and the exact value, and a
 * selection that mouse and arrow keys move. Masked cells (−∞) are hatched grey and marked "−∞",
 * never a colour of the scale; NaN and +∞ (which no view should produce) are hatched red and
 * marked "NaN" or "∞", so that a number that is not one never passes for a colour of the scale. When {@link #editableProperty() editable}, a double click, Enter or
 * F2 opens an editor over the selected cell; the typed number goes to {@link #onCellEditProperty()}.
 *
 * <p>Sizes follow the font: give {@link #cellSizeProperty()} a value in pixels (the views bind it
 * to the presenter's font size), labels and numbers take the CSS font.
 */
public class Heatmap extends Region {

    private static final int HATCH_DARK = 0xFFB4B4B4;
    private static final int HATCH_LIGHT = 0xFFE8E8E8;
    private static final int GRID = 0xFFFFFFFF;
    private static final int GROUP_EDGE = 0xFF000000;
    /** Marks a masked cell in the colour array (alpha 0 never occurs in an opaque map). */
    private static final int MASKED = 0x00000000;
    /** Marks a NaN or +∞ cell (alpha 0 again, so it cannot collide with a colour of the map). */
    private static final int INVALID = 0x00000001;
    private static final int INVALID_DARK = 0xFFC0392B;
    private static final int INVALID_LIGHT = 0xFFF5B7B1;
    /** Most cells that still get a number drawn in them. */
    private static final int MAX_VALUE_TEXTS = 1600;

    private final ObjectProperty<Matrix> data = new SimpleObjectProperty<>(this, "data");
    private final ObjectProperty<List<String>> rowLabels = new SimpleObjectProperty<>(this, "rowLabels", List.of());
    private final ObjectProperty<List<String>> colLabels = new SimpleObjectProperty<>(this, "colLabels", List.of());
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private final ObjectProperty<ScaleMode> scaleMode = new SimpleObjectProperty<>(this, "scaleMode", ScaleMode.UNIT);
    private final DoubleProperty cellSize = new SimpleDoubleProperty(this, "cellSize", 48);
    private final DoubleProperty maxPlotSize = new SimpleDoubleProperty(this, "maxPlotSize", 560);
    private final IntegerProperty decimals = new SimpleIntegerProperty(this, "decimals", 2);
    private final ObjectProperty<Cell> selectedCell = new SimpleObjectProperty<>(this, "selectedCell");
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", false);
    private final ObjectProperty<Consumer<CellEdit>> onCellEdit = new SimpleObjectProperty<>(this, "onCellEdit");
    private final ObjectProperty<Consumer<String>> onEditError = new SimpleObjectProperty<>(this, "onEditError");
    private final StringProperty maskedText = new SimpleStringProperty(this, "maskedText", NumberText.NEG_INFINITY);
    private final BooleanProperty colorBarVisible = new SimpleBooleanProperty(this, "colorBarVisible", true);
    private final IntegerProperty columnGroup = new SimpleIntegerProperty(this, "columnGroup", 0);
    private final DoubleProperty minRowHeight = new SimpleDoubleProperty(this, "minRowHeight", 0);

    private final ImageView cells = new ImageView();
    private final Pane valueLayer = new Pane();
    private final Group rowLabelLayer = new Group();
    private final Group colLabelLayer = new Group();
    private final Rectangle selection = new Rectangle();
    private final ImageView bar = new ImageView();
    private final Rectangle barFrame = new Rectangle();
    private final Group barLabels = new Group();
    private final Rectangle maskSwatch = new Rectangle();
    private final Text maskLegend = new Text();
    private final TextField editor = new TextField();
    private final Tooltip tooltip = new Tooltip();
    private final Text probe = new Text("0");

    private final List<Text> rowTexts = new ArrayList<>();
    private final List<Group> colGroups = new ArrayList<>();
    private final List<Text> colTexts = new ArrayList<>();
    private Text[] valueTexts = new Text[0];
    private int[] cellColors = new int[0];
    /** The image's pixels, kept between redraws of the same size. */
    private int[] pixels = new int[0];
    private WritableImage image;
    private boolean labelsDirty = true;
    /** Widest row label and widest column label, measured when the labels are built. */
    private double[] labelWidths = {0, 0};
    /** Whether the labels need placing again (rebuilt, or the geometry changed). */
    private boolean labelsMoved = true;
    /** The finite range of {@link #statsOf} and whether it has masked cells: layout asks several times per data. */
    private Matrix statsOf;
    private double[] statsRange;
    private boolean statsMasked;
    private boolean valuesDirty = true;
    private boolean colorsDirty = true;
    private boolean imageDirty = true;
    private Geometry geometry;
    private Cell editing;

    public Heatmap() {
        getStyleClass().add("heatmap");
        setFocusTraversable(true);
        cells.setSmooth(false);
        valueLayer.setMouseTransparent(true);
        valueLayer.setManaged(false);
        rowLabelLayer.setManaged(false);
        colLabelLayer.setManaged(false);
        selection.getStyleClass().add("heatmap-selection");
        selection.setMouseTransparent(true);
        selection.setManaged(false);
        selection.setFill(Color.TRANSPARENT);
        selection.setVisible(false);
        bar.setPreserveRatio(false);
        bar.setSmooth(true);
        bar.setManaged(false);
        cells.setManaged(false);
        barFrame.getStyleClass().add("heatmap-bar-frame");
        barFrame.setFill(Color.TRANSPARENT);
        barFrame.setManaged(false);
        barLabels.setManaged(false);
        maskSwatch.setManaged(false);
        maskSwatch.getStyleClass().add("heatmap-bar-frame");
        maskLegend.getStyleClass().add("heatmap-label");
        maskLegend.setManaged(false);
        maskLegend.setTextOrigin(VPos.TOP);
        maskLegend.textProperty().bind(maskedText);
        editor.getStyleClass().add("heatmap-editor");
        editor.setVisible(false);
        editor.setManaged(false);
        probe.getStyleClass().add("heatmap-label");
        probe.setVisible(false);
        probe.setManaged(false);
        // the preferred size depends on the CSS font, which arrives after the first size query
        probe.fontProperty().addListener(o -> {
            labelsDirty = true;
            valuesDirty = true;
            requestLayout();
        });
        getChildren().addAll(cells, valueLayer, rowLabelLayer, colLabelLayer, selection, bar, barFrame, barLabels,
                maskSwatch, maskLegend, editor, probe);

        tooltip.setShowDelay(Duration.millis(120));
        tooltip.setHideDelay(Duration.millis(200));
        tooltip.getStyleClass().add("heatmap-tooltip");
        Tooltip.install(cells, tooltip);

        Observable[] labelSources = {rowLabels, colLabels};
        for (Observable o : labelSources) {
            o.addListener(x -> {
                labelsDirty = true;
                valuesDirty = true;
                colorsDirty = true;
                cancelEdit();
                requestLayout();
            });
        }
        data.addListener((obs, old, now) -> {
            // new numbers of the same shape keep their labels: a 512-token redraw would otherwise
            // rebuild and style 1024 label nodes every time
            if (old == null || now == null || old.rows() != now.rows() || old.cols() != now.cols()) {
                labelsDirty = true;
            }
            valuesDirty = true;
            colorsDirty = true;
            cancelEdit();
            requestLayout();
        });
        data.addListener((obs, old, now) -> {
            Cell s = selectedCell.get();
            if (s != null && (now == null || s.row() >= now.rows() || s.col() >= now.cols())) {
                selectedCell.set(null);
            }
        });
        colorMap.addListener(x -> {
            colorsDirty = true;
            valuesDirty = true;
            requestLayout();
        });
        scaleMode.addListener(x -> {
            colorsDirty = true;
            valuesDirty = true;
            labelsDirty = true;
            requestLayout();
        });
        decimals.addListener(x -> {
            valuesDirty = true;
            requestLayout();
        });
        cellSize.addListener(x -> requestLayout());
        minRowHeight.addListener(x -> requestLayout());
        columnGroup.addListener(x -> {
            imageDirty = true;
            requestLayout();
        });
        maxPlotSize.addListener(x -> requestLayout());
        colorBarVisible.addListener(x -> requestLayout());
        selectedCell.addListener(x -> placeSelection());

        cells.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        cells.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        editor.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                commitEdit();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                cancelEdit();
                requestFocus();
                e.consume();
            }
        });
        editor.focusedProperty().addListener((obs, was, now) -> {
            if (!now && editing != null) {
                commitEdit();
            }
        });
    }

    // ---------------------------------------------------------------- properties

    /** The matrix shown; null shows nothing. */
    public ObjectProperty<Matrix> dataProperty() {
        return data;
    }

    public Matrix getData() {
        return data.get();
    }

    public void setData(Matrix value) {
        data.set(value);
    }

    /** One label per row (tokens); when the count does not match, rows are numbered from 1. */
    public ObjectProperty<List<String>> rowLabelsProperty() {
        return rowLabels;
    }

    /** One label per column; when the count does not match, columns are numbered from 1. */
    public ObjectProperty<List<String>> colLabelsProperty() {
        return colLabels;
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    public ObjectProperty<ScaleMode> scaleModeProperty() {
        return scaleMode;
    }

    /** The edge of a cell in pixels when there is room (smaller for big matrices). */
    public DoubleProperty cellSizeProperty() {
        return cellSize;
    }

    /** The largest width or height of the cell area in pixels; big matrices shrink their cells to fit. */
    public DoubleProperty maxPlotSizeProperty() {
        return maxPlotSize;
    }

    /** Decimals of the numbers drawn in the cells. */
    public IntegerProperty decimalsProperty() {
        return decimals;
    }

    /** The selected cell, or null; clicks and arrow keys set it. */
    public ObjectProperty<Cell> selectedCellProperty() {
        return selectedCell;
    }

    public BooleanProperty editableProperty() {
        return editable;
    }

    /** Receives a number typed into a cell (only when editable). */
    public ObjectProperty<Consumer<CellEdit>> onCellEditProperty() {
        return onCellEdit;
    }

    /** Receives a message when the typed text is not a finite number; the editor stays open. */
    public ObjectProperty<Consumer<String>> onEditErrorProperty() {
        return onEditError;
    }

    /** What a masked cell's tooltip and legend say ("−∞" by default; views localise it). */
    public StringProperty maskedTextProperty() {
        return maskedText;
    }

    /**
     * Whether the colour bar is drawn (default true). A matrix whose colours carry no scale, such
     * as a mask of 0 and −∞, reads better without it; the masked-cell legend stays.
     */
    public BooleanProperty colorBarVisibleProperty() {
        return colorBarVisible;
    }

    /**
     * Columns come in blocks of this many (e.g. one block per head in Concat(Z₀ … Z_{h−1})): a
     * separator line is drawn between blocks. 0 (the default) draws none.
     */
    public IntegerProperty columnGroupProperty() {
        return columnGroup;
    }

    /**
     * Rows at least this tall (pixels, capped by {@link #cellSizeProperty()} and by
     * {@link #maxPlotSizeProperty()} over the row count) even when many columns make the cells
     * narrow, so that a 2 × 512 matrix is a readable strip rather than two lines of pixels. 0 (the
     * default) keeps the cells square.
     */
    public DoubleProperty minRowHeightProperty() {
        return minRowHeight;
    }

    // ---------------------------------------------------------------- queries for views and tests

    /** The text drawn in cell (row, col), or null when the cells are too small to carry numbers. */
    public String cellText(int row, int col) {
        Matrix m = data.get();
        if (m == null || valueTexts.length != m.rows() * m.cols() || valueTexts[row * m.cols() + col] == null) {
            return null;
        }
        Text t = valueTexts[row * m.cols() + col];
        return t.isVisible() ? t.getText() : null;
    }

    /** Where cell (row, col) is drawn, in this node's coordinates; null before the first layout. */
    public Bounds cellBounds(int row, int col) {
        Geometry g = geometry;
        if (g == null || row >= g.rows || col >= g.cols) {
            return null;
        }
        return new javafx.geometry.BoundingBox(g.plotX + col * g.cell, g.plotY + row * g.cellH, g.cell, g.cellH);
    }

    /** Whether a cell editor is open. */
    public boolean isEditing() {
        return editing != null;
    }

    /** The text field used as the cell editor (for tests and keyboard focus). */
    public TextField editor() {
        return editor;
    }

    /** The hover text for a cell: its labels, 1-based position and exact value. */
    public String describe(int row, int col) {
        Matrix m = data.get();
        if (m == null) {
            return "";
        }
        double v = m.get(row, col);
        String value = v == Double.NEGATIVE_INFINITY ? maskedText.get() : NumberText.exact(v);
        return rowLabel(row) + " · " + colLabel(col) + "   [" + (row + 1) + ", " + (col + 1) + "]\n" + value;
    }

    /** Opens the editor on {@code cell} (when editable). */
    public void startEdit(Cell cell) {
        Matrix m = data.get();
        if (!editable.get() || m == null || cell == null || cell.row() >= m.rows() || cell.col() >= m.cols()) {
            return;
        }
        selectedCell.set(cell);
        editing = cell;
        editor.getStyleClass().remove("error");
        editor.setText(NumberText.exact(m.get(cell.row(), cell.col())).replace(NumberText.MINUS, "-"));
        editor.setVisible(true);
        placeEditor();
        editor.requestFocus();
        editor.selectAll();
    }

    // ---------------------------------------------------------------- input

    private void hover(MouseEvent e) {
        Cell c = cellAt(e.getX(), e.getY());
        if (c != null) {
            tooltip.setText(describe(c.row(), c.col()));
        }
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Cell c = cellAt(e.getX(), e.getY());
        if (c == null) {
            return;
        }
        requestFocus();
        selectedCell.set(c);
        if (e.getClickCount() >= 2) {
            startEdit(c);
        }
    }

    private void key(KeyEvent e) {
        Matrix m = data.get();
        if (m == null || m.rows() == 0 || m.cols() == 0 || editing != null) {
            return;
        }
        Cell s = selectedCell.get();
        int r = s == null ? 0 : s.row();
        int c = s == null ? 0 : s.col();
        switch (e.getCode()) {
            case UP -> r = Math.max(0, r - 1);
            case DOWN -> r = s == null ? 0 : Math.min(m.rows() - 1, r + 1);
            case LEFT -> c = Math.max(0, c - 1);
            case RIGHT -> c = s == null ? 0 : Math.min(m.cols() - 1, c + 1);
            case HOME -> c = 0;
            case END -> c = m.cols() - 1;
            case ENTER, F2 -> {
                if (s != null && editable.get()) {
                    startEdit(s);
                    e.consume();
                }
                return;
            }
            default -> {
                return;
            }
        }
        selectedCell.set(new Cell(r, c));
        e.consume();
    }

    private void commitEdit() {
        Cell cell = editing;
        if (cell == null) {
            return;
        }
        double value;
        try {
            value = NumberText.parse(editor.getText());
        } catch (NumberFormatException ex) {
            if (!editor.getStyleClass().contains("error")) {
                editor.getStyleClass().add("error");
            }
            if (onEditError.get() != null) {
                onEditError.get().accept(ex.getMessage());
            }
            if (!editor.isFocused()) {
                cancelEdit(); // focus left with bad text: keep the old value
            }
            return;
        }
        editing = null;
        editor.setVisible(false);
        requestFocus();
        if (onCellEdit.get() != null) {
            onCellEdit.get().accept(new CellEdit(cell, value));
        }
    }

    private void cancelEdit() {
        editing = null;
        editor.setVisible(false);
        editor.getStyleClass().remove("error");
    }

    private Cell cellAt(double x, double y) {
        Matrix m = data.get();
        Geometry g = geometry;
        if (m == null || g == null || m.rows() != g.rows || m.cols() != g.cols) {
            return null;
        }
        int c = (int) (x / g.cell);
        int r = (int) (y / g.cellH);
        if (r < 0 || c < 0 || r >= m.rows() || c >= m.cols()) {
            return null;
        }
        return new Cell(r, c);
    }

    // ---------------------------------------------------------------- layout

    private String rowLabel(int i) {
        List<String> l = rowLabels.get();
        Matrix m = data.get();
        return l != null && m != null && l.size() == m.rows() ? l.get(i) : Integer.toString(i + 1);
    }

    private String colLabel(int j) {
        List<String> l = colLabels.get();
        Matrix m = data.get();
        return l != null && m != null && l.size() == m.cols() ? l.get(j) : Integer.toString(j + 1);
    }

    /** Everything the layout needs, for a given cell size. */
    private static final class Geometry {
        int rows;
        int cols;
        double cell;
        /** Row height: equal to cell unless {@link #minRowHeight} makes rows taller. */
        double cellH;
        double textH;
        double rowLabelW;
        boolean colsRotated;
        double colLabelH;
        double plotX;
        double plotY;
        double plotW;
        double plotH;
        double barX;
        double barW;
        double barH;
        double barLabelW;
        double legendH;
        double width;
        double height;
    }

    private Geometry geometry(double cell) {
        Matrix m = data.get();
        updateBarLabels();
        Geometry g = new Geometry();
        g.rows = m.rows();
        g.cols = m.cols();
        g.cell = cell;
        g.cellH = minRowHeight.get() > 0
                ? Math.max(cell, Math.min(minRowHeight.get(), Math.min(cellSize.get(), maxPlotSize.get() / Math.max(1, g.rows))))
                : cell;
        ensureLabels();
        probe.applyCss();
        g.textH = Math.ceil(probe.getLayoutBounds().getHeight());
        double gap = Math.round(g.textH * 0.4);
        double maxRowW = labelWidths[0];
        double maxColW = labelWidths[1];
        g.rowLabelW = Math.ceil(maxRowW) + gap;
        g.colsRotated = maxColW > cell - 4;
        g.colLabelH = (g.colsRotated ? Math.ceil(maxColW) : g.textH) + gap / 2;
        g.plotX = snappedLeftInset() + g.rowLabelW;
        g.plotY = snappedTopInset() + g.colLabelH;
        g.plotW = Math.round(g.cols * cell);
        g.plotH = Math.round(g.rows * g.cellH);
        g.barW = Math.round(g.textH * 0.8);
        g.barX = g.plotX + g.plotW + gap * 1.5;
        double barLabelW = 0;
        for (javafx.scene.Node n : barLabels.getChildren()) {
            n.applyCss();
            barLabelW = Math.max(barLabelW, n.getLayoutBounds().getWidth());
        }
        g.barLabelW = Math.ceil(barLabelW) + gap / 2;
        g.barH = Math.max(g.plotH, 2 * g.textH + 4);
        stats(m);
        boolean anyMasked = statsMasked;
        maskLegend.applyCss();
        g.legendH = anyMasked ? g.textH + gap : 0;
        double legendW = anyMasked ? g.barW + gap / 2 + maskLegend.getLayoutBounds().getWidth() : 0;
        g.width = g.barX - snappedLeftInset() + Math.max(g.barW + gap / 2 + g.barLabelW, legendW) + snappedLeftInset()
                + snappedRightInset();
        if (!colorBarVisible.get()) {
            // no bar: only the masked-cell legend, under the plot
            g.barX = g.plotX;
            g.barH = g.plotH;
            g.width = Math.max(g.plotX + g.plotW, g.plotX + legendW) + snappedRightInset();
        }
        g.height = snappedTopInset() + g.colLabelH + Math.max(g.plotH, g.barH) + g.legendH + snappedBottomInset();
        return g;
    }

    private double preferredCell() {
        Matrix m = data.get();
        int n = Math.max(1, Math.max(m.rows(), m.cols()));
        return Math.max(1, Math.min(cellSize.get(), maxPlotSize.get() / n));
    }

    @Override
    protected double computePrefWidth(double height) {
        return data.get() == null || data.get().rows() == 0 ? 0 : geometry(preferredCell()).width;
    }

    @Override
    protected double computePrefHeight(double width) {
        return data.get() == null || data.get().rows() == 0 ? 0 : geometry(preferredCell()).height;
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
        Matrix m = data.get();
        boolean empty = m == null || m.rows() == 0 || m.cols() == 0;
        for (javafx.scene.Node n : getChildren()) {
            if (n != probe && n != editor) {
                n.setVisible(!empty);
            }
        }
        if (empty) {
            geometry = null;
            selection.setVisible(false);
            return;
        }
        double cell = preferredCell();
        Geometry g = geometry(cell);
        // shrink the cells when the parent gives less room than preferred
        if (getWidth() < g.width - 0.5 || getHeight() < g.height - 0.5) {
            double fitW = (getWidth() - (g.width - g.plotW)) / g.cols;
            double fitH = (getHeight() - (g.height - Math.max(g.plotH, g.barH))) / g.rows;
            double smaller = Math.max(1, Math.min(cell, Math.min(fitW, fitH)));
            if (smaller < cell) {
                g = geometry(smaller);
            }
        }
        boolean resized = geometry == null || geometry.plotW != g.plotW || geometry.plotH != g.plotH
                || geometry.cell != g.cell || geometry.cellH != g.cellH;
        Geometry previous = geometry;
        geometry = g;
        if (colorsDirty) {
            computeColors(m);
            colorsDirty = false;
            imageDirty = true;
        }
        if (imageDirty || resized) {
            drawImage(g);
            imageDirty = false;
        }
        cells.setImage(image);
        cells.relocate(g.plotX, g.plotY);
        if (labelsMoved || resized || previous == null || previous.plotX != g.plotX || previous.plotY != g.plotY
                || previous.textH != g.textH) {
            layoutLabels(g);
            labelsMoved = false;
        }
        layoutValues(m, g);
        layoutBar(g, m);
        placeSelection();
        placeEditor();
    }

    private void ensureLabels() {
        if (!labelsDirty) {
            return;
        }
        Matrix m = data.get();
        rowTexts.clear();
        colTexts.clear();
        colGroups.clear();
        rowLabelLayer.getChildren().clear();
        colLabelLayer.getChildren().clear();
        for (int i = 0; i < m.rows(); i++) {
            Text t = new Text(rowLabel(i));
            t.getStyleClass().add("heatmap-label");
            t.setTextOrigin(VPos.TOP);
            rowTexts.add(t);
        }
        for (int j = 0; j < m.cols(); j++) {
            Text t = new Text(colLabel(j));
            t.getStyleClass().add("heatmap-label");
            t.setTextOrigin(VPos.TOP);
            colTexts.add(t);
            colGroups.add(new Group(t));
        }
        rowLabelLayer.getChildren().addAll(rowTexts);
        colLabelLayer.getChildren().addAll(colGroups);
        for (Text t : rowTexts) {
            t.applyCss();
        }
        for (Text t : colTexts) {
            t.applyCss();
        }
        labelWidths = new double[2];
        for (Text t : rowTexts) {
            labelWidths[0] = Math.max(labelWidths[0], t.getLayoutBounds().getWidth());
        }
        for (Text t : colTexts) {
            labelWidths[1] = Math.max(labelWidths[1], t.getLayoutBounds().getWidth());
        }
        labelsDirty = false;
        labelsMoved = true;
    }

    private void layoutLabels(Geometry g) {
        int rowStep = Math.max(1, (int) Math.ceil(g.textH / g.cellH));
        for (int i = 0; i < rowTexts.size(); i++) {
            Text t = rowTexts.get(i);
            boolean show = i % rowStep == 0;
            t.setVisible(show);
            Bounds b = t.getLayoutBounds();
            t.relocate(g.plotX - g.textH * 0.3 - b.getWidth(), g.plotY + (i + 0.5) * g.cellH - b.getHeight() / 2);
        }
        double across = g.colsRotated ? g.textH : 0;
        int colStep = g.colsRotated ? Math.max(1, (int) Math.ceil(across / g.cell)) : 1;
        for (int j = 0; j < colTexts.size(); j++) {
            Text t = colTexts.get(j);
            Group grp = colGroups.get(j);
            t.setRotate(g.colsRotated ? -90 : 0);
            grp.setVisible(j % colStep == 0);
            Bounds b = grp.getLayoutBounds();
            double x = g.plotX + (j + 0.5) * g.cell - b.getWidth() / 2;
            double y = g.plotY - g.textH * 0.2 - b.getHeight();
            grp.relocate(x, y);
        }
    }

    private void layoutValues(Matrix m, Geometry g) {
        int n = m.rows() * m.cols();
        if (valuesDirty || (n <= MAX_VALUE_TEXTS && valueTexts.length != n)) {
            valueLayer.getChildren().clear();
            // no numbers in more than MAX_VALUE_TEXTS cells: no 262 144-slot array per 512×512 redraw either
            valueTexts = n <= MAX_VALUE_TEXTS ? new Text[n] : new Text[0];
            if (n <= MAX_VALUE_TEXTS) {
                int d = decimals.get();
                for (int i = 0; i < m.rows(); i++) {
                    for (int j = 0; j < m.cols(); j++) {
                        int k = i * m.cols() + j;
                        Text t = new Text(NumberText.fixed(m.get(i, j), d));
                        t.getStyleClass().add("heatmap-value");
                        t.setTextOrigin(VPos.TOP);
                        int argb = cellColors[k];
                        // data-driven colour: dark text on light cells, white on dark ones
                        t.setFill(argb == MASKED || argb == INVALID || ColorMap.luminance(argb) > 0.4 ? Color.BLACK : Color.WHITE);
                        valueTexts[k] = t;
                    }
                }
                valueLayer.getChildren().addAll(valueTexts);
                for (Text t : valueTexts) {
                    t.applyCss();
                }
            }
            valuesDirty = false;
        }
        boolean fits = n <= MAX_VALUE_TEXTS;
        if (fits) {
            for (Text t : valueTexts) {
                Bounds b = t.getLayoutBounds();
                if (b.getWidth() > g.cell - 4 || b.getHeight() > g.cellH) {
                    fits = false;
                    break;
                }
            }
        }
        valueLayer.setVisible(fits);
        valueLayer.relocate(g.plotX, g.plotY);
        if (fits) {
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    Text t = valueTexts[i * m.cols() + j];
                    Bounds b = t.getLayoutBounds();
                    t.relocate((j + 0.5) * g.cell - b.getWidth() / 2, (i + 0.5) * g.cellH - b.getHeight() / 2);
                }
            }
        }
    }

    private void updateBarLabels() {
        Matrix m = data.get();
        double[] range = range(m);
        double[] ticks = {range[1], (range[0] + range[1]) / 2, range[0]};
        int d = barDecimals(range);
        // as few decimals as show the ticks exactly ("1, 0, −1" rather than "1.00, 0.00, −1.00")
        while (d > 0 && trailingZeros(ticks, d)) {
            d--;
        }
        List<String> texts = new ArrayList<>();
        for (double t : ticks) {
            texts.add(NumberText.fixed(t, d));
        }
        boolean same = barLabels.getChildren().size() == 3;
        for (int i = 0; same && i < 3; i++) {
            same = ((Text) barLabels.getChildren().get(i)).getText().equals(texts.get(i));
        }
        if (!same) {
            barLabels.getChildren().clear();
            for (String s : texts) {
                Text t = new Text(s);
                t.getStyleClass().add("heatmap-label");
                t.setTextOrigin(VPos.TOP);
                barLabels.getChildren().add(t);
            }
        }
    }

    /** Whether every value written with {@code decimals} decimals ends in 0 (so one decimal fewer says the same). */
    private static boolean trailingZeros(double[] values, int decimals) {
        for (double v : values) {
            if (!NumberText.fixed(v, decimals).endsWith("0")) {
                return false;
            }
        }
        return true;
    }

    private static int barDecimals(double[] range) {
        double span = Math.max(Math.abs(range[0]), Math.abs(range[1]));
        return span >= 100 ? 0 : span >= 10 ? 1 : 2;
    }

    private void layoutBar(Geometry g, Matrix m) {
        if (bar.getImage() == null || colorsDirty || barMap != colorMap.get()) {
            bar.setImage(barImage(colorMap.get()));
            barMap = colorMap.get();
        }
        bar.setVisible(colorBarVisible.get());
        barFrame.setVisible(colorBarVisible.get());
        barLabels.setVisible(colorBarVisible.get());
        bar.setFitWidth(g.barW);
        bar.setFitHeight(g.barH);
        bar.relocate(g.barX, g.plotY);
        barFrame.setWidth(g.barW);
        barFrame.setHeight(g.barH);
        barFrame.relocate(g.barX, g.plotY);
        double lx = g.barX + g.barW + g.textH * 0.25;
        List<javafx.scene.Node> labels = barLabels.getChildren();
        boolean roomForMiddle = g.barH >= 3.2 * g.textH;
        for (int i = 0; i < labels.size(); i++) {
            Text t = (Text) labels.get(i);
            double h = t.getLayoutBounds().getHeight();
            double y = switch (i) {
                case 0 -> g.plotY;
                case 1 -> g.plotY + (g.barH - h) / 2;
                default -> g.plotY + g.barH - h;
            };
            t.setVisible(i != 1 || roomForMiddle);
            t.relocate(lx, y);
        }
        boolean masked = g.legendH > 0;
        maskSwatch.setVisible(masked);
        maskLegend.setVisible(masked);
        if (masked) {
            double y = g.plotY + Math.max(g.plotH, g.barH) + g.textH * 0.4;
            maskSwatch.setWidth(g.barW);
            maskSwatch.setHeight(g.textH);
            maskSwatch.setFill(new javafx.scene.paint.ImagePattern(hatchTile(), 0, 0, 10, 10, false));
            maskSwatch.relocate(g.barX, y);
            maskLegend.relocate(g.barX + g.barW + g.textH * 0.25, y);
        }
    }

    private ColorMap barMap;

    private static WritableImage barImage(ColorMap map) {
        int h = 256;
        WritableImage img = new WritableImage(1, h);
        for (int y = 0; y < h; y++) {
            img.getPixelWriter().setArgb(0, y, map.argb(1 - y / (double) (h - 1)));
        }
        return img;
    }

    private static WritableImage hatchTile() {
        WritableImage img = new WritableImage(10, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                img.getPixelWriter().setArgb(x, y, ((x + y) / 5) % 2 == 0 ? HATCH_DARK : HATCH_LIGHT);
            }
        }
        return img;
    }

    private void placeSelection() {
        Cell s = selectedCell.get();
        Geometry g = geometry;
        if (s == null || g == null || s.row() >= g.rows || s.col() >= g.cols) {
            selection.setVisible(false);
            return;
        }
        double w = selection.getStrokeWidth();
        selection.setVisible(true);
        selection.setWidth(Math.max(2, g.cell - w));
        selection.setHeight(Math.max(2, g.cellH - w));
        selection.relocate(g.plotX + s.col() * g.cell, g.plotY + s.row() * g.cellH);
    }

    private void placeEditor() {
        Cell c = editing;
        Geometry g = geometry;
        if (c == null || g == null) {
            return;
        }
        double w = Math.max(g.cell, g.textH * 5);
        double h = Math.max(g.cellH, g.textH * 1.6);
        editor.resizeRelocate(g.plotX + (c.col() + 0.5) * g.cell - w / 2, g.plotY + (c.row() + 0.5) * g.cellH - h / 2,
                w, h);
    }

    // ---------------------------------------------------------------- pixels

    private double[] range(Matrix m) {
        double[] r = stats(m);
        return switch (scaleMode.get()) {
            case UNIT -> new double[] {0, 1};
            case SIGNED -> {
                double a = Math.max(Math.abs(r[0]), Math.abs(r[1]));
                yield a == 0 ? new double[] {-1, 1} : new double[] {-a, a};
            }
            case RANGE -> r[0] == r[1] ? new double[] {r[0] - 1, r[1] + 1} : r;
        };
    }

    private void computeColors(Matrix m) {
        double[] r = range(m);
        ColorMap map = colorMap.get();
        int cols = m.cols();
        if (cellColors.length != m.rows() * cols) {
            cellColors = new int[m.rows() * cols];
        }
        double lo = r[0];
        double span = r[1] - r[0];
        for (int i = 0; i < m.rows(); i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                double v = m.get(i, j); // not m.row(i): a copy per row, 512 of them per 512×512 redraw
                cellColors[base + j] = v == Double.NEGATIVE_INFINITY ? MASKED
                        : Double.isNaN(v) || v == Double.POSITIVE_INFINITY ? INVALID
                        : map.argb((v - lo) / span);
            }
        }
    }

    /** The finite range of m (and whether it has masked cells), computed once per matrix. */
    private double[] stats(Matrix m) {
        if (statsOf != m) {
            // one pass for both, comparisons rather than Math.min/max (this runs on the FX thread
            // for every 512×512 result)
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean masked = false;
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    double x = m.get(i, j);
                    if (x - x == 0) { // finite
                        if (x < lo) {
                            lo = x;
                        }
                        if (x > hi) {
                            hi = x;
                        }
                    } else if (x == Double.NEGATIVE_INFINITY) {
                        masked = true;
                    }
                }
            }
            statsRange = lo > hi ? new double[] {0, 0} : new double[] {lo, hi};
            statsMasked = masked;
            statsOf = m;
        }
        return statsRange.clone();
    }

    /** Fills the image pixel by pixel from the per-cell colours: one pass, no nodes. */
    private void drawImage(Geometry g) {
        int w = (int) Math.max(1, g.plotW);
        int h = (int) Math.max(1, g.plotH);
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
        }
        int[] colIdx = new int[w];
        boolean[] colEdge = new boolean[w];
        for (int x = 0; x < w; x++) {
            colIdx[x] = Math.min(g.cols - 1, (int) (x / g.cell));
            colEdge[x] = x > 0 && colIdx[x] != colIdx[x - 1];
        }
        boolean grid = g.cell >= 12 && g.cellH >= 12;
        // a 2-pixel separator at the start of every block of columns (after the first)
        boolean[] groupEdge = new boolean[w];
        int group = columnGroup.get();
        if (group > 0) {
            int start = 0;
            for (int x = 0; x < w; x++) {
                if (colEdge[x]) {
                    start = x;
                }
                groupEdge[x] = colIdx[x] > 0 && colIdx[x] % group == 0 && x - start < 2;
            }
        }
        if (pixels.length != w * h) {
            pixels = new int[w * h];
        }
        int prevRow = -1;
        for (int y = 0; y < h; y++) {
            int row = Math.min(g.rows - 1, (int) (y / g.cellH));
            boolean rowEdge = row != prevRow && y > 0;
            prevRow = row;
            int base = row * g.cols;
            int off = y * w;
            for (int x = 0; x < w; x++) {
                int c = cellColors[base + colIdx[x]];
                if (groupEdge[x]) {
                    c = GROUP_EDGE;
                } else if (grid && (rowEdge || colEdge[x])) {
                    c = GRID;
                } else if (c == MASKED) {
                    c = ((x + y) / 5) % 2 == 0 ? HATCH_DARK : HATCH_LIGHT;
                } else if (c == INVALID) {
                    c = Math.floorMod(Math.floorDiv(x - y, 5), 2) == 0 ? INVALID_DARK : INVALID_LIGHT;
                }
                pixels[off + x] = c;
            }
        }
        // every pixel is opaque, so premultiplied is the same colour and spares JavaFX a conversion
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
    }
}

package org.attentionlab.ui;

import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.attentionlab.ui.widgets.ColorMap;

/**
 * How everything looks, shared by the shell and every view: the root font size (presenter mode
 * scales it, and with it every label and every heatmap cell), the high-contrast theme and the two
 * colour maps. One instance, made by the composition root.
 */
public final class Appearance {

    public static final double DEFAULT_FONT_SIZE = 18;
    public static final double MIN_FONT_SIZE = 10;
    public static final double MAX_FONT_SIZE = 48;
    private static final double STEP = 1.15;

    private final DoubleProperty fontSize = new SimpleDoubleProperty(this, "fontSize", DEFAULT_FONT_SIZE);
    private final BooleanProperty highContrast = new SimpleBooleanProperty(this, "highContrast", false);
    private final ObjectProperty<ColorMap> sequentialMap =
            new SimpleObjectProperty<>(this, "sequentialMap", ColorMap.DEFAULT_SEQUENTIAL);
    private final ObjectProperty<ColorMap> divergingMap =
            new SimpleObjectProperty<>(this, "divergingMap", ColorMap.DEFAULT_DIVERGING);

    /** The root font size in pixels. */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public double getFontSize() {
        return fontSize.get();
    }

    public BooleanProperty highContrastProperty() {
        return highContrast;
    }

    /** The map for weights and other values in [0, 1]. */
    public ObjectProperty<ColorMap> sequentialMapProperty() {
        return sequentialMap;
    }

    /** The map for signed values, centred on 0. */
    public ObjectProperty<ColorMap> divergingMapProperty() {
        return divergingMap;
    }

    public void bigger() {
        fontSize.set(Math.min(MAX_FONT_SIZE, Math.round(fontSize.get() * STEP)));
    }

    public void smaller() {
        fontSize.set(Math.max(MIN_FONT_SIZE, Math.round(fontSize.get() / STEP)));
    }

    public void resetSize() {
        fontSize.set(DEFAULT_FONT_SIZE);
    }

    /** {@code factor} font sizes, e.g. the edge of a heatmap cell. */
    public DoubleBinding em(double factor) {
        return fontSize.multiply(factor);
    }
}

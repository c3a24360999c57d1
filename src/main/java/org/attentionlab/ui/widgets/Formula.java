package org.attentionlab.ui.widgets;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

import org.attentionlab.ui.LatestOnly;
import org.attentionlab.ui.UiExecutors;

/**
 * A LaTeX formula, drawn by the shared {@link FormulaRenderer} in the background and shown as an
 * image. Its size and colour follow the stylesheet: style class {@code formula} (colour
 * {@code -al-formula}, the root font size, which presenter mode scales), times {@link #scaleProperty()}.
 * A formula wider than the node's max width is shown smaller to fit (the image is drawn at 3×, so
 * it stays sharp). A formula jlatexmath cannot read shows the LaTeX source and why, in the error colour, and
 * {@link #errorProperty()} says the same for tests and lesson validation.
 */
public final class Formula extends StackPane {

    private final FormulaRenderer renderer;
    private final LatestOnly requests;
    private final StringProperty latex = new SimpleStringProperty(this, "latex", "");
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1.25);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ImageView image = new ImageView();
    private final Label problem = new Label();
    /** Never shown: carries the stylesheet's colour and font size for the formula. */
    private final Label style = new Label("x");
    private FormulaRenderer.Rendered shown;

    public Formula(FormulaRenderer renderer, UiExecutors executors) {
        this.renderer = renderer;
        this.requests = new LatestOnly(executors);
        getStyleClass().add("formula-box");
        setAlignment(Pos.CENTER_LEFT);
        style.getStyleClass().add("formula");
        style.setVisible(false);
        style.setManaged(false);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        problem.getStyleClass().add("formula-error");
        problem.setWrapText(true);
        problem.setVisible(false);
        getChildren().addAll(style, image, problem);
        latex.addListener(x -> redraw());
        scale.addListener(x -> redraw());
        maxWidthProperty().addListener(x -> fit());
        style.textFillProperty().addListener(x -> redraw());
        style.fontProperty().addListener(x -> redraw());
    }

    public Formula(FormulaRenderer renderer, UiExecutors executors, String initial) {
        this(renderer, executors);
        latex.set(initial);
    }

    /** The LaTeX source; empty shows nothing. */
    public StringProperty latexProperty() {
        return latex;
    }

    public String getLatex() {
        return latex.get();
    }

    public void setLatex(String value) {
        latex.set(value == null ? "" : value);
    }

    /** The formula's body size relative to the text around it. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    /** Why the formula could not be drawn, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The image shown (for tests). */
    public ImageView imageView() {
        return image;
    }

    private void redraw() {
        String source = latex.get() == null ? "" : latex.get();
        if (source.isBlank()) {
            requests.submit(() -> null, r -> show(null), e -> { });
            return;
        }
        double px = style.getFont().getSize() * scale.get();
        int argb = argb(style.getTextFill());
        requests.submit(() -> renderer.render(source, px, argb), this::show, e -> {
            image.setImage(null);
            error.set(e.getMessage());
            problem.setText(e.getMessage());
            problem.setVisible(true);
        });
    }

    private void show(FormulaRenderer.Rendered r) {
        error.set("");
        problem.setVisible(false);
        shown = r;
        if (r == null) {
            image.setImage(null);
            image.setFitWidth(0);
            image.setFitHeight(0);
            return;
        }
        image.setImage(r.image());
        fit();
    }

    /** The formula as drawn, or smaller when it is wider than this node's max width (a narrow panel). */
    private void fit() {
        FormulaRenderer.Rendered r = shown;
        if (r == null) {
            return;
        }
        double w = r.width();
        double h = r.height();
        double max = getMaxWidth();
        if (max > 0 && max < Double.MAX_VALUE && w > max) {
            h *= max / w;
            w = max;
        }
        image.setFitWidth(w);
        image.setFitHeight(h);
    }

    private static int argb(Paint paint) {
        Color c = paint instanceof Color col ? col : Color.BLACK;
        return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }
}

package org.attentionlab.ui.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.FlowPane;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;

/**
 * The named panels of a view that a lesson step may show, hide and reorder (the common state key
 * {@code panels}), laid out in a {@link FlowPane}, and the view's {@code zoom}: sizes from
 * {@link #em(double)} follow both the presenter's font size and the zoom, and the panels' text is
 * zoomed through their font size. The panel called {@code controls} is not in the flow: the view
 * places it (usually on the left) and asks {@link #controlsShownProperty()}.
 */
public final class LessonPanels {

    public static final String CONTROLS = "controls";

    private final Appearance appearance;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final Map<String, Node> panels = new LinkedHashMap<>();
    private final FlowPane flow = new FlowPane();
    private final ReadOnlyObjectWrapper<List<String>> shown = new ReadOnlyObjectWrapper<>(this, "shown", List.of());
    private final ReadOnlyObjectWrapper<Boolean> controlsShown = new ReadOnlyObjectWrapper<>(this, "controlsShown", true);

    public LessonPanels(Appearance appearance) {
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        flow.getStyleClass().add("lesson-panels");
        flow.hgapProperty().bind(em(0.8));
        flow.vgapProperty().bind(em(0.8));
        flow.paddingProperty().bind(Bindings.createObjectBinding(() -> new Insets(em(0.8).get()),
                appearance.fontSizeProperty(), zoom));
        flow.setAlignment(Pos.TOP_LEFT);
        flow.setRowValignment(javafx.geometry.VPos.TOP);
        // text inside the panels zooms with the view (em sizes are relative to this)
        flow.styleProperty().bind(Bindings.createStringBinding(
                () -> String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", appearance.getFontSize() * zoom.get()),
                appearance.fontSizeProperty(), zoom));
    }

    /** Adds a panel under its lesson name; panels show in the order added until {@link #show} says otherwise. */
    public void add(String name, Node panel) {
        panels.put(name, panel);
        show(null);
    }

    /** The flow holding the visible panels (the view's export node). */
    public FlowPane flow() {
        return flow;
    }

    /** The view's zoom, 1 = normal. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** {@code factor} font sizes at the current zoom. */
    public DoubleBinding em(double factor) {
        return appearance.fontSizeProperty().multiply(zoom).multiply(factor);
    }

    /**
     * Takes a lesson step's common keys: {@code panels} (shown in that order; absent = all) and
     * {@code zoom} (absent = 1).
     */
    public void apply(StateMap state) {
        show(state.texts("panels").orElse(null));
        zoom.set(state.number("zoom").orElse(1.0));
    }

    /**
     * Shows these panels in this order (null = all, in the order added); unknown names are
     * ignored (the lesson loader has already checked them).
     */
    public void show(List<String> names) {
        List<String> order = new ArrayList<>();
        if (names == null) {
            order.addAll(panels.keySet());
            order.add(CONTROLS);
        } else {
            for (String n : names) {
                if ((panels.containsKey(n) || n.equals(CONTROLS)) && !order.contains(n)) {
                    order.add(n);
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (String n : order) {
            if (panels.containsKey(n)) {
                nodes.add(panels.get(n));
            }
        }
        flow.getChildren().setAll(nodes);
        shown.set(List.copyOf(order));
        controlsShown.set(order.contains(CONTROLS));
    }

    /** The names shown, in order (including {@code controls} when shown). */
    public ReadOnlyObjectProperty<List<String>> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Boolean> controlsShownProperty() {
        return controlsShown.getReadOnlyProperty();
    }
}

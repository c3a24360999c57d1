package org.attentionlab.ui.lessons;

import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.shell.LessonView;

/**
 * The player's page and the step panel's placement. The page shows the library; for a text
 * step (or a step whose view is missing) it shows the step panel in the middle, at reading
 * width. For a step with a view, the shell shows that view's page and the step panel is docked
 * beside it ({@code dock}). While a question waits for the student's prediction, the step's view
 * is veiled (nearly transparent: its numbers would give the answer away, its layout stays). A veil
 * rather than a blur: a blur of a full-screen view costs seconds per frame in software rendering.
 */
final class LessonsView extends StackPane {

    private final LessonPlayerViewModel vm;
    private final LibraryPane library;
    private final StepPane steps;
    private final StackPane reading = new StackPane();
    private final Consumer<Node> dock;
    /** The opacity of a veiled view: its shapes show, its numbers cannot be read. */
    static final double VEIL = 0.07;
    private Node veiled;

    LessonsView(LessonPlayerViewModel vm, LibraryPane library, StepPane steps, Appearance appearance, Consumer<Node> dock,
                javafx.beans.value.ObservableDoubleValue windowWidth) {
        this.vm = vm;
        this.library = library;
        this.steps = steps;
        this.dock = dock;
        getStyleClass().add("lessons-view");
        setId("lessons-view");
        reading.getStyleClass().add("lesson-reading");
        reading.setAlignment(Pos.TOP_CENTER);
        steps.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> reading.getChildren().contains(steps) ? appearance.getFontSize() * 52 : Double.MAX_VALUE,
                appearance.fontSizeProperty(), reading.getChildren()));
        // docked: about a third of the window, never less than 22 em of text
        steps.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> {
            double em = appearance.getFontSize();
            return Math.max(em * 22, Math.min(em * 30, windowWidth.get() * 0.34));
        }, appearance.fontSizeProperty(), windowWidth));
        vm.placementProperty().addListener(o -> place());
        vm.revealedProperty().addListener(o -> updateVeil());
        vm.viewProperty().addListener(o -> updateVeil());
        getChildren().setAll(library);
        place();
    }

    private void place() {
        switch (vm.placementProperty().get()) {
            case VIEW -> {
                reading.getChildren().clear();
                getChildren().setAll(library);
                dock.accept(steps);
            }
            case READING, MISSING -> {
                dock.accept(null);
                reading.getChildren().setAll(steps);
                getChildren().setAll(reading);
            }
            default -> {
                dock.accept(null);
                reading.getChildren().clear();
                getChildren().setAll(library);
            }
        }
        updateVeil();
    }

    private void updateVeil() {
        LessonView v = vm.viewProperty().get();
        Node target = v instanceof Node n && !vm.revealedProperty().get() ? n : null;
        if (veiled != null && veiled != target) {
            veiled.setOpacity(1);
        }
        if (target != null) {
            target.setOpacity(VEIL);
        }
        veiled = target;
    }

    /** Scrolls the step panel's text (↑/↓). */
    void scrollSteps(int lines) {
        steps.scrollLines(lines);
    }

    /** Whether the step panel is docked beside a view (else on this page or not shown). */
    boolean docked() {
        return vm.placementProperty().get() == LessonPlayerViewModel.Placement.VIEW;
    }
}

package org.attentionlab.ui;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.widgets.LessonPanels;

/**
 * The small pieces every view builds the same way — labels and buttons whose text follows the
 * language, message lines, the control panel on the left, panel cards, scroll panes, the F9
 * presenter toggle — so that they look and behave alike in every view. A view holds one (made
 * with its {@link I18n}) and asks it; nothing here keeps state of its own.
 */
public final class ViewParts {

    private final I18n i18n;

    public ViewParts(I18n i18n) {
        this.i18n = Objects.requireNonNull(i18n, "i18n");
    }

    /** A label showing {@code key} in the current language, with one style class. */
    public Label label(String key, String style) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add(style);
        return l;
    }

    /** A button showing {@code key}; an underscore in the text is text, not a mnemonic. */
    public Button button(String key) {
        Button b = new Button();
        b.setMnemonicParsing(false);
        b.textProperty().bind(i18n.text(key));
        return b;
    }

    /** A button showing {@code key} with id {@code id} that runs {@code action}, never narrower than its text. */
    public Button button(String key, String id, Runnable action) {
        Button b = button(key);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A wrapping line that says the message (following the language) and is gone while there is none. */
    public Label message(ObservableObjectValue<Message> property, String style) {
        return message(property, style, m -> m);
    }

    /** As {@link #message(ObservableObjectValue, String)}, for a value that can say itself as a message. */
    public <T> Label message(ObservableObjectValue<T> property, String style, Function<T, Message> toMessage) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            T v = property.get();
            return v == null ? "" : toMessage.apply(v).format(i18n);
        }, property, i18n.localeProperty()));
        l.visibleProperty().bind(Bindings.isNotNull(property));
        l.managedProperty().bind(Bindings.isNotNull(property));
        return l;
    }

    /**
     * A lesson panel: its title over its content, id {@code <idPrefix><last part of the title key>}
     * (e.g. {@code mask-panel-weights} for {@code mask.panel.weights}), as wide as its content.
     */
    public VBox panelCard(LessonPanels panels, String idPrefix, String titleKey, Node content) {
        VBox card = new VBox(label(titleKey, "card-title"), content);
        card.getStyleClass().add("stage-card");
        card.spacingProperty().bind(panels.em(0.3));
        card.setMaxWidth(Region.USE_PREF_SIZE);
        card.setId(idPrefix + titleKey.substring(titleKey.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        return card;
    }

    /** A 28-pixel spinner shown (and taking room) only while {@code busy}. */
    public static ProgressIndicator busyIndicator(ObservableBooleanValue busy) {
        ProgressIndicator indicator = shownWhile(busy);
        indicator.setPrefSize(28, 28);
        return indicator;
    }

    /** A spinner {@code size} wide and high, shown (and taking room) only while {@code busy}. */
    public static ProgressIndicator busyIndicator(ObservableBooleanValue busy, ObservableDoubleValue size) {
        ProgressIndicator indicator = shownWhile(busy);
        indicator.prefWidthProperty().bind(size);
        indicator.prefHeightProperty().bind(size);
        return indicator;
    }

    private static ProgressIndicator shownWhile(ObservableBooleanValue busy) {
        ProgressIndicator indicator = new ProgressIndicator();
        indicator.visibleProperty().bind(busy);
        indicator.managedProperty().bind(busy);
        return indicator;
    }

    /** The column of input controls on the left of a view, {@code width} wide. */
    public static VBox controlPanel(ObservableDoubleValue width) {
        VBox box = new VBox();
        box.getStyleClass().add("control-panel");
        box.prefWidthProperty().bind(width);
        box.maxWidthProperty().bind(width);
        return box;
    }

    /** A scroll pane of the house look that fits its content to its width. */
    public static ScrollPane scroll(Node content, String id) {
        return scroll(new ScrollPane(), content, id);
    }

    /** Gives {@code pane} (made earlier, e.g. a field others bind to) its content and the house look. */
    public static ScrollPane scroll(ScrollPane pane, Node content, String id) {
        pane.setContent(content);
        pane.setId(id);
        pane.getStyleClass().add("panel-scroll");
        pane.setFitToWidth(true);
        return pane;
    }

    /**
     * A formula that is drawn smaller rather than wider than the scroll pane it sits in (presenter
     * mode makes everything bigger), never narrower than 16 em.
     */
    public static Formula fittedFormula(Services services, LessonPanels panels, ScrollPane within, double scale) {
        Formula f = new Formula(services.formulas(), services.executors());
        f.scaleProperty().set(scale);
        f.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(panels.em(16).get(), within.getViewportBounds().getWidth() - panels.em(3).get()),
                within.viewportBoundsProperty(), services.appearance().fontSizeProperty(), panels.zoomProperty()));
        return f;
    }

    /** Presenter: F9 anywhere in {@code view} runs {@code toggle} (which gives the panels the whole width and back). */
    public static void onF9(Node view, Runnable toggle) {
        view.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F9) {
                toggle.run();
                e.consume();
            }
        });
    }

    /**
     * Puts {@code controls} on the left of {@code view} while the lesson shows the {@code controls}
     * panel; F9 takes them away and brings them back.
     */
    public static void controlsOnLeft(BorderPane view, Node controls, LessonPanels panels) {
        Runnable place = () -> view.setLeft(panels.controlsShownProperty().get() ? controls : null);
        panels.controlsShownProperty().addListener(o -> place.run());
        place.run();
        onF9(view, () -> view.setLeft(view.getLeft() == null ? controls : null));
    }
}

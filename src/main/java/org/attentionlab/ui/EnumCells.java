package org.attentionlab.ui;

import java.util.function.Function;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/**
 * Drop-down cells whose text follows the language: enum constants by their localised names (see
 * {@link EnumText}), or any item by a text the caller derives from {@link I18n} (the same cell
 * for the list and the button, so both switch language together).
 */
public final class EnumCells {

    private EnumCells() {
    }

    /** Shows {@code box}'s constants (list and button) by their localised names, live. */
    public static <E extends Enum<E>> void localise(ComboBox<E> box, I18n i18n) {
        localise(box, e -> i18n.text(EnumText.key(e)));
    }

    /**
     * Shows each item of {@code box} (list and button) by {@code text}, a binding that follows the
     * language, e.g. {@code item -> i18n.text(keyOf(item))}.
     */
    public static <T> void localise(ComboBox<T> box, Function<T, ? extends ObservableStringValue> text) {
        box.setCellFactory(list -> new Localised<>(text));
        box.setButtonCell(new Localised<>(text));
    }

    private static final class Localised<T> extends ListCell<T> {
        private final Function<T, ? extends ObservableStringValue> text;

        Localised(Function<T, ? extends ObservableStringValue> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
            } else {
                textProperty().bind(text.apply(item));
            }
        }
    }
}

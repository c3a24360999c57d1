package org.attentionlab.ui;

import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/** Drop-downs of enum constants whose names follow the language (see {@link EnumText}). */
public final class EnumCells {

    private EnumCells() {
    }

    /** Shows {@code box}'s constants (list and button) by their localised names, live. */
    public static <E extends Enum<E>> void localise(ComboBox<E> box, I18n i18n) {
        box.setCellFactory(list -> new Localised<>(i18n));
        box.setButtonCell(new Localised<>(i18n));
    }

    private static final class Localised<E extends Enum<E>> extends ListCell<E> {
        private final I18n i18n;

        Localised(I18n i18n) {
            this.i18n = i18n;
        }

        @Override
        protected void updateItem(E item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
            } else {
                textProperty().bind(i18n.text(EnumText.key(item)));
            }
        }
    }
}

package org.attentionlab.ui.shell;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;

import org.attentionlab.ui.I18n;

/** The list of keyboard shortcuts (F1), in the window's font, size and theme. */
final class KeysDialog {

    private KeysDialog() {
    }

    static void show(Scene owner, I18n i18n) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle(i18n.get("keys.title"));
        alert.setHeaderText(i18n.get("keys.title"));
        Label text = new Label(i18n.get("keys.text"));
        text.setWrapText(true);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStylesheets().setAll(owner.getStylesheets());
        if (owner.getRoot().getStyleClass().contains("high-contrast")) {
            alert.getDialogPane().getStyleClass().add("high-contrast");
        }
        if (owner.getWindow() != null) {
            alert.initOwner(owner.getWindow());
        }
        alert.show();
    }
}

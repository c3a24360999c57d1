package org.attentionlab.ui.widgets;

import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.TextField;

import org.attentionlab.ui.Message;

/**
 * A text field for one number of a view-model (a seed, a rate, a count). It commits on Enter or
 * when it loses focus; a number it cannot take keeps the old value, marks the field
 * ({@code field-error}) and says why (the view shows {@code error} under its fields), so that a
 * slip of the keyboard never loses a setting. It shows the value again whenever it changes and
 * the field is not being typed in.
 */
public final class NumberField {

    private NumberField() {
    }

    /**
     * @param shown     the value as the field shows it
     * @param commit    takes the text typed; throws {@link NumberFormatException} for text it cannot take
     * @param error     where a refusal is said: {@code errorKey} with the text typed; cleared by a commit that took
     * @param refreshOn what changes the value shown
     */
    public static TextField create(String id, int columns, Supplier<String> shown, Consumer<String> commit,
                                   ObjectProperty<Message> error, String errorKey, Observable... refreshOn) {
        TextField f = new TextField(shown.get());
        f.setId(id);
        f.setPrefColumnCount(columns);
        Runnable apply = () -> {
            try {
                commit.accept(f.getText());
                f.getStyleClass().remove("field-error");
                error.set(null);
            } catch (NumberFormatException e) {
                if (!f.getStyleClass().contains("field-error")) {
                    f.getStyleClass().add("field-error");
                }
                error.set(Message.of(errorKey, f.getText()));
            }
            f.setText(shown.get());
        };
        f.setOnAction(e -> apply.run());
        f.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                apply.run();
            }
        });
        for (Observable o : refreshOn) {
            o.addListener(x -> {
                if (!f.isFocused()) {
                    f.setText(shown.get());
                }
            });
        }
        return f;
    }
}

package org.attentionlab.ui.widgets;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;

/**
 * A {@link PropertySheet} editor for a whole-number setting: a spinner that only offers the
 * setting's valid range, so an impossible number cannot be typed. Typed text is committed on
 * Enter or when focus leaves the field; text that is not a whole number is replaced by the
 * current value again.
 */
public final class IntSpinnerEditor extends AbstractPropertyEditor<Integer, Spinner<Integer>> {

    /** @param id the spinner's node id (for tests and the stylesheet), or null for none */
    public IntSpinnerEditor(PropertySheet.Item item, int min, int max, String id) {
        super(item, spinner((Integer) item.getValue(), min, max, id));
    }

    private static Spinner<Integer> spinner(Integer value, int min, int max, String id) {
        Spinner<Integer> s = new Spinner<>();
        s.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value));
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        if (id != null) {
            s.setId(id);
        }
        s.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commit(s);
            }
        });
        return s;
    }

    private static void commit(Spinner<Integer> s) {
        try {
            s.getValueFactory().setValue(Integer.parseInt(s.getEditor().getText().strip()));
        } catch (NumberFormatException e) {
            // not a whole number: the current value is shown again below
        }
        s.getEditor().setText(String.valueOf(s.getValue()));
    }

    @Override
    protected ObservableValue<Integer> getObservableValue() {
        return getEditor().valueProperty();
    }

    @Override
    public void setValue(Integer value) {
        if (value != null) {
            getEditor().getValueFactory().setValue(value);
        }
    }
}

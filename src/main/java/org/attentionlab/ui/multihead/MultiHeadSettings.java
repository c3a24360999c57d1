package org.attentionlab.ui.multihead;

import java.util.List;
import java.util.Optional;

import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;

import org.attentionlab.ui.I18n;
import org.attentionlab.ui.widgets.IntSpinnerEditor;
import org.controlsfx.control.PropertySheet;

/**
 * The random-weight model's sizes (h, d_model, layers, seed) in a ControlsFX {@link PropertySheet}
 * with spinners over each setting's valid range, so an impossible number cannot be typed (a
 * d_model that h does not divide still can: the view-model says why it refuses it). Names follow
 * the language.
 */
final class MultiHeadSettings {

    private final MultiHeadViewModel vm;
    private final I18n i18n;
    private final PropertySheet sheet = new PropertySheet();

    MultiHeadSettings(MultiHeadViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        sheet.setId("multihead-settings");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(item -> ((IntItem) item).editor());
        rebuild();
        i18n.localeProperty().addListener(x -> rebuild());
    }

    PropertySheet node() {
        return sheet;
    }

    private void rebuild() {
        sheet.getItems().setAll(List.of(
                new IntItem("multihead.setting.heads", vm.headsProperty().asObject(), 1, MultiHeadViewModel.MAX_HEADS),
                new IntItem("multihead.setting.dModel", vm.dModelProperty().asObject(), 1, MultiHeadViewModel.MAX_DIM),
                new IntItem("multihead.setting.layers", vm.layersProperty().asObject(), 1, MultiHeadViewModel.MAX_LAYERS),
                new IntItem("multihead.setting.seed", vm.seedProperty().asObject(), 0, Integer.MAX_VALUE)));
    }

    /** A whole-number setting with its range, a localised name and help text ({@code key + ".help"}). */
    private final class IntItem implements PropertySheet.Item {
        private final String key;
        private final Property<Integer> property;
        private final int min;
        private final int max;

        IntItem(String key, Property<Integer> property, int min, int max) {
            this.key = key;
            this.property = property;
            this.min = min;
            this.max = max;
        }

        @Override
        public Class<?> getType() {
            return Integer.class;
        }

        @Override
        public String getCategory() {
            return i18n.get("multihead.settings");
        }

        @Override
        public String getName() {
            return i18n.get(key);
        }

        @Override
        public String getDescription() {
            return i18n.get(key + ".help");
        }

        @Override
        public Object getValue() {
            return property.getValue();
        }

        @Override
        public void setValue(Object value) {
            if (value instanceof Integer i) {
                property.setValue(i);
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(property);
        }

        IntSpinnerEditor editor() {
            return new IntSpinnerEditor(this, min, max, "multihead-setting-" + key.substring(key.lastIndexOf('.') + 1));
        }
    }
}

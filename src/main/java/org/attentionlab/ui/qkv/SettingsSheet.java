package org.attentionlab.ui.qkv;

import java.util.List;
import java.util.Optional;

import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;

import org.attentionlab.engine.Precision;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.widgets.IntSpinnerEditor;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The model settings of the Q/K/V view in a ControlsFX {@link PropertySheet}: whole numbers get
 * spinners with their valid range (so a bad value cannot be typed), choices get drop-downs with
 * localised names. Names follow the language: the items are rebuilt when it changes.
 */
final class SettingsSheet {

    private final QkvViewModel vm;
    private final I18n i18n;
    private final PropertySheet sheet = new PropertySheet();

    SettingsSheet(QkvViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        sheet.setId("qkv-settings");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        DefaultPropertyEditorFactory fallback = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> {
            if (item instanceof IntItem i) {
                return new IntSpinnerEditor(i, i.min, i.max, null);
            }
            if (item instanceof ChoiceItem<?> c) {
                return c.editor();
            }
            return fallback.call(item);
        });
        rebuild();
        i18n.localeProperty().addListener(x -> rebuild());
    }

    PropertySheet node() {
        return sheet;
    }

    private void rebuild() {
        sheet.getItems().setAll(List.of(
                new IntItem("qkv.setting.dModel", "qkv.setting.dModel.help", vm.dModelProperty().asObject(), 1,
                        QkvViewModel.MAX_DIM),
                new IntItem("qkv.setting.heads", "qkv.setting.heads.help", vm.headsProperty().asObject(), 1,
                        QkvViewModel.MAX_HEADS),
                new IntItem("qkv.setting.dK", "qkv.setting.dK.help", vm.dKProperty().asObject(), 1,
                        QkvViewModel.MAX_DIM),
                new IntItem("qkv.setting.head", "qkv.setting.head.help", vm.headProperty().asObject(), 1,
                        QkvViewModel.MAX_HEADS),
                new ChoiceItem<>("qkv.setting.weightInit", "qkv.setting.weightInit.help",
                        QkvViewModel.WeightInit.class, vm.weightInitProperty()),
                new IntItem("qkv.setting.seed", "qkv.setting.seed.help", vm.seedProperty().asObject(), 0,
                        Integer.MAX_VALUE),
                new BoolItem("qkv.setting.scaled", "qkv.setting.scaled.help", vm.scaledProperty()),
                new ChoiceItem<>("qkv.setting.mask", "qkv.setting.mask.help", QkvViewModel.MaskKind.class,
                        vm.maskProperty()),
                new ChoiceItem<>("qkv.setting.precision", "qkv.setting.precision.help", Precision.class,
                        vm.precisionProperty())));
    }

    /** Common part of the items: localised name and description, a JavaFX property behind. */
    private abstract class Item<T> implements PropertySheet.Item {
        private final String key;
        private final String helpKey;
        final Property<T> property;

        Item(String key, String helpKey, Property<T> property) {
            this.key = key;
            this.helpKey = helpKey;
            this.property = property;
        }

        @Override
        public String getCategory() {
            return i18n.get("qkv.settings");
        }

        @Override
        public String getName() {
            return i18n.get(key);
        }

        @Override
        public String getDescription() {
            return i18n.get(helpKey);
        }

        @Override
        public Object getValue() {
            return property.getValue();
        }

        @Override
        @SuppressWarnings("unchecked") // the sheet hands back a value of getType()
        public void setValue(Object value) {
            if (value != null) {
                property.setValue((T) value);
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(property);
        }
    }

    private final class IntItem extends Item<Integer> {
        final int min;
        final int max;

        IntItem(String key, String helpKey, Property<Integer> property, int min, int max) {
            super(key, helpKey, property);
            this.min = min;
            this.max = max;
        }

        @Override
        public Class<?> getType() {
            return Integer.class;
        }
    }

    private final class BoolItem extends Item<Boolean> {
        BoolItem(String key, String helpKey, Property<Boolean> property) {
            super(key, helpKey, property);
        }

        @Override
        public Class<?> getType() {
            return Boolean.class;
        }
    }

    private final class ChoiceItem<E extends Enum<E>> extends Item<E> {
        private final Class<E> type;

        ChoiceItem(String key, String helpKey, Class<E> type, Property<E> property) {
            super(key, helpKey, property);
            this.type = type;
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        PropertyEditor<?> editor() {
            ComboBox<E> box = new ComboBox<>(FXCollections.observableArrayList(type.getEnumConstants()));
            EnumCells.localise(box, i18n);
            box.setMaxWidth(Double.MAX_VALUE);
            return new AbstractPropertyEditor<E, ComboBox<E>>(this, box) {
                @Override
                protected ObservableValue<E> getObservableValue() {
                    return getEditor().valueProperty();
                }

                @Override
                public void setValue(E value) {
                    getEditor().setValue(value);
                }
            };
        }
    }
}

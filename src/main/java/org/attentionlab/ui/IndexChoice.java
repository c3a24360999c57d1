package org.attentionlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.value.ObservableIntegerValue;
import javafx.scene.control.ComboBox;

/**
 * A drop-down of a model's layers or heads, counted from 1 in the language shown (the heads
 * optionally led by "the mean of the heads", item −1). It shows what the view-model shows — its
 * {@code shown} index, which may differ from the one asked for when that does not exist — and a
 * pick asks the view-model for it through {@code wanted}. The items follow the model: they are
 * refilled when one of the {@code changes} fires.
 */
public final class IndexChoice {

    private IndexChoice() {
    }

    /**
     * Layers 0 … count − 1, shown as {@code numberKey} with the layer from 1; empty (no value)
     * while there are none.
     */
    public static ComboBox<Integer> layers(String id, I18n i18n, String numberKey, IntSupplier count,
                                           ObservableIntegerValue shown, IntegerProperty wanted, Observable... changes) {
        return choice(id, i18n, numberKey, null, count, shown, wanted, changes);
    }

    /** The mean (−1, shown as {@code meanKey}), then heads 0 … count − 1 shown as {@code numberKey} with the head from 1. */
    public static ComboBox<Integer> heads(String id, I18n i18n, String numberKey, String meanKey, IntSupplier count,
                                          ObservableIntegerValue shown, IntegerProperty wanted, Observable... changes) {
        return choice(id, i18n, numberKey, meanKey, count, shown, wanted, changes);
    }

    private static ComboBox<Integer> choice(String id, I18n i18n, String numberKey, String meanKey, IntSupplier count,
                                            ObservableIntegerValue shown, IntegerProperty wanted, Observable... changes) {
        ComboBox<Integer> box = new ComboBox<>();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        EnumCells.localise(box, item -> Bindings.createStringBinding(
                () -> item < 0 ? i18n.get(meanKey) : i18n.format(numberKey, item + 1), i18n.localeProperty()));
        Runnable fill = () -> {
            int n = count.getAsInt();
            List<Integer> items = new ArrayList<>();
            if (meanKey != null) {
                items.add(-1);
            }
            for (int i = 0; i < n; i++) {
                items.add(i);
            }
            if (!box.getItems().equals(items)) {
                box.getItems().setAll(items);
            }
            box.setValue(meanKey == null && n == 0 ? null : shown.get());
        };
        for (Observable o : changes) {
            o.addListener(x -> fill.run());
        }
        shown.addListener(x -> fill.run());
        fill.run();
        box.valueProperty().addListener((obs, old, now) -> {
            if (now != null && now != shown.get()) {
                wanted.set(now);
            }
        });
        return box;
    }
}

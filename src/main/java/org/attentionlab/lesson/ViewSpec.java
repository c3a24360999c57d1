package org.attentionlab.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A view a lesson step may show: its name, the state keys it understands and the panels a teacher
 * may show or hide with {@code panels}.
 *
 * @param name        as written in {@code view:}
 * @param description one line
 * @param keys        the view's own state keys (the keys common to all views are added by {@link ViewCatalog})
 * @param panels      the panels of this view that {@code panels} may name
 */
public record ViewSpec(String name, String description, List<Key> keys, List<String> panels) {

    public ViewSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        keys = List.copyOf(keys);
        panels = List.copyOf(panels);
        Map<String, Key> seen = new LinkedHashMap<>();
        for (Key k : keys) {
            if (seen.put(k.name(), k) != null) {
                throw new IllegalArgumentException("view '" + name + "' declares state key '" + k.name() + "' twice");
            }
        }
    }

    public Optional<Key> key(String keyName) {
        return keys.stream().filter(k -> k.name().equals(keyName)).findFirst();
    }

    public List<String> keyNames() {
        return keys.stream().map(Key::name).toList();
    }
}

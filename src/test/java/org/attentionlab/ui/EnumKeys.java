package org.attentionlab.ui;

import java.util.ArrayList;
import java.util.List;

/** Message keys that enums build from their names (so the source scan cannot see them). */
final class EnumKeys {

    private EnumKeys() {
    }

    static List<String> all() {
        List<String> keys = new ArrayList<>();
        return keys;
    }
}

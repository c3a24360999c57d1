package org.attentionlab.ui;

import java.util.Locale;

/** Message keys for enum constants shown to the user: {@code enum.<type>.<constant>}, lower case. */
public final class EnumText {

    private EnumText() {
    }

    /** E.g. {@code MaskKind.CAUSAL} → {@code "enum.maskkind.causal"}. */
    public static String key(Enum<?> value) {
        return "enum." + value.getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT) + "."
                + value.name().toLowerCase(Locale.ROOT);
    }
}

package org.attentionlab.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;

/** Lesson states for view-model tests, written as a lesson writes them: key, value, key, value … */
public final class LessonStates {

    private LessonStates() {
    }

    /** Texts, whole numbers (int or long) and numbers (double) as a step's YAML would give them. */
    public static StateMap of(Object... keysAndValues) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            StateValue value;
            if (v instanceof String s) {
                value = new StateValue.Text(s);
            } else if (v instanceof Integer || v instanceof Long) {
                value = new StateValue.Int(((Number) v).longValue());
            } else if (v instanceof Double x) {
                value = new StateValue.Num(x);
            } else {
                throw new IllegalArgumentException("no lesson value for " + v);
            }
            m.put((String) keysAndValues[i], value);
        }
        return StateMap.of(m);
    }
}

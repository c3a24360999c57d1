package org.attentionlab.ui.shell;

import javafx.beans.property.ReadOnlyBooleanProperty;

import org.attentionlab.lesson.StateMap;

/**
 * A view that a lesson step can drive (and that the {@code export} command and lesson screenshots
 * set up the same way). The lesson player looks the view up by {@link #lessonViewName()} — the name
 * in {@link org.attentionlab.lesson.ViewCatalog} — and hands it the step's complete state.
 */
public interface LessonView {

    /** The view's name in the lesson format: {@code qkv}, {@code multihead}, {@code pe}, … */
    String lessonViewName();

    /**
     * Shows the complete state of a lesson step, on the FX thread. Keys absent from {@code state}
     * take the view's defaults, so the same state always gives the same picture and going back a
     * step restores it exactly. This includes the common keys {@code panels} (show only these
     * panels, in this order; absent = all) and {@code zoom}. The loader has already checked types
     * and ranges; a value that is valid but cannot be shown (d_model not divisible by heads) goes
     * to the view's own error display and is never thrown. May start background work: watch
     * {@link #busyProperty()}.
     */
    void applyLessonState(StateMap state);

    /** True while the view is still computing what the last state asked for. */
    ReadOnlyBooleanProperty busyProperty();
}

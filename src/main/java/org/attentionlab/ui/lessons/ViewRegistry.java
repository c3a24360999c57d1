package org.attentionlab.ui.lessons;

import java.util.Optional;

import org.attentionlab.ui.shell.LessonView;

/**
 * Where the lesson player finds the views that lesson steps drive and how it brings one to the
 * front. The app's implementation is {@link ShellViews} (the shell's pages); tests pass their own.
 */
public interface ViewRegistry {

    /** The view a step names ({@code qkv}, {@code mask}, …), or empty when this build has none. */
    Optional<LessonView> find(String viewName);

    /** Brings {@code view} to the front (the shell shows its page). */
    void show(LessonView view);

    /** Brings the player's own page to the front (the library, text-only steps, steps whose view is missing). */
    void showPlayer();
}

package org.attentionlab.ui.lessons;

import java.util.Objects;
import java.util.Optional;

import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.shell.Page;
import org.attentionlab.ui.shell.ShellViewModel;

/**
 * The shell's pages as the player's {@link ViewRegistry}: the view of a step is the page whose
 * view is a {@link LessonView} of that name, and showing it selects that page. A page whose id is
 * the view's name is tried first, so that finding a view does not build every other page; a view
 * registered under another page id is still found (at the cost of building the pages before it).
 */
public final class ShellViews implements ViewRegistry {

    private final ShellViewModel shell;
    private final String playerPageId;

    public ShellViews(ShellViewModel shell, String playerPageId) {
        this.shell = Objects.requireNonNull(shell, "shell");
        this.playerPageId = Objects.requireNonNull(playerPageId, "playerPageId");
    }

    @Override
    public Optional<LessonView> find(String viewName) {
        for (Page p : shell.pages()) {
            if (p.id().equals(viewName) && p.view() instanceof LessonView v && v.lessonViewName().equals(viewName)) {
                return Optional.of(v);
            }
        }
        for (Page p : shell.pages()) {
            if (!p.id().equals(playerPageId) && p.view() instanceof LessonView v && v.lessonViewName().equals(viewName)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public void show(LessonView view) {
        for (Page p : shell.pages()) {
            if (p.view() == view) {
                shell.selectedPageProperty().set(p);
                return;
            }
        }
    }

    @Override
    public void showPlayer() {
        shell.show(playerPageId);
    }
}

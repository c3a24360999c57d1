package org.attentionlab.ui.shell;

import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.attentionlab.engine.BackendInfo;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.UiExecutors;

/**
 * The main window's state: which page is shown, the language, presenter settings (full screen,
 * font size, high contrast) and the ND4J backend line of the status bar, loaded in the background
 * because the first call loads ND4J's natives.
 */
public final class ShellViewModel {

    /** Where the backend line stands. */
    public enum BackendState { LOADING, READY, FAILED }

    private static final Logger LOG = Logger.getLogger(ShellViewModel.class.getName());

    private final I18n i18n;
    private final Appearance appearance;
    private final EngineService engine;
    private final UiExecutors executors;
    private final List<Page> pages;
    private final ObjectProperty<Page> selectedPage = new SimpleObjectProperty<>(this, "selectedPage");
    private final BooleanProperty fullScreen = new SimpleBooleanProperty(this, "fullScreen");
    private final ReadOnlyObjectWrapper<BackendState> backendState =
            new ReadOnlyObjectWrapper<>(this, "backendState", BackendState.LOADING);
    private final ReadOnlyObjectWrapper<BackendInfo> backend = new ReadOnlyObjectWrapper<>(this, "backend");
    private final ReadOnlyStringWrapper backendError = new ReadOnlyStringWrapper(this, "backendError", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public ShellViewModel(I18n i18n, Appearance appearance, EngineService engine, UiExecutors executors,
                          List<Page> pages) {
        this.i18n = i18n;
        this.appearance = appearance;
        this.engine = engine;
        this.executors = executors;
        this.pages = List.copyOf(pages);
        if (!this.pages.isEmpty()) {
            selectedPage.set(this.pages.get(0));
        }
    }

    public I18n i18n() {
        return i18n;
    }

    public Appearance appearance() {
        return appearance;
    }

    /** Where work runs (background writes of exported files, too). */
    public UiExecutors executors() {
        return executors;
    }

    /** The pages of the navigation list, in order. */
    public List<Page> pages() {
        return pages;
    }

    public ObjectProperty<Page> selectedPageProperty() {
        return selectedPage;
    }

    /** Shows the page with this id; false when there is none. */
    public boolean show(String pageId) {
        for (Page p : pages) {
            if (p.id().equals(pageId)) {
                selectedPage.set(p);
                return true;
            }
        }
        return false;
    }

    public BooleanProperty fullScreenProperty() {
        return fullScreen;
    }

    public void toggleFullScreen() {
        fullScreen.set(!fullScreen.get());
    }

    public void toggleHighContrast() {
        appearance.highContrastProperty().set(!appearance.highContrastProperty().get());
    }

    public void setLanguage(Locale locale) {
        i18n.setLocale(locale);
    }

    public ReadOnlyObjectProperty<BackendState> backendStateProperty() {
        return backendState.getReadOnlyProperty();
    }

    /** The running backend once known, else null. */
    public ReadOnlyObjectProperty<BackendInfo> backendProperty() {
        return backend.getReadOnlyProperty();
    }

    /** Why ND4J did not load, when it did not. */
    public ReadOnlyStringProperty backendErrorProperty() {
        return backendError.getReadOnlyProperty();
    }

    /**
     * A message the user should see once (a settings file set aside, an input truncated): shown in
     * a bar above the content until dismissed. Call on the FX thread.
     */
    public void showNotice(String message) {
        notice.set(message == null ? "" : message);
    }

    public void dismissNotice() {
        notice.set("");
    }

    /** The notice shown, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Asks the engine which backend runs, in the background; the FX thread does not wait. */
    public void loadBackend() {
        backendState.set(BackendState.LOADING);
        executors.background().execute(() -> {
            try {
                BackendInfo info = engine.backend();
                executors.fx().execute(() -> {
                    backend.set(info);
                    backendState.set(BackendState.READY);
                });
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "ND4J backend did not load", e);
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                executors.fx().execute(() -> {
                    backendError.set(message);
                    backendState.set(BackendState.FAILED);
                });
            }
        });
    }
}

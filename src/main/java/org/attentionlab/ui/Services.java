package org.attentionlab.ui;

import java.util.Objects;

import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * What the composition root hands to view-models and views: the strings, the appearance, the
 * engine, where work runs, the formula renderer and the user's settings. One instance per window;
 * nothing in the UI reaches for a global instead.
 */
public record Services(I18n i18n, Appearance appearance, EngineService engine, UiExecutors executors,
                       FormulaRenderer formulas, SettingsStore settings) {

    public Services {
        Objects.requireNonNull(i18n, "i18n");
        Objects.requireNonNull(appearance, "appearance");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(executors, "executors");
        Objects.requireNonNull(formulas, "formulas");
        Objects.requireNonNull(settings, "settings");
    }

    /** Settings in memory only and formulas drawn with the given CJK family (tests). */
    public static Services inMemory(I18n i18n, Appearance appearance, EngineService engine, UiExecutors executors,
                                    String cjkFamily) {
        return new Services(i18n, appearance, engine, executors, new FormulaRenderer(cjkFamily), SettingsStore.inMemory());
    }
}

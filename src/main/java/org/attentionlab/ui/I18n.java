package org.attentionlab.ui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.logging.Logger;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The UI's strings in the current language, switchable live. One instance, created by the
 * composition root and handed to whoever needs it (no static locale). Strings live in
 * {@code messages_en.properties} and {@code messages_zh_CN.properties} next to this class; a test
 * checks both have the same keys and that every key the code asks for exists.
 *
 * <p>{@link #get} returns the text as written; {@link #format} runs it through
 * {@link MessageFormat} (so only those texts need {@code ''} for an apostrophe).
 */
public final class I18n {

    /** The languages the app ships, in menu order. */
    public static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    static final String BUNDLE = "org.attentionlab.ui.messages";

    private static final Logger LOG = Logger.getLogger(I18n.class.getName());

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(this, "locale");
    private ResourceBundle bundle;
    private Locale bundleLocale;

    public I18n(Locale initial) {
        locale.set(supported(initial));
    }

    /** The supported language closest to {@code system}: Chinese for any zh locale, else English. */
    public static Locale supported(Locale system) {
        return system != null && "zh".equals(system.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale getLocale() {
        return locale.get();
    }

    /** Switches the language; every binding from {@link #text} updates at once. */
    public void setLocale(Locale value) {
        locale.set(supported(value));
    }

    /** The text for {@code key}; a missing key shows as ⟦key⟧ (and fails a test) rather than crashing. */
    public String get(String key) {
        try {
            return bundle().getString(key);
        } catch (MissingResourceException e) {
            LOG.warning(() -> "missing UI string '" + key + "' for " + locale.get());
            return "⟦" + key + "⟧";
        }
    }

    /** The text for {@code key} with {@code {0}}, {@code {1}}… replaced by {@code args}. */
    public String format(String key, Object... args) {
        return new MessageFormat(get(key), locale.get()).format(args);
    }

    /** A binding that follows the language. */
    public StringBinding text(String key) {
        return Bindings.createStringBinding(() -> get(key), locale);
    }

    /**
     * A binding that follows the language and the given observables; {@code args} is asked again
     * whenever either changes.
     */
    public StringBinding textFormat(String key, java.util.function.Supplier<Object[]> args, Observable... dependencies) {
        Observable[] deps = new Observable[dependencies.length + 1];
        deps[0] = locale;
        System.arraycopy(dependencies, 0, deps, 1, dependencies.length);
        return Bindings.createStringBinding(() -> format(key, args.get()), deps);
    }

    /**
     * The bundle of the current locale, loaded when first asked for: bindings re-evaluate as soon as
     * the locale is invalidated, before any change listener could swap a cached bundle.
     */
    private ResourceBundle bundle() {
        Locale now = locale.get();
        if (bundle == null || !now.equals(bundleLocale)) {
            bundle = load(now);
            bundleLocale = now;
        }
        return bundle;
    }

    static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, Objects.requireNonNull(locale, "locale"),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}

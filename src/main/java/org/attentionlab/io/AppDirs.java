package org.attentionlab.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps what belongs to the user: settings, lesson progress, autosaved work and
 * logs. One folder per OS convention: {@code %APPDATA%\AttentionLab} on Windows,
 * {@code ~/Library/Application Support/AttentionLab} on macOS, {@code $XDG_DATA_HOME/attention-lab}
 * (default {@code ~/.local/share/attention-lab}) elsewhere. The system property
 * {@code attentionlab.home} overrides it (tests point it at a temporary folder).
 */
public final class AppDirs {

    public static final String OVERRIDE_PROPERTY = "attentionlab.home";

    private final Path root;

    public AppDirs(Path root) {
        this.root = root;
    }

    /** The folder for this user and OS. */
    public static AppDirs forCurrentUser() {
        return new AppDirs(resolve(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home", "."),
                System.getProperty(OVERRIDE_PROPERTY)));
    }

    static Path resolve(String osName, Map<String, String> env, String home, String override) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : Path.of(home, "AppData", "Roaming")).resolve("AttentionLab");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "AttentionLab");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("attention-lab");
    }

    public Path root() {
        return root;
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path settings() {
        return root.resolve("settings.json");
    }

    /** Lessons the user wrote or imported, and their progress. */
    public Path userLessons() {
        return root.resolve("lessons");
    }
}

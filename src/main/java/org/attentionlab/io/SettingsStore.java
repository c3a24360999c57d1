package org.attentionlab.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The user's settings and lesson progress: flat keys ({@code "appearance.fontSize"},
 * {@code "lesson.cross-attention.step"}) with text, number or true/false values, kept in one JSON
 * object in a file. Saved with {@link AtomicFiles}, so a crash at any moment leaves the old or the
 * new file, never half of one. A file that cannot be read as such an object is set aside (renamed
 * to {@code NAME.corrupt-YYYYMMDD-HHMMSS}, never deleted) and the defaults are used;
 * {@link #notice()} then says what happened, for the app to show.
 *
 * <p>Thread-safe: views read and write on the FX thread, {@link #save()} may run in the background.
 */
public final class SettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** A temporary file of a save this old was left by a killed process, not by a save in progress. */
    private static final java.time.Duration STALE_TEMPORARY = java.time.Duration.ofMinutes(1);

    private final Path file;
    private final SortedMap<String, JsonNode> values = new TreeMap<>();
    private final String notice;
    private final boolean writable;
    /** Saves run one at a time, so a newer snapshot is never overwritten by an older one. */
    private final Object saveLock = new Object();

    private SettingsStore(Path file, Map<String, JsonNode> initial, String notice, boolean writable) {
        this.file = file;
        this.values.putAll(initial);
        this.notice = notice;
        this.writable = writable;
    }

    /** Settings kept only in memory (tests, and when there is nowhere to save). */
    public static SettingsStore inMemory() {
        return new SettingsStore(null, Map.of(), null, false);
    }

    /**
     * Reads {@code file}; a missing file gives empty settings. Never throws for bad content: a
     * corrupted file is set aside. A file that exists but cannot be read (permissions) is left
     * alone, the defaults are used and nothing is saved over it.
     */
    public static SettingsStore open(Path file) {
        Objects.requireNonNull(file, "file");
        AtomicFiles.removeStaleTemporaries(file, STALE_TEMPORARY);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return setAside(file, "it is larger than " + (MAX_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new SettingsStore(file, Map.of(), null, true);
        } catch (IOException e) {
            return new SettingsStore(file, Map.of(), "could not read the settings file " + file + " (" + e
                    + "); using the defaults and not saving over it", false);
        }
        Map<String, JsonNode> read = new TreeMap<>();
        try {
            JsonNode root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                return setAside(file, "it is not a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isTextual() || v.isNumber() || v.isBoolean()) {
                    read.put(e.getKey(), v);
                } else {
                    return setAside(file, "the value of '" + e.getKey() + "' is not a text, number or true/false");
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return setAside(file, "it is not valid JSON" + where + ": " + JsonErrors.plain(e));
        }
        return new SettingsStore(file, read, null, true);
    }

    private static SettingsStore setAside(Path file, String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now().format(STAMP));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return new SettingsStore(file, Map.of(), "the settings file " + file + " could not be used (" + why
                    + "); it was kept as " + aside.getFileName() + " and the defaults are used", true);
        } catch (IOException e) {
            return new SettingsStore(file, Map.of(), "the settings file " + file + " could not be used (" + why
                    + ") nor set aside (" + e + "); using the defaults and not saving over it", false);
        }
    }

    /** What went wrong when the file was opened, if anything (for a notice in the app). */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /** The file, or empty for in-memory settings. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public synchronized Optional<String> getString(String key) {
        JsonNode v = values.get(key);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    public String getString(String key, String fallback) {
        return getString(key).orElse(fallback);
    }

    /** A finite number stored under {@code key}; anything else gives {@code fallback}. */
    public synchronized double getDouble(String key, double fallback) {
        JsonNode v = values.get(key);
        return v != null && v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : fallback;
    }

    /** A whole number stored under {@code key}; anything else gives {@code fallback}. */
    public synchronized long getLong(String key, long fallback) {
        JsonNode v = values.get(key);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : fallback;
    }

    public synchronized boolean getBoolean(String key, boolean fallback) {
        JsonNode v = values.get(key);
        return v != null && v.isBoolean() ? v.asBoolean() : fallback;
    }

    public synchronized void put(String key, String value) {
        values.put(checkKey(key), TextNode.valueOf(Objects.requireNonNull(value, "value")));
    }

    public synchronized void put(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("setting '" + key + "' must be a finite number, not " + value);
        }
        values.put(checkKey(key), DoubleNode.valueOf(value));
    }

    public synchronized void put(String key, long value) {
        values.put(checkKey(key), LongNode.valueOf(value));
    }

    public synchronized void put(String key, boolean value) {
        values.put(checkKey(key), BooleanNode.valueOf(value));
    }

    public synchronized void remove(String key) {
        values.remove(key);
    }

    /** The keys that start with {@code prefix}, in order. */
    public synchronized java.util.List<String> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /**
     * Writes the settings atomically. In-memory settings, and a file that could not be read, are
     * not written.
     */
    public void save() throws IOException {
        if (!writable || file == null) {
            return;
        }
        synchronized (saveLock) {
            String text;
            synchronized (this) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                values.forEach(root::set);
                text = JSON.writeValueAsString(root) + "\n";
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, text);
        }
    }

    private static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a setting needs a non-empty key");
        }
        return key;
    }
}

package org.attentionlab.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the files the app ships in {@code assets/} (the vocabulary, corpora): first under the
 * working directory, then next to the application's jar (or classes folder) and up to two folders
 * above it. So the same lookup works from the repository root ({@code mvn javafx:run}, tests) and
 * from an unpacked distribution whose {@code assets/} sits beside {@code lib/} or the jar.
 */
public final class Assets {

    private Assets() {
    }

    /** The first existing regular file among {@link #candidates(String)}. */
    public static Optional<Path> find(String relativePath) {
        return candidates(relativePath).stream().filter(Files::isRegularFile).findFirst();
    }

    /** Every place {@link #find} looks, in order (for messages that say where it looked). */
    public static List<Path> candidates(String relativePath) {
        List<Path> tried = new ArrayList<>();
        tried.add(Path.of("").toAbsolutePath().resolve(relativePath));
        Path code = codeLocation();
        if (code != null) {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (int up = 0; up <= 2 && dir != null; up++, dir = dir.getParent()) {
                Path p = dir.resolve(relativePath);
                if (!tried.contains(p)) {
                    tried.add(p);
                }
            }
        }
        return List.copyOf(tried);
    }

    private static Path codeLocation() {
        try {
            var source = Assets.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}

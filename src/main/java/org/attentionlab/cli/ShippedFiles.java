package org.attentionlab.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a file or folder the application ships ({@code assets/…}): under the working directory
 * first, then next to the application's jar (or classes folder) and up to two folders above it,
 * so it works from the repository root and from an unpacked distribution.
 */
final class ShippedFiles {

    private ShippedFiles() {
    }

    /**
     * @param relative e.g. {@code assets/models/tiny-translator}
     * @param option   the option that overrides it, named in the error
     */
    static Path locate(String relative, String option) {
        List<Path> tried = new ArrayList<>();
        tried.add(Path.of("").toAbsolutePath().resolve(relative));
        Path code = codeLocation();
        if (code != null) {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (int up = 0; up <= 2 && dir != null; up++, dir = dir.getParent()) {
                tried.add(dir.resolve(relative));
            }
        }
        for (Path p : tried) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new BadInputException("no " + option + " given and the shipped " + relative + " was not found (looked in "
                + tried + "); pass " + option);
    }

    private static Path codeLocation() {
        try {
            var source = ShippedFiles.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}

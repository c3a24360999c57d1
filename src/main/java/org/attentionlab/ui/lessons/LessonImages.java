package org.attentionlab.ui.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import javafx.scene.image.Image;

import org.attentionlab.io.ImageGuard;

/**
 * Reads a lesson's image (a figure, or an image in its Markdown) safely: the file must be inside
 * the lesson folder (checked again here, since the folder may have changed since it was
 * validated), and {@link ImageGuard} reads its header before anything is decoded (its bytes and
 * sides within limits); a figure may have at most {@link #MAX_PIXELS} pixels, so that a hostile or careless file cannot
 * exhaust memory. Nothing is fetched from the network. Safe to call off the FX thread.
 */
final class LessonImages {

    static final long MAX_PIXELS = 40_000_000L;

    /** An image, or why there is none (in English; the view prefixes a localised line). */
    record Loaded(Image image, String problem) {
        Loaded {
            if ((image == null) == (problem == null)) {
                throw new IllegalArgumentException("an image or a problem, not both");
            }
        }
    }

    private LessonImages() {
    }

    /**
     * Loads {@code relative} from {@code folder}, scaled down to at most {@code maxWidth} pixels
     * wide (0 = as it is).
     */
    static Loaded load(Path folder, String relative, double maxWidth) {
        Objects.requireNonNull(folder, "folder");
        if (relative == null || relative.isBlank()) {
            return new Loaded(null, "no file named");
        }
        if (relative.matches("(?i)[a-z][a-z0-9+.-]*:.*") || relative.startsWith("//")) {
            return new Loaded(null, "'" + relative + "' is a link; the app works offline and shows files of the lesson folder only");
        }
        if (relative.contains("\\") || relative.startsWith("/") || Path.of(relative).isAbsolute()
                || java.util.Arrays.asList(relative.split("/")).contains("..")) {
            return new Loaded(null, "'" + relative + "' is not a path inside the lesson folder");
        }
        Path file = folder.resolve(relative).normalize();
        try {
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(folder.toRealPath())) {
                return new Loaded(null, "'" + relative + "' is not a file inside the lesson folder");
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".svg")) {
                return new Loaded(null, "'" + relative + "' is an SVG drawing, which this version cannot show; save it as PNG");
            }
            // the header is read and checked (bytes, sides, pixels) before anything is decoded
            ImageGuard.Size size;
            try {
                size = ImageGuard.check(file);
            } catch (ImageGuard.RefusedImageException e) {
                return new Loaded(null, "'" + relative + "': " + e.getMessage().substring(file.toString().length() + 2));
            }
            if ((long) size.width() * size.height() > MAX_PIXELS) {
                return new Loaded(null, "'" + relative + "' is " + size.width() + " × " + size.height()
                        + " pixels; images may have at most " + MAX_PIXELS / 1_000_000 + " million pixels");
            }
            double width = maxWidth > 0 && size.width() > maxWidth ? maxWidth : 0;
            Image image;
            try (InputStream in = Files.newInputStream(file)) {
                image = new Image(in, width, 0, true, true);
            }
            if (image.isError()) {
                Exception e = image.getException();
                return new Loaded(null, "'" + relative + "' cannot be decoded" + (e == null ? "" : ": " + e.getMessage()));
            }
            return new Loaded(image, null);
        } catch (IOException | RuntimeException e) {
            return new Loaded(null, "'" + relative + "' cannot be read: " + e.getMessage());
        }
    }
}

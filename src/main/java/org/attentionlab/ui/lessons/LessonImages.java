package org.attentionlab.ui.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import javafx.scene.image.Image;

/**
 * Reads a lesson's image (a figure, or an image in its Markdown) safely: the file must be inside
 * the lesson folder (checked again here, since the folder may have changed since it was
 * validated), at most {@link #MAX_BYTES} long, and its pixel size — read from the header, before
 * anything is decoded — at most {@link #MAX_PIXELS}, so that a hostile or careless file cannot
 * exhaust memory. Nothing is fetched from the network. Safe to call off the FX thread.
 */
final class LessonImages {

    static final long MAX_BYTES = 16L * 1024 * 1024;
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
            long bytes = Files.size(file);
            if (bytes > MAX_BYTES) {
                return new Loaded(null, "'" + relative + "' is " + (bytes >> 20) + " MB; images may be at most "
                        + (MAX_BYTES >> 20) + " MB");
            }
            long[] size = pixelSize(file);
            if (size == null) {
                return new Loaded(null, "'" + relative + "' is not a PNG, JPEG or GIF image");
            }
            if (size[0] * size[1] > MAX_PIXELS) {
                return new Loaded(null, "'" + relative + "' is " + size[0] + " × " + size[1] + " pixels; images may have at most "
                        + MAX_PIXELS / 1_000_000 + " million pixels");
            }
            double width = maxWidth > 0 && size[0] > maxWidth ? maxWidth : 0;
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

    /** Width and height from the image header, without decoding the pixels; null when no reader knows the format. */
    static long[] pixelSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader r = readers.next();
                String format = r.getFormatName().toLowerCase(Locale.ROOT);
                if (!(format.equals("png") || format.equals("jpeg") || format.equals("jpg") || format.equals("gif"))) {
                    r.dispose();
                    continue;
                }
                try {
                    r.setInput(in, true, true);
                    return new long[] {r.getWidth(0), r.getHeight(0)};
                } finally {
                    r.dispose();
                }
            }
            return null;
        }
    }
}

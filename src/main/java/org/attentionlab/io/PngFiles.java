package org.attentionlab.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import javax.imageio.ImageIO;

/** PNG files, written atomically (a crash never leaves half a picture over a good one). */
public final class PngFiles {

    private PngFiles() {
    }

    /** Writes {@code image} as PNG to {@code file}, replacing it if it exists (ask the user first). */
    public static void write(Path file, BufferedImage image) throws IOException {
        Objects.requireNonNull(image, "image");
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available in this Java runtime");
            }
        });
    }
}

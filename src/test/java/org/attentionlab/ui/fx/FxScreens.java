package org.attentionlab.ui.fx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import org.testfx.util.WaitForAsyncUtils;

/** Saves a snapshot of a scene as PNG under {@code target/screenshots} (system property {@code attentionlab.screenshots}). */
public final class FxScreens {

    private FxScreens() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("attentionlab.screenshots", "target/screenshots"));
    }

    /** Snapshots {@code scene} on the FX thread and writes {@code name}.png; returns the file. */
    public static Path save(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(30, TimeUnit.SECONDS);
            BufferedImage png = SwingFXUtils.fromFXImage(image, null);
            Files.createDirectories(dir());
            Path file = dir().resolve(name + ".png");
            ImageIO.write(png, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("snapshot of " + name + " failed", e);
        }
    }
}

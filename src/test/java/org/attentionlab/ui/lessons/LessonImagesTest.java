package org.attentionlab.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A lesson's images are read only from inside its folder, and their byte and pixel sizes are
 * checked before anything is decoded. (The toolkit is started because a good image is decoded by
 * JavaFX.)
 */
@ExtendWith(ApplicationExtension.class)
class LessonImagesTest {

    static {
        // if this class starts the toolkit, the headless screen must fit the 1080p windows of later tests
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    @TempDir
    Path lesson;

    private static void png(Path file, int w, int h, int type) throws Exception {
        ImageIO.write(new BufferedImage(w, h, type), "png", file.toFile());
    }

    @Test
    void aSmallImageIsReadAndScaledDownToTheWidthAsked() throws Exception {
        png(lesson.resolve("a.png"), 400, 100, BufferedImage.TYPE_INT_RGB);
        LessonImages.Loaded l = LessonImages.load(lesson, "a.png", 0);
        assertNull(l.problem());
        assertEquals(400, l.image().getWidth());
        assertEquals(200, LessonImages.load(lesson, "a.png", 200).image().getWidth());
    }

    @Test
    void tooManyPixelsAreRefusedFromTheHeaderWithoutDecoding() throws Exception {
        // 8000 × 6000 one-bit pixels of zeros: a file of a few kB that would take 48 million pixels to show
        png(lesson.resolve("huge.png"), 8000, 6000, BufferedImage.TYPE_BYTE_BINARY);
        assertTrue(Files.size(lesson.resolve("huge.png")) < 200_000);
        assertEquals(8000, org.attentionlab.io.ImageGuard.check(lesson.resolve("huge.png")).width());
        LessonImages.Loaded l = LessonImages.load(lesson, "huge.png", 0);
        assertNull(l.image());
        assertEquals("'huge.png' is 8000 × 6000 pixels; images may have at most 40 million pixels", l.problem());
    }

    @Test
    void aFileOverTheByteLimitIsRefusedBeforeItIsRead() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(lesson.resolve("big.png").toFile(), "rw")) {
            f.setLength(org.attentionlab.io.ImageGuard.MAX_BYTES + 1);
        }
        assertEquals("'big.png': the file is 20.0 MB; an image may be at most 20 MB",
                LessonImages.load(lesson, "big.png", 0).problem());
    }

    @Test
    void pathsOutsideTheFolderLinksAndOtherFormatsAreRefusedWithAReason() throws Exception {
        Path outside = Files.createTempFile("outside", ".png");
        try {
            png(outside, 10, 10, BufferedImage.TYPE_INT_RGB);
            Files.createSymbolicLink(lesson.resolve("link.png"), outside);
            assertEquals("'link.png' is not a file inside the lesson folder", LessonImages.load(lesson, "link.png", 0).problem());
        } finally {
            Files.deleteIfExists(outside);
        }
        assertTrue(LessonImages.load(lesson, "../x.png", 0).problem().contains("not a path inside the lesson folder"));
        assertTrue(LessonImages.load(lesson, "/etc/passwd", 0).problem().contains("not a path inside the lesson folder"));
        assertTrue(LessonImages.load(lesson, "https://example.com/a.png", 0).problem().contains("the app works offline"));
        assertTrue(LessonImages.load(lesson, "missing.png", 0).problem().contains("not a file inside"));
        Files.writeString(lesson.resolve("d.svg"), "<svg/>");
        assertTrue(LessonImages.load(lesson, "d.svg", 0).problem().contains("SVG"));
        Files.writeString(lesson.resolve("fake.png"), "not an image at all");
        assertEquals("'fake.png': not a PNG, JPEG or GIF image (it starts with bytes 6E 6F)", LessonImages.load(lesson, "fake.png", 0).problem());
        assertNotNull(LessonImages.load(lesson, "", 0).problem());
    }
}

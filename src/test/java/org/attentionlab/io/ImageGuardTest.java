package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real images (written by ImageIO) pass with their true size; tiny files claiming huge sizes,
 * truncated headers, too many GIF frames, big files and non-images are refused, naming the file,
 * without any pixel being decoded.
 */
class ImageGuardTest {

    @TempDir
    Path dir;

    private Path real(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        Path f = dir.resolve(w + "x" + h + "." + format);
        assertTrue(ImageIO.write(img, format, f.toFile()), format);
        return f;
    }

    private String refused(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("hostile.img"), content);
        String m = assertThrows(ImageGuard.RefusedImageException.class, () -> ImageGuard.check(f)).getMessage();
        assertTrue(m.startsWith(f + ": "), "names the file: " + m);
        return m.substring(f.toString().length() + 2);
    }

    @Test
    void realImagesPassWithTheirSize() throws IOException {
        assertEquals(new ImageGuard.Size("PNG", 300, 200, 1), ImageGuard.check(real("png", 300, 200)));
        assertEquals(new ImageGuard.Size("JPEG", 64, 48, 1), ImageGuard.check(real("jpg", 64, 48)));
        assertEquals(new ImageGuard.Size("GIF", 17, 5, 1), ImageGuard.check(real("gif", 17, 5)));
        assertEquals(new ImageGuard.Size("PNG", 8192, 1, 1), ImageGuard.check(real("png", 8192, 1)));
    }

    static byte[] png(long w, long h) {
        ByteBuffer b = ByteBuffer.allocate(33).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt((int) w).putInt((int) h);
        b.put(new byte[] {8, 2, 0, 0, 0}).putInt(0);
        return b.array();
    }

    @Test
    void aPngClaimingHugeSizesIsRefused() throws IOException {
        assertEquals("PNG image of 100000 × 100000 pixels; an image may be at most 8192 × 8192", refused(png(100_000, 100_000)));
        assertEquals("PNG image of 8193 × 1 pixels; an image may be at most 8192 × 8192", refused(png(8193, 1)));
        assertEquals("PNG image of 2147483647 × 1 pixels; an image may be at most 8192 × 8192", refused(png(0xFFFFFFFFL, 1)));
        assertEquals("PNG header says 0 × 10 pixels; expected at least 1 × 1", refused(png(0, 10)));
        assertEquals("the image header is cut short (the file is 20 bytes)", refused(Arrays.copyOf(png(10, 10), 20)));
    }

    @Test
    void aJpegClaimingHugeSizesIsRefused() throws IOException {
        byte[] real = Files.readAllBytes(real("jpg", 64, 48));
        // find the frame header (FF C0 len precision H H W W) and make it claim 65535 × 65535
        for (int i = 0; i + 8 < real.length; i++) {
            if ((real[i] & 0xFF) == 0xFF && (real[i + 1] & 0xFF) == 0xC0) {
                real[i + 5] = real[i + 6] = real[i + 7] = real[i + 8] = (byte) 0xFF;
                break;
            }
        }
        assertEquals("JPEG image of 65535 × 65535 pixels; an image may be at most 8192 × 8192", refused(real));
        assertEquals("JPEG without a frame header before its image data",
                refused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2}));
        assertEquals("JPEG segment does not start with FF; the file is damaged",
                refused(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x12, 0x34}));
        assertEquals("the image header is cut short (the file is 6 bytes)",
                refused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x40, 0}));
    }

    static byte[] gif(int w, int h, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'G', 'I', 'F', '8', '9', 'a', (byte) w, (byte) (w >> 8), (byte) h, (byte) (h >> 8), 0, 0, 0});
        for (int i = 0; i < frames; i++) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 0, 0, 0, 0}); // graphic control extension
            out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, (byte) w, (byte) (w >> 8), (byte) h, (byte) (h >> 8), 0, 2, 1, 0, 0});
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    @Test
    void aGifIsCountedFrameByFrame() throws IOException {
        Path ok = Files.write(dir.resolve("anim.gif"), gif(100, 100, 50));
        assertEquals(new ImageGuard.Size("GIF", 100, 100, 50), ImageGuard.check(ok));
        assertEquals("GIF image of 65535 × 65535 pixels; an image may be at most 8192 × 8192", refused(gif(65535, 65535, 1)));
        // 8000 × 8000 is allowed once, but two such frames are 1.28·10⁸ pixels to decode
        assertEquals("GIF with 2+ frames of 8000 × 8000 pixels; all frames together may have at most 67108864 pixels",
                refused(gif(8000, 8000, 1000)));
        assertEquals("GIF without any frame", refused(gif(10, 10, 0)));
        assertEquals("not a GIF image (bad version)", refused("GIF88a".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void bigFilesNonImagesAndMissingFilesAreRefused() throws IOException {
        Path big = dir.resolve("big.png");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write(png(10, 10));
            f.setLength(21L * 1024 * 1024); // sparse: costs no disk
        }
        String m = assertThrows(ImageGuard.RefusedImageException.class, () -> ImageGuard.check(big)).getMessage();
        assertEquals(big + ": the file is 21.0 MB; an image may be at most 20 MB", m);
        assertEquals("not a PNG, JPEG or GIF image (it starts with bytes 3C 73)", refused("<svg width='1e9'/>".getBytes()));
        assertEquals("the image header is cut short (the file is 0 bytes)", refused(new byte[0]));
        assertEquals(dir.resolve("none.png") + ": no such file",
                assertThrows(ImageGuard.RefusedImageException.class, () -> ImageGuard.check(dir.resolve("none.png"))).getMessage());
        assertEquals(dir + ": not a file", assertThrows(ImageGuard.RefusedImageException.class, () -> ImageGuard.check(dir)).getMessage());
    }
}

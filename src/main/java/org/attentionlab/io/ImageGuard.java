package org.attentionlab.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks an image file's size before anything decodes it: a 60-byte PNG can claim 100 000 ×
 * 100 000 pixels, and a decoder would try to allocate 40 GB for it. Lesson packs travel between
 * strangers, so the lesson player asks this guard first and decodes only what it lets through.
 *
 * <p>Only headers are read, never pixel data: PNG's IHDR, JPEG's start-of-frame segment (found by
 * skipping the segments before it by their lengths), and for GIF every frame's descriptor (an
 * animated GIF is decoded frame by frame, so all frames count). Refused: files over
 * {@value #MAX_BYTES} bytes, any side over {@value #MAX_SIDE} pixels, more than
 * {@value #MAX_PIXELS} pixels in all, a width or height of 0, truncated headers, and anything that
 * is not PNG, JPEG or GIF.
 */
public final class ImageGuard {

    public static final long MAX_BYTES = 20L * 1024 * 1024;
    public static final int MAX_SIDE = 8192;
    public static final long MAX_PIXELS = (long) MAX_SIDE * MAX_SIDE;

    /** The format and size an image file claims. */
    public record Size(String format, int width, int height, int frames) {
    }

    /** An image the guard will not let through; the message names the file and why. */
    public static final class RefusedImageException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedImageException(Path file, String why) {
            super(file + ": " + why);
        }
    }

    private ImageGuard() {
    }

    /**
     * Reads the header of {@code file} and checks its size.
     *
     * @return what the file claims, when it is within the limits
     * @throws RefusedImageException when it is not an image the app should decode
     * @throws IOException           when the file cannot be read
     */
    public static Size check(Path file) throws IOException {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new RefusedImageException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new RefusedImageException(file, "not a file");
        }
        if (bytes > MAX_BYTES) {
            throw new RefusedImageException(file, String.format(Locale.ROOT,
                    "the file is %.1f MB; an image may be at most %d MB", bytes / 1048576.0, MAX_BYTES >> 20));
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Size size = read(file, new Reader(in));
            long pixels = (long) size.width() * size.height();
            if (size.width() <= 0 || size.height() <= 0) {
                throw new RefusedImageException(file, size.format() + " header says " + size.width() + " × " + size.height()
                        + " pixels; expected at least 1 × 1");
            }
            if (size.width() > MAX_SIDE || size.height() > MAX_SIDE) {
                throw new RefusedImageException(file, size.format() + " image of " + size.width() + " × " + size.height()
                        + " pixels; an image may be at most " + MAX_SIDE + " × " + MAX_SIDE);
            }
            if (pixels > MAX_PIXELS) {
                throw new RefusedImageException(file, size.format() + " image of " + pixels + " pixels; at most " + MAX_PIXELS);
            }
            return size;
        } catch (EOFException e) {
            throw new RefusedImageException(file, "the image header is cut short (the file is " + bytes + " bytes)");
        }
    }

    private static Size read(Path file, Reader in) throws IOException {
        int b0 = in.u8();
        int b1 = in.u8();
        if (b0 == 0x89 && b1 == 'P') {
            return png(file, in);
        }
        if (b0 == 0xFF && b1 == 0xD8) {
            return jpeg(file, in);
        }
        if (b0 == 'G' && b1 == 'I') {
            return gif(file, in);
        }
        throw new RefusedImageException(file, "not a PNG, JPEG or GIF image (it starts with bytes "
                + String.format(Locale.ROOT, "%02X %02X", b0, b1) + ")");
    }

    /** Signature (8 bytes), then the IHDR chunk: length 13, "IHDR", width and height (big-endian). */
    private static Size png(Path file, Reader in) throws IOException {
        int[] rest = {'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        for (int expected : rest) {
            if (in.u8() != expected) {
                throw new RefusedImageException(file, "not a PNG image (bad signature)");
            }
        }
        long length = in.u32be();
        int type = (int) in.u32be();
        if (length != 13 || type != 0x49484452) { // "IHDR"
            throw new RefusedImageException(file, "PNG without an IHDR chunk first; the file is damaged");
        }
        long w = in.u32be();
        long h = in.u32be();
        return new Size("PNG", clamp(w), clamp(h), 1);
    }

    /**
     * Segments: FF marker, then (except for standalone markers) a 2-byte length that counts itself.
     * The first start-of-frame (C0–CF but not C4, C8, CC) holds precision, height, width.
     */
    private static Size jpeg(Path file, Reader in) throws IOException {
        while (true) {
            int b = in.u8();
            if (b != 0xFF) {
                throw new RefusedImageException(file, "JPEG segment does not start with FF; the file is damaged");
            }
            int marker = in.u8();
            while (marker == 0xFF) { // fill bytes
                marker = in.u8();
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new RefusedImageException(file, "JPEG without a frame header before its image data");
            }
            int length = in.u16be();
            if (length < 2) {
                throw new RefusedImageException(file, "JPEG segment of length " + length + "; the file is damaged");
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                in.u8(); // sample precision
                int h = in.u16be();
                int w = in.u16be();
                return new Size("JPEG", w, h, 1);
            }
            in.skip(length - 2);
        }
    }

    /**
     * Header "GIF87a"/"GIF89a", logical screen (2-byte little-endian width and height), an optional
     * global colour table, then blocks: extensions (21) and image descriptors (2C, each with its own
     * size) until the trailer (3B). Sub-blocks of data are skipped by their lengths, never decoded.
     */
    private static Size gif(Path file, Reader in) throws IOException {
        int[] rest = {'F', '8'};
        for (int expected : rest) {
            if (in.u8() != expected) {
                throw new RefusedImageException(file, "not a GIF image (bad signature)");
            }
        }
        int v = in.u8();
        if ((v != '7' && v != '9') || in.u8() != 'a') {
            throw new RefusedImageException(file, "not a GIF image (bad version)");
        }
        int w = in.u16le();
        int h = in.u16le();
        if (w > MAX_SIDE || h > MAX_SIDE) {
            return new Size("GIF", w, h, 0); // refused by the caller, before any frame is read
        }
        int flags = in.u8();
        in.skip(2); // background colour, aspect ratio
        if ((flags & 0x80) != 0) {
            in.skip(3L << ((flags & 7) + 1));
        }
        int frames = 0;
        long pixels = 0;
        while (true) {
            int block = in.u8();
            if (block == 0x3B) {
                break;
            }
            if (block == 0x21) {
                in.u8(); // label
                skipSubBlocks(in);
            } else if (block == 0x2C) {
                in.skip(4); // left, top
                int fw = in.u16le();
                int fh = in.u16le();
                int f = in.u8();
                if ((f & 0x80) != 0) {
                    in.skip(3L << ((f & 7) + 1));
                }
                in.u8(); // LZW minimum code size
                skipSubBlocks(in);
                frames++;
                // each frame is drawn onto the logical screen: count the larger of the two
                pixels += Math.max((long) fw * fh, (long) w * h);
                if (fw > MAX_SIDE || fh > MAX_SIDE) {
                    throw new RefusedImageException(file, "GIF frame " + frames + " is " + fw + " × " + fh
                            + " pixels; an image may be at most " + MAX_SIDE + " × " + MAX_SIDE);
                }
                if (pixels > MAX_PIXELS) {
                    throw new RefusedImageException(file, "GIF with " + frames + "+ frames of " + w + " × " + h
                            + " pixels; all frames together may have at most " + MAX_PIXELS + " pixels");
                }
            } else {
                throw new RefusedImageException(file, String.format(Locale.ROOT,
                        "GIF block type %02X is unknown; the file is damaged", block));
            }
        }
        if (frames == 0) {
            throw new RefusedImageException(file, "GIF without any frame");
        }
        return new Size("GIF", w, h, frames);
    }

    private static void skipSubBlocks(Reader in) throws IOException {
        for (int n = in.u8(); n != 0; n = in.u8()) {
            in.skip(n);
        }
    }

    private static int clamp(long x) {
        return (int) Math.min(Integer.MAX_VALUE, x);
    }

    /** Unsigned reads that fail with {@link EOFException} at the end. */
    private static final class Reader {
        private final InputStream in;

        Reader(InputStream in) {
            this.in = in;
        }

        int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        int u16be() throws IOException {
            return (u8() << 8) | u8();
        }

        int u16le() throws IOException {
            return u8() | (u8() << 8);
        }

        long u32be() throws IOException {
            return ((long) u8() << 24) | ((long) u8() << 16) | ((long) u8() << 8) | u8();
        }

        void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    u8(); // skip may stop early; read one byte to tell the end of the file from a pause
                    s = 1;
                }
                left -= s;
            }
        }
    }
}

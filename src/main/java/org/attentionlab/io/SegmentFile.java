package org.attentionlab.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A UTF-8 text file read as one segment per line (the layout of BLEU's hypothesis and reference
 * files), strictly: invalid UTF-8 is an error naming the file and line, never silently replaced,
 * because a replaced byte would change the tokens and so the score without anyone noticing.
 * Used by the {@code bleu} command and the BLEU view.
 */
public final class SegmentFile {

    private SegmentFile() {
    }

    /** Why a file could not be read; the UI words each in the user's language. */
    public enum Problem { NO_SUCH_FILE, DIRECTORY, PERMISSION_DENIED, UNREADABLE, NOT_UTF8 }

    /**
     * A segment file that cannot be used. {@link #getMessage()} is English and names the file, e.g.
     * {@code hyp.txt: line 3 is not valid UTF-8 (byte 0xFF at byte 7 of the line)}.
     */
    public static final class SegmentFileException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final transient Path file;
        private final Problem problem;
        private final int line;
        private final int badByte;
        private final int byteInLine;
        private final String detail;

        SegmentFileException(Path file, Problem problem, int line, int badByte, int byteInLine, String detail,
                             Throwable cause) {
            super(message(file, problem, line, badByte, byteInLine, detail), cause);
            this.file = file;
            this.problem = problem;
            this.line = line;
            this.badByte = badByte;
            this.byteInLine = byteInLine;
            this.detail = detail;
        }

        public Path file() {
            return file;
        }

        public Problem problem() {
            return problem;
        }

        /** The 1-based line of a {@link Problem#NOT_UTF8} file, else 0. */
        public int line() {
            return line;
        }

        /** The offending byte (0–255) of a {@link Problem#NOT_UTF8} file. */
        public int badByte() {
            return badByte;
        }

        /** The 1-based position of the offending byte within its line. */
        public int byteInLine() {
            return byteInLine;
        }

        /** The operating system's reason for {@link Problem#UNREADABLE}, else empty. */
        public String detail() {
            return detail;
        }

        private static String message(Path file, Problem problem, int line, int badByte, int byteInLine, String detail) {
            return file + ": " + switch (problem) {
                case NO_SUCH_FILE -> "no such file";
                case DIRECTORY -> "is a directory, expected a text file";
                case PERMISSION_DENIED -> "permission denied";
                case UNREADABLE -> "cannot be read (" + detail + ")";
                case NOT_UTF8 -> String.format("line %d is not valid UTF-8 (byte 0x%02X at byte %d of the line)",
                        line, badByte, byteInLine);
            };
        }
    }

    /**
     * The lines of {@code file}, without their terminators ({@code \n}, {@code \r\n} or {@code \r},
     * like Python's universal newlines); a final terminator does not start another line.
     *
     * @throws SegmentFileException if the file is missing, a directory, unreadable or not UTF-8
     */
    public static List<String> read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new SegmentFileException(file, Problem.DIRECTORY, 0, 0, 0, "", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SegmentFileException(file, Problem.NO_SUCH_FILE, 0, 0, 0, "", e);
        } catch (AccessDeniedException e) {
            throw new SegmentFileException(file, Problem.PERMISSION_DENIED, 0, 0, 0, "", e);
        } catch (IOException e) {
            throw new SegmentFileException(file, Problem.UNREADABLE, 0, 0, 0, String.valueOf(e.getMessage()), e);
        }
        return split(decode(bytes, file));
    }

    /** Splits text into lines as {@link #read} does. */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String decode(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new SegmentFileException(file, Problem.NOT_UTF8, line, bytes[at] & 0xFF, at - lineStart + 1, "", null);
        }
        out.flip();
        return out.toString();
    }
}

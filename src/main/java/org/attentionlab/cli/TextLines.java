package org.attentionlab.cli;

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

/**
 * Reads a UTF-8 text file as one segment per line, strictly: invalid UTF-8 is an error naming
 * the file and line, never silently replaced (a replaced byte would change the tokens and so
 * the score without anyone noticing).
 */
final class TextLines {

    private TextLines() {
    }

    /**
     * The lines of {@code file}, without their terminators ({@code \n}, {@code \r\n} or {@code \r},
     * like Python's universal newlines); a final terminator does not start another line.
     *
     * @param role how the message names the file, e.g. {@code REF_FILE}
     */
    static List<String> read(Path file, String role) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(role + " " + file + ": is a directory, expected a text file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(role + " " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(role + " " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new BadInputException(role + " " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String text = decode(bytes, file, role);
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

    private static String decode(byte[] bytes, Path file, String role) {
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
            throw new BadInputException(String.format("%s %s: line %d is not valid UTF-8 (byte 0x%02X at byte %d of the line)",
                    role, file, line, bytes[at] & 0xFF, at - lineStart + 1));
        }
        out.flip();
        return out.toString();
    }
}

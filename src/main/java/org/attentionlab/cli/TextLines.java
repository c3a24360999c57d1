package org.attentionlab.cli;

import java.nio.file.Path;
import java.util.List;

import org.attentionlab.io.SegmentFile;

/**
 * Reads a UTF-8 text file as one segment per line, strictly ({@link SegmentFile}), and turns a
 * problem into bad input that names the file's role and the file.
 */
final class TextLines {

    private TextLines() {
    }

    /**
     * The lines of {@code file} (see {@link SegmentFile#read}).
     *
     * @param role how the message names the file, e.g. {@code REF_FILE}
     */
    static List<String> read(Path file, String role) {
        try {
            return SegmentFile.read(file);
        } catch (SegmentFile.SegmentFileException e) {
            throw new BadInputException(role + " " + e.getMessage(), e);
        }
    }
}

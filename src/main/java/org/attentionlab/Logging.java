package org.attentionlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging for the app: the libraries' start-up chatter is turned down (ND4J prints a dozen INFO
 * lines when its backend loads, including the quiet CUDA-to-CPU fallback; the status bar and
 * {@code info} show the backend instead), and the desktop app writes a rotated, bounded log file
 * (5 files of at most 1 MB) in the user's app-data folder, so a crash report can point to it.
 */
public final class Logging {

    /** Held strongly: java.util.logging keeps loggers only weakly, which would lose the level. */
    private static final Logger[] QUIETED = {
        Logger.getLogger("org.nd4j"), Logger.getLogger("org.bytedeco"), Logger.getLogger("org.deeplearning4j"),
    };

    private static final int FILE_LIMIT_BYTES = 1_000_000;
    private static final int FILE_COUNT = 5;

    private Logging() {
    }

    public static void configure() {
        for (Logger l : QUIETED) {
            l.setLevel(Level.WARNING);
        }
    }

    /**
     * Adds the rotated log file in {@code folder} to the root logger and returns the path of the
     * current file; if the folder cannot be written, logging stays on the console and this
     * returns null (the app must run without a log file rather than not at all).
     */
    public static Path logToFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Handler file = new FileHandler(folder.resolve("attention-lab-%g.log").toString(), FILE_LIMIT_BYTES, FILE_COUNT, true);
            file.setFormatter(new SimpleFormatter());
            file.setEncoding("UTF-8");
            Logger.getLogger("").addHandler(file);
            return folder.resolve("attention-lab-0.log");
        } catch (IOException | SecurityException e) {
            Logger.getLogger(Logging.class.getName()).log(Level.WARNING, "cannot write logs to " + folder + ": " + e.getMessage());
            return null;
        }
    }
}

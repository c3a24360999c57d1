package org.attentionlab;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns down the libraries' start-up chatter (ND4J prints a dozen INFO lines when its backend
 * loads, including the quiet CUDA-to-CPU fallback); warnings and errors still show. The backend
 * that runs is shown by the status bar and by {@code info} instead.
 */
public final class Logging {

    /** Held strongly: java.util.logging keeps loggers only weakly, which would lose the level. */
    private static final Logger[] QUIETED = {
        Logger.getLogger("org.nd4j"), Logger.getLogger("org.bytedeco"), Logger.getLogger("org.deeplearning4j"),
    };

    private Logging() {
    }

    public static void configure() {
        for (Logger l : QUIETED) {
            l.setLevel(Level.WARNING);
        }
    }
}

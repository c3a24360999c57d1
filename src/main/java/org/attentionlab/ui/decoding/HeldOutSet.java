package org.attentionlab.ui.decoding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.io.Assets;

/**
 * The tiny translator's held-out sentences ({@code assets/corpora/tiny-translation/test.en} and
 * {@code .fr}), by source sentence: a source typed in the decoding view that is one of them gets
 * its reference for BLEU without typing it. Read once, on the background thread; a missing or
 * unreadable corpus is empty (logged; the user can still type a reference).
 */
public final class HeldOutSet {

    private static final Logger LOG = Logger.getLogger(HeldOutSet.class.getName());

    private Map<String, String> references;

    /** The reference translation of {@code source} (case and spacing ignored), if it is a held-out sentence. */
    public synchronized Optional<String> reference(String source) {
        if (references == null) {
            references = load();
        }
        return Optional.ofNullable(references.get(key(source)));
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>();
        Optional<Path> en = Assets.find(ParallelCorpus.SHIPPED_PATH + "/test.en");
        if (en.isEmpty()) {
            return m;
        }
        try {
            ParallelCorpus c = ParallelCorpus.load(en.get().getParent(), "test");
            for (int i = 0; i < c.size(); i++) {
                m.putIfAbsent(key(c.source().get(i)), c.target().get(i));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the held-out set " + en.get().getParent() + " cannot be read; references must be typed", e);
            return m;
        }
        return m;
    }

    private static String key(String sentence) {
        return String.join(" ", ParallelCorpus.words(sentence));
    }
}

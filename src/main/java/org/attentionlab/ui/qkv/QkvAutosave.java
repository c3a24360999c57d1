package org.attentionlab.ui.qkv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.AutosaveFile;
import org.attentionlab.io.DebouncedSaver;
import org.attentionlab.ui.qkv.QkvViewModel.InputMode;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.qkv.QkvViewModel.UserState;
import org.attentionlab.ui.qkv.QkvViewModel.WeightInit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps the Q/K/V view's work across restarts without asking anything: after every result the
 * view's {@link UserState} (settings, tokens, X and the weights the user may have edited) is
 * written to {@code autosave/qkv.safetensors} in the user's app-data folder, a moment later and
 * off the FX thread; at start it is put back. A file that cannot be used is set aside with a
 * notice and the view starts with the lecture's example.
 */
public final class QkvAutosave {

    static final String VIEW = "qkv";
    public static final String FILE_NAME = VIEW + ".safetensors";
    static final String FORMAT = "attention-lab autosave";
    static final String VERSION = "1";

    private static final Logger LOG = Logger.getLogger(QkvAutosave.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QkvViewModel vm;
    private final Path file;
    private final DebouncedSaver saver;

    public QkvAutosave(QkvViewModel vm, Path file, DebouncedSaver saver) {
        this.vm = vm;
        this.file = file;
        this.saver = saver;
    }

    public Path file() {
        return file;
    }

    /**
     * Puts back the saved work, if any, then saves after every result. Call once, on the FX thread.
     *
     * @return the notice to show when a saved file could not be used
     */
    public Optional<String> start() {
        Optional<String> notice = restore();
        vm.traceProperty().addListener(o -> {
            UserState s = vm.userState(); // taken on the FX thread; written on the saver's
            saver.schedule(() -> write(s));
        });
        return notice;
    }

    private Optional<String> restore() {
        AutosaveFile.Loaded loaded = AutosaveFile.load(file);
        if (loaded.content().isEmpty()) {
            return loaded.notice();
        }
        try {
            vm.restore(fromContent(loaded.content().get()));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(AutosaveFile.setAsideUnusable(file, e.getMessage()));
        }
    }

    private void write(UserState s) throws IOException {
        if (!AutosaveFile.save(file, toContent(s))) {
            LOG.info(() -> "the Q/K/V work is larger than " + AutosaveFile.MAX_CELLS + " numbers; not autosaved");
        }
    }

    static AutosaveFile.Content toContent(UserState s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("view", VIEW);
        m.put("version", VERSION);
        m.put("inputMode", s.inputMode().name());
        m.put("sentence", s.sentence());
        m.put("split", s.split().name());
        m.put("dModel", Integer.toString(s.dModel()));
        m.put("heads", Integer.toString(s.heads()));
        m.put("dK", Integer.toString(s.dK()));
        m.put("head", Integer.toString(s.head()));
        m.put("seed", Integer.toString(s.seed()));
        m.put("scaled", Boolean.toString(s.scaled()));
        m.put("precision", s.precision().name());
        m.put("mask", s.mask().name());
        m.put("weightInit", s.weightInit().name());
        try {
            m.put("tokens", JSON.writeValueAsString(s.tokens()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token labels could not be written as JSON", e);
        }
        Map<String, Matrix> matrices = new LinkedHashMap<>();
        matrices.put("X", s.x());
        if (s.wq() != null) {
            matrices.put("W_Q", s.wq());
            matrices.put("W_K", s.wk());
            matrices.put("W_V", s.wv());
        }
        return new AutosaveFile.Content(m, matrices);
    }

    /** @throws IllegalArgumentException naming the first field that does not make sense */
    static UserState fromContent(AutosaveFile.Content c) {
        Map<String, String> m = c.metadata();
        if (!FORMAT.equals(m.get("format")) || !VIEW.equals(m.get("view"))) {
            throw new IllegalArgumentException("it is not an autosave of the Q/K/V view");
        }
        if (!VERSION.equals(m.get("version"))) {
            throw new IllegalArgumentException("it is version " + m.get("version") + "; this app reads version " + VERSION);
        }
        Matrix x = c.matrices().get("X");
        if (x == null) {
            throw new IllegalArgumentException("it has no X");
        }
        boolean weights = c.matrices().containsKey("W_Q");
        return new UserState(enumOf(InputMode.class, m, "inputMode"), text(m, "sentence"), enumOf(Split.class, m, "split"),
                integer(m, "dModel"), integer(m, "heads"), integer(m, "dK"), integer(m, "head"), integer(m, "seed"),
                bool(m, "scaled"), enumOf(Precision.class, m, "precision"), enumOf(MaskKind.class, m, "mask"),
                enumOf(WeightInit.class, m, "weightInit"), tokens(m), x,
                weights ? required(c, "W_Q") : null, weights ? required(c, "W_K") : null, weights ? required(c, "W_V") : null);
    }

    private static Matrix required(AutosaveFile.Content c, String name) {
        Matrix m = c.matrices().get(name);
        if (m == null) {
            throw new IllegalArgumentException("it has W_Q but no " + name);
        }
        return m;
    }

    private static String text(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return v;
    }

    private static int integer(Map<String, String> m, String key) {
        try {
            return Integer.parseInt(text(m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is '" + m.get(key) + "'; expected a whole number");
        }
    }

    private static boolean bool(Map<String, String> m, String key) {
        String v = text(m, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + key + "' is '" + v + "'; expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Map<String, String> m, String key) {
        String v = text(m, key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is '" + v + "'; expected one of " + List.of(type.getEnumConstants()));
    }

    private static List<String> tokens(Map<String, String> m) {
        try {
            var node = JSON.readTree(text(m, "tokens"));
            if (node == null || !node.isArray()) {
                throw new IllegalArgumentException("'tokens' is not a JSON array of texts");
            }
            List<String> out = new ArrayList<>();
            for (var t : node) {
                if (!t.isTextual()) {
                    throw new IllegalArgumentException("'tokens' holds " + t + "; expected texts");
                }
                out.add(t.asText());
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'tokens' is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}

package org.attentionlab.ui.qkv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.qkv.QkvViewModel.WeightInit;
import org.attentionlab.ui.widgets.Cell;

/**
 * What a lesson step's {@code qkv} state means for the Q/K/V view (the keys are documented in
 * {@code lessons/README.md}): the complete {@link QkvSetup} for the view-model, plus the panels to
 * show and the zoom. Keys absent from the state take their defaults, so one state always gives one
 * picture. The loader has checked types and ranges; what it cannot see (a label count that does not
 * match the rows, weights of the wrong shape, d_model not divisible by heads) becomes a problem the
 * view shows, and the rest is applied.
 *
 * <p>Defaults: the lecture's x₁=[1,0], x₂=[0,1], x₃=[1,1]; scaled (as in the paper and the
 * {@code attention} check); float64; no mask; one head. Generated weights are the identity for
 * given vectors (the lecture's W = I, so Q = K = V = X) and seeded random (Glorot) for a sentence.
 */
public final class QkvLessonState {

    /** The view's panels, in the view's (pipeline) order. */
    public static final List<String> PANELS = List.of("inputs", "projections", "scores", "weights", "output", "controls",
            "formula");

    /** d_model of a sentence's generated vectors when the state does not say. */
    public static final int SENTENCE_D_MODEL = 4;

    /**
     * A state, mapped.
     *
     * @param setup  what the view-model shows
     * @param panels the panels to show (all of {@link #PANELS} when the state does not say)
     * @param zoom   1 = normal
     */
    public record Mapped(QkvSetup setup, List<String> panels, double zoom) {
        public Mapped {
            panels = List.copyOf(panels);
        }
    }

    private QkvLessonState() {
    }

    public static Mapped map(StateMap s) {
        QkvSetup.Builder b = new QkvSetup.Builder();
        Optional<List<String>> tokens = s.texts("tokens");
        Optional<List<String>> queryTokens = s.texts("queryTokens");
        int queries;
        int keys;
        boolean given = s.has("queries") || s.has("keys") || s.has("values");
        if (given) {
            // a missing one is read as in self-attention: K from Q, V from K (and Q from K)
            Matrix k = s.matrix("keys").or(() -> s.matrix("queries")).orElseGet(() -> s.matrix("values").orElseThrow());
            Matrix q = s.matrix("queries").orElse(k);
            Matrix v = s.matrix("values").orElse(k);
            b.given(q, k, v);
            for (String unused : List.of("input", "vectors", "wq", "wk", "wv", "dModel")) {
                if (s.has(unused)) {
                    b.problem(msg("qkv.lesson.unused", unused, "queries/keys/values"));
                }
            }
            queries = q.rows();
            keys = k.rows();
            tokens = labels(b, "tokens", tokens, keys);
            queryTokens = labels(b, "queryTokens", queryTokens, queries);
            b.tokens(tokens.orElse(null), queryTokens.orElse(null));
        } else {
            if (s.has("vectors")) {
                Matrix x = s.matrix("vectors").orElseThrow();
                b.vectors(x);
                if (s.has("input")) {
                    b.problem(msg("qkv.lesson.unused", "input", "vectors"));
                }
                s.integer("dModel").filter(d -> d != x.cols())
                        .ifPresent(d -> b.problem(msg("qkv.lesson.dModel", d, x.cols())));
                queries = x.rows();
            } else if (s.has("input")) {
                String text = s.text("input").orElseThrow();
                b.sentence(text, splitOf(text)).weightInit(WeightInit.RANDOM);
                b.dModel(s.integer("dModel").map(Long::intValue).orElse(SENTENCE_D_MODEL));
                if (tokens.isPresent()) {
                    b.problem(msg("qkv.lesson.unused", "tokens", "input"));
                    tokens = Optional.empty();
                }
                queries = -1; // known once the sentence is split
            } else {
                if (s.has("dModel")) {
                    b.problem(msg("qkv.lesson.dModelUnused"));
                }
                queries = 3;
            }
            keys = queries;
            if (queries >= 0) {
                tokens = labels(b, "tokens", tokens, queries);
            }
            if (queryTokens.isPresent()) {
                b.problem(msg("qkv.lesson.unused", "queryTokens", "tokens"));
            }
            b.tokens(tokens.orElse(null), null);
            weights(s, b);
        }
        heads(s, b);
        s.integer("seed").ifPresent(seed -> b.seed((int) Math.min(Integer.MAX_VALUE, seed)));
        b.scaled(s.flag("scaled").orElse(true));
        b.precision(s.text("precision").map(p -> p.equals("float32") ? Precision.FLOAT32 : Precision.FLOAT64)
                .orElse(Precision.FLOAT64));
        mask(s, b, queries, keys);
        s.text("stage").ifPresent(stage -> b.focus(Stage.valueOf(stage.toUpperCase(Locale.ROOT))));
        s.pair("highlight").ifPresent(p -> {
            if (queries >= 0 && (p.first() >= queries || p.second() >= keys)) {
                b.problem(msg("qkv.lesson.highlight", p.first(), p.second(), queries, keys));
            } else {
                b.highlight(new Cell(p.first(), p.second()));
            }
        });
        List<String> panels = s.texts("panels").orElse(PANELS);
        return new Mapped(b.build(), panels, s.number("zoom").orElse(1.0));
    }

    /** A message whose numbers print as written (MessageFormat would group 1024 as 1,024). */
    private static Message msg(String key, Object... args) {
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = args[i] instanceof Number ? String.valueOf(args[i]) : args[i];
        }
        return Message.of(key, plain);
    }

    /** By spaces when the text has any; a Chinese text without spaces character by character. */
    static Split splitOf(String text) {
        String t = text.strip();
        boolean spaces = t.codePoints().anyMatch(Character::isWhitespace);
        boolean han = t.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        return !spaces && han ? Split.CHARACTERS : Split.WHITESPACE;
    }

    private static Optional<List<String>> labels(QkvSetup.Builder b, String key, Optional<List<String>> labels, int rows) {
        if (labels.isPresent() && labels.get().size() != rows) {
            b.problem(msg("qkv.lesson.labels", key, labels.get().size(), rows));
            return Optional.empty();
        }
        return labels;
    }

    private static void weights(StateMap s, QkvSetup.Builder b) {
        int given = (s.has("wq") ? 1 : 0) + (s.has("wk") ? 1 : 0) + (s.has("wv") ? 1 : 0);
        if (given == 0) {
            return;
        }
        int d = b.dModel();
        if (given < 3) {
            b.problem(msg("qkv.lesson.weights", d));
            return;
        }
        Matrix wq = s.matrix("wq").orElseThrow();
        Matrix wk = s.matrix("wk").orElseThrow();
        Matrix wv = s.matrix("wv").orElseThrow();
        if (wq.rows() != d || wk.rows() != d || wv.rows() != d || wk.cols() != wq.cols()) {
            b.problem(msg("qkv.lesson.weights", d));
            return;
        }
        b.weights(wq, wk, wv);
    }

    private static void heads(StateMap s, QkvSetup.Builder b) {
        int h = s.integer("heads").map(Long::intValue).orElse(1);
        QkvSetup probe = b.build();
        int d = probe.wq() != null ? probe.wq().rows() : b.dModel();
        boolean fits = d % h == 0 && (probe.wq() == null || (probe.wq().cols() % h == 0 && probe.wv().cols() % h == 0));
        if (!fits) {
            b.problem(msg("qkv.lesson.heads", d, h));
            h = 1;
        }
        b.heads(h);
    }

    private static void mask(StateMap s, QkvSetup.Builder b, int queries, int keys) {
        Optional<StateValue> m = s.get("mask");
        if (m.isEmpty()) {
            return;
        }
        if (m.get() instanceof StateValue.Text t) {
            b.mask(t.value().equals("causal") ? MaskKind.CAUSAL : MaskKind.NONE, null);
            return;
        }
        Matrix custom = s.matrix("mask").orElseThrow();
        if (queries >= 0 && (custom.rows() != queries || custom.cols() != keys)) {
            b.problem(msg("qkv.lesson.mask", custom.rows(), custom.cols(), queries, keys));
            return;
        }
        b.mask(MaskKind.CUSTOM, custom);
    }
}

package org.attentionlab.lesson;

import static org.attentionlab.lesson.Key.optional;
import static org.attentionlab.lesson.Key.required;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.Decoding;
import org.attentionlab.engine.train.DecodingStep;
import org.attentionlab.engine.train.Sampling;
import org.attentionlab.engine.train.TokenChoice;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.attentionlab.engine.train.Translator;
import org.attentionlab.engine.train.experiments.SimpleAttentionExperiment;
import org.attentionlab.io.Assets;

/**
 * The check kinds of the training lessons: {@code simple-attention} reruns the course notebook's
 * experiment (float64, seeded as {@code torch.manual_seed} seeds it) and {@code translate} runs
 * one of the shipped encoder-decoders (the tiny translator, copy, reverse) greedily or with
 * seeded sampling, teacher-forced when a target is given. Both take their inputs from the
 * {@code training}, {@code cross-attention} and {@code decoding} views' state keys of the same
 * names, so a check recomputes exactly what the view shows.
 */
final class TrainingChecks {

    /** The shipped models by the name lessons use, and where each lives under the app's root. */
    static final Map<String, String> MODELS = Map.of(
            "tiny-translator", Translator.SHIPPED_PATH,
            "copy", "assets/models/copy",
            "reverse", "assets/models/reverse");
    static final String[] MODEL_NAMES = {"tiny-translator", "copy", "reverse"};
    /** Sampling's top-k when a step names none: the decoding view's default, so a check draws as the view does. */
    static final int DEFAULT_TOP_K = 5;
    /** The longest run a check may ask for: the notebook's is 20 steps, a check must stay quick. */
    static final int MAX_STEPS = 1000;

    private static final Map<String, Translator> LOADED = new ConcurrentHashMap<>();

    private TrainingChecks() {
    }

    /** A shipped model, loaded once per process (a Translator is not thread-safe: callers lock it). */
    static Translator model(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            String relative = MODELS.get(n);
            Path config = Assets.find(relative + "/config.json").orElseThrow(() -> new IllegalStateException(
                    "the shipped model " + relative + " was not found (looked in " + Assets.candidates(relative) + ")"));
            try {
                return Translator.load(config.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("the shipped model " + relative + " cannot be read: " + e.getMessage(), e);
            }
        });
    }

    /** The course notebook's SimpleAttention trained with Adam (seeds/000): losses, weights, attention. */
    static final class SimpleAttention implements CheckKind {

        @Override
        public String name() {
            return "simple-attention";
        }

        @Override
        public String description() {
            return "the notebook's SimpleAttention trained with Adam on X (2, 3, 4): the loss at each step, W_Q/W_K/W_V before and after, the attention per sample";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "torch.manual_seed of data and weights (default 42; from the state)"),
                    optional("learningRate", ValueType.number(1e-6, 10), "Adam's learning rate (default 0.01; from the state)"),
                    optional("steps", ValueType.integer(1, MAX_STEPS), "optimizer steps (default 20; from the state)"),
                    optional("at", ValueType.integers(1, MAX_STEPS), "the steps whose losses expect losses states (default every step)"),
                    optional("parameter", ValueType.oneOf(SimpleAttentionExperiment.NAMES.toArray(String[]::new)),
                            "the parameter that before, after and change state (default W_Q)"),
                    optional("sample", ValueType.integer(0, 1), "the sample whose attention attentionBefore/attentionAfter state (default 0)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("losses", ValueType.vector(), "the loss at each step of at, before that step's update (as the notebook prints it)"),
                    optional("before", ValueType.matrix(), "the parameter before training, PyTorch layout (W_Q is 3 × 4)"),
                    optional("after", ValueType.matrix(), "the parameter after the last step"),
                    optional("change", ValueType.matrix(), "after − before"),
                    optional("attentionBefore", ValueType.matrix(), "softmax(QKᵀ/√3) of the sample before training (3 × 3)"),
                    optional("attentionAfter", ValueType.matrix(), "the same after the last step"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("seed", "learningRate", "steps");
        }

        @Override
        public StateMap defaults() {
            SimpleAttentionExperiment.Settings n = SimpleAttentionExperiment.Settings.notebook();
            return StateMap.of(Map.of(
                    "seed", new StateValue.Int(n.seed()),
                    "learningRate", new StateValue.Num(n.learningRate()),
                    "steps", new StateValue.Int(n.steps())));
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            long steps = in.integer("steps").orElse(20L);
            if (steps < 1 || steps > MAX_STEPS) {
                out.add("steps is " + steps + "; a check reruns at most " + MAX_STEPS + " steps (the notebook's run is 20)");
            }
            double rate = in.number("learningRate").orElse(0.01);
            if (!(rate > 0)) {
                out.add("learningRate is " + rate + "; expected a positive number");
            }
            List<Integer> at = in.integers("at").orElse(null);
            if (at != null) {
                for (int s : at) {
                    if (s > steps) {
                        out.add("at names step " + s + " but the run has " + steps + " steps");
                    }
                }
                expect.vector("losses").ifPresent(l -> {
                    if (l.length != at.size()) {
                        out.add("expect losses has " + l.length + " numbers but at names " + at.size() + " steps");
                    }
                });
            } else {
                expect.vector("losses").ifPresent(l -> {
                    if (l.length != steps) {
                        out.add("expect losses has " + l.length + " numbers but the run has " + steps
                                + " steps; name the steps with at");
                    }
                });
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            SimpleAttentionExperiment e = new SimpleAttentionExperiment(new SimpleAttentionExperiment.Settings(
                    in.integer("seed").orElse(42L), in.number("learningRate").orElse(0.01), in.integer("steps").orElse(20L).intValue()));
            SimpleAttentionExperiment.Run run = e.run();
            List<String> out = new ArrayList<>();
            expect.vector("losses").ifPresent(stated -> {
                List<Integer> at = in.integers("at").orElse(null);
                double[] actual = new double[stated.length];
                for (int i = 0; i < actual.length; i++) {
                    int step = at == null ? i + 1 : at.get(i);
                    actual[i] = run.losses().get(step - 1);
                }
                Compare.vector(out, "the losses", actual, stated, tol);
            });
            String p = in.text("parameter").orElse("W_Q");
            Matrix before = run.before().parameter(p).orElseThrow();
            Matrix after = run.after().parameter(p).orElseThrow();
            expect.matrix("before").ifPresent(s -> Compare.matrix(out, p + " before", before, s, tol));
            expect.matrix("after").ifPresent(s -> Compare.matrix(out, p + " after", after, s, tol));
            expect.matrix("change").ifPresent(s -> Compare.matrix(out, p + " after − before", difference(after, before), s, tol));
            int sample = in.integer("sample").orElse(0L).intValue();
            expect.matrix("attentionBefore").ifPresent(s -> Compare.matrix(out, "the attention of sample " + sample + " before",
                    self(run.before(), sample), s, tol));
            expect.matrix("attentionAfter").ifPresent(s -> Compare.matrix(out, "the attention of sample " + sample + " after",
                    self(run.after(), sample), s, tol));
            return out;
        }

        private static Matrix self(TrainingSnapshot s, int sample) {
            return s.attention(AttentionKind.SELF).stream().filter(m -> m.sample() == sample).findFirst().orElseThrow().weights();
        }
    }

    static Matrix difference(Matrix a, Matrix b) {
        double[][] d = a.toArray();
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] -= b.get(i, j);
            }
        }
        return Matrix.of(d);
    }

    /** The mean of the heads of one layer: the map the cross-attention view shows by default. */
    static Matrix headMean(List<Matrix> heads) {
        Matrix first = heads.get(0);
        double[][] m = new double[first.rows()][first.cols()];
        for (Matrix h : heads) {
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                    m[i][j] += h.get(i, j) / heads.size();
                }
            }
        }
        return Matrix.of(m);
    }

    /**
     * A shipped encoder-decoder on one sentence: its greedy (or sampled) translation, which source
     * word each target word's cross-attention peaks on, and the decoder's distribution at a step.
     */
    static final class Translate implements CheckKind {

        @Override
        public String name() {
            return "translate";
        }

        @Override
        public String description() {
            return "a shipped encoder-decoder (tiny-translator, copy, reverse) on one sentence: translation, cross-attention alignment, the decoder's candidates at a step";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("source", ValueType.text(), "the source sentence; from the step's state when left out"),
                    optional("model", ValueType.oneOf(MODEL_NAMES), "tiny-translator (default), copy or reverse; from the state"),
                    optional("target", ValueType.text(), "a target to read teacher-forced for alignment and weights (default: the greedy translation; from the state)"),
                    optional("layer", ValueType.integer(0, 63), "the decoder layer whose cross-attention (heads averaged) alignment and weights read (default the last; from the state)"),
                    optional("head", ValueType.integer(-1, 63), "the head whose cross-attention alignment and weights read (default or −1: the mean of the heads; from the state)"),
                    optional("row", ValueType.integer(0, 1000), "the target row whose weights expect weights states (default 0)"),
                    optional("step", ValueType.integer(0, 1000), "the decoding step whose candidates chosen, top and probabilities state (default 0; from the state)"),
                    optional("sampling", ValueType.oneOf("greedy", "sample"), "greedy (default) or seeded sampling; from the state"),
                    optional("temperature", ValueType.number(0.01, 100), "sampling temperature T (default 1; from the state)"),
                    optional("topK", ValueType.integer(0, 1000), "sample among the k most probable (0 = all; default " + DEFAULT_TOP_K + ", as the decoding view; from the state)"),
                    optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "the sampling seed (default 0; from the state)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("translation", ValueType.text(), "the decoded translation (words joined by spaces)"),
                    optional("alignment", ValueType.texts(), "for each target word, the source token its cross-attention row peaks on"),
                    optional("weights", ValueType.vector(), "the cross-attention row of target row row (heads averaged, or of head), over the source tokens and <eos>"),
                    optional("chosen", ValueType.text(), "the token chosen at step"),
                    optional("top", ValueType.texts(), "the most probable tokens at step, best first"),
                    optional("probabilities", ValueType.vector(), "their probabilities softmax(logits / T)"),
                    optional("logits", ValueType.vector(), "their logits"),
                    optional("drawn", ValueType.vector(), "their probabilities after the top-k cut, renormalised: what a sampled draw uses (the view's 'drawn with' column)"),
                    optional("vocabulary", ValueType.integer(1, 1_000_000), "the number of target tokens the softmax runs over (special tokens included)"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("source", "model", "target", "layer", "head", "step", "sampling", "temperature", "topK", "seed");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            int top = expect.texts("top").map(List::size).orElse(-1);
            for (String k : List.of("probabilities", "logits", "drawn")) {
                expect.vector(k).ifPresent(v -> {
                    if (top >= 0 && v.length != top) {
                        out.add("expect " + k + " has " + v.length + " numbers but top names " + top + " tokens");
                    }
                });
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            String name = in.text("model").orElse("tiny-translator");
            Translator t = model(name);
            String source = in.text("source").orElseThrow();
            List<String> out = new ArrayList<>();
            synchronized (t) {
                List<String> unknown = t.unknownWords(source);
                if (!unknown.isEmpty()) {
                    out.add("the " + name + " model does not know " + unknown + "; it reads them as <unk>");
                }
                Sampling sampling = in.text("sampling").orElse("greedy").equals("sample")
                        ? Sampling.sample(in.number("temperature").orElse(1.0), in.integer("topK").orElse((long) DEFAULT_TOP_K).intValue(),
                        in.integer("seed").orElse(0L))
                        : Sampling.greedyDecoding();
                Decoding d = t.decode(source, sampling);
                expect.integer("vocabulary").ifPresent(v -> Compare.number(out, "the target vocabulary",
                        t.targetVocabulary().size(), v, 0));
                expect.text("translation").ifPresent(s -> {
                    if (!d.text().equals(s)) {
                        out.add("the translation is '" + d.text() + "' but the lesson says '" + s + "'");
                    }
                });
                if (expect.has("chosen") || expect.has("top") || expect.has("probabilities") || expect.has("logits")
                        || expect.has("drawn")) {
                    int step = in.integer("step").orElse(0L).intValue();
                    if (step >= d.steps().size()) {
                        out.add("step is " + step + " but the decoding has " + d.steps().size() + " steps (0 to "
                                + (d.steps().size() - 1) + ")");
                    } else {
                        candidates(out, expect, d.steps().get(step), step, tol);
                    }
                }
                if (expect.has("alignment") || expect.has("weights")) {
                    String target = in.text("target").filter(s -> !s.isBlank()).orElse(d.text());
                    List<AttentionMap> maps = t.attention(source, target).stream().filter(m -> m.kind() == AttentionKind.CROSS).toList();
                    int layers = maps.stream().mapToInt(AttentionMap::layer).max().orElse(0) + 1;
                    int layer = in.integer("layer").map(Long::intValue).orElse(layers - 1);
                    if (layer >= layers) {
                        out.add("layer is " + layer + " but the " + name + " model has " + layers + " decoder layers");
                        return out;
                    }
                    List<AttentionMap> ofLayer = maps.stream().filter(m -> m.layer() == layer).toList();
                    int head = in.integer("head").map(Long::intValue).orElse(-1);
                    if (head >= ofLayer.size()) {
                        out.add("head is " + head + " but the " + name + " model has " + ofLayer.size() + " heads per layer");
                        return out;
                    }
                    Matrix mean = head < 0 ? headMean(ofLayer.stream().map(AttentionMap::weights).toList()) : ofLayer.get(head).weights();
                    List<String> rows = ofLayer.get(0).queryTokens();
                    List<String> cols = ofLayer.get(0).keyTokens();
                    expect.texts("alignment").ifPresent(stated -> {
                        List<String> actual = new ArrayList<>();
                        for (int i = 0; i < rows.size() - 1; i++) { // the <eos> row is not a word
                            actual.add(cols.get(argmax(mean.row(i))));
                        }
                        if (!actual.equals(stated)) {
                            out.add("the target words " + rows.subList(0, rows.size() - 1) + " peak on " + actual
                                    + " but the lesson says " + stated);
                        }
                    });
                    expect.vector("weights").ifPresent(stated -> {
                        int row = in.integer("row").orElse(0L).intValue();
                        if (row >= rows.size()) {
                            out.add("row is " + row + " but there are " + rows.size() + " target rows (with <eos>)");
                        } else {
                            Compare.vector(out, "the cross-attention of '" + rows.get(row) + "'", mean.row(row), stated, tol);
                        }
                    });
                }
            }
            return out;
        }

        private static void candidates(List<String> out, StateMap expect, DecodingStep s, int step, double tol) {
            expect.text("chosen").ifPresent(c -> {
                if (!s.chosen().token().equals(c)) {
                    out.add("step " + step + " chooses '" + s.chosen().token() + "' but the lesson says '" + c + "'");
                }
            });
            int n = expect.texts("top").map(List::size).orElse(expect.vector("probabilities").map(v -> v.length)
                    .orElse(expect.vector("logits").map(v -> v.length).orElse(expect.vector("drawn").map(v -> v.length).orElse(0))));
            if (n > s.top().size()) {
                out.add("step " + step + " lists " + s.top().size() + " candidates but the lesson states " + n);
                return;
            }
            List<TokenChoice> top = s.top().subList(0, n);
            expect.texts("top").ifPresent(stated -> {
                List<String> actual = top.stream().map(TokenChoice::token).toList();
                if (!actual.equals(stated)) {
                    out.add("the candidates at step " + step + " are " + actual + " but the lesson says " + stated);
                }
            });
            expect.vector("probabilities").ifPresent(stated -> Compare.vector(out, "the probabilities at step " + step,
                    top.stream().mapToDouble(TokenChoice::probability).toArray(), stated, tol));
            expect.vector("logits").ifPresent(stated -> Compare.vector(out, "the logits at step " + step,
                    top.stream().mapToDouble(TokenChoice::logit).toArray(), stated, tol));
            expect.vector("drawn").ifPresent(stated -> Compare.vector(out, "the renormalised probabilities at step " + step,
                    top.stream().mapToDouble(TokenChoice::sampling).toArray(), stated, tol));
        }

        private static int argmax(double[] v) {
            int best = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] > v[best]) {
                    best = i;
                }
            }
            return best;
        }
    }
}

package org.attentionlab.ui.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.attentionlab.engine.Mask;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.ScaledDotProductAttention;
import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.text.BasicTokenizer;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.Recompute.BadInput;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.widgets.Cell;

/**
 * The mask view's state (Vaswani et al. 2017, section 3.2.3 and the decoder of section 3.1): a
 * batch of sentences padded to the longest, the padding mask built from its attention_mask and
 * the causal mask, one of them (or both, or a mask the user clicks together) added to the scores
 * of the sentence in focus as 0 / −∞ before the softmax, and the weights with exact zeros there.
 * In inference mode the decoder runs one position at a time with no mask at all, and each step's
 * weights equal the same row of the causal training matrix.
 *
 * <p>As in the lecture's examples, Q = K = V = X (no projections) and the scores are not scaled,
 * so every number can be redone by hand: S = X·Xᵀ, S'' = S + M, A = softmax(S''), Z = A·V. X is
 * a seeded embedding per token ({@value #D_MODEL} dimensions) unless vectors are given per
 * position. All attention runs in the engine ({@link ScaledDotProductAttention} with an engine
 * {@link Mask}) on the background executor; a newer request supersedes an older one.
 */
public final class MaskViewModel {

    /** Which mask is added to the scores. */
    public enum Mode {
        PADDING("mask.mode.padding"), CAUSAL("mask.mode.causal"), BOTH("mask.mode.both"), CUSTOM("mask.mode.custom");

        private final String messageKey;

        Mode(String messageKey) {
            this.messageKey = messageKey;
        }

        /** The message key of its name in the view. */
        public String messageKey() {
            return messageKey;
        }

        /** As written in lessons: padding, causal, both, custom. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    public static final List<String> DEFAULT_SENTENCES = List.of("我 爱 你", "你 好");
    public static final String PAD = "[PAD]";
    public static final int D_MODEL = 4;
    public static final long SEED = 42;
    public static final int MAX_SENTENCES = 8;
    public static final int MAX_TOKENS = 64;

    /**
     * Inference step t: the decoder has positions 0..t only; query t attends to all of them with no
     * mask. {@code trainingRow} is row t of the training weights with the causal mask (T keys).
     *
     * @param maxDifference the largest |step weight − training weight| over keys 0..t, and the
     *                      training row's weights after t (which must be exactly 0)
     */
    public record Inference(int step, List<String> seen, AttentionTrace trace, Matrix trainingRow,
                            double maxDifference) {
        public Inference {
            seen = List.copyOf(seen);
        }
    }

    /**
     * What the view shows; immutable.
     *
     * @param batch         every sentence's tokens, padded with {@value #PAD} to the longest
     * @param attentionMask (B, T) of 0/1, 1 = a real token
     * @param focus         the sentence whose matrices are shown (0-based)
     * @param x             (T, d) the focus sentence's vectors (Q = K = V = X)
     * @param padding       (T, T) the padding mask of the focus sentence as added: 0 or −∞
     * @param causal        (T, T) the causal mask as added: 0 or −∞
     * @param mask          (T, T) the mask actually added (by mode): 0 or −∞
     * @param trace         the attention of the focus sentence with that mask
     * @param zeroed        (T, T) softmax(S ⊙ mask) — what multiplying by 0 instead of adding −∞ gives
     * @param inference     the inference step, or null in training mode
     */
    public record Result(List<List<String>> batch, Matrix attentionMask, int focus, Mode mode, Matrix x,
                         Matrix padding, Matrix causal, Matrix mask, AttentionTrace trace, Matrix zeroed,
                         Inference inference, Cell cell) {
        public Result {
            batch = batch.stream().map(List::copyOf).toList();
        }

        /** The focus sentence's tokens, padded. */
        public List<String> tokens() {
            return batch.get(focus);
        }

        /** Its number of real tokens. */
        public int length() {
            int n = 0;
            for (int j = 0; j < attentionMask.cols(); j++) {
                n += (int) attentionMask.get(focus, j);
            }
            return n;
        }
    }

    record Request(List<List<String>> batch, int[][] attentionMask, int focus, Mode mode, Matrix x, boolean[][] custom,
                   boolean inference, int step, Cell cell) {
    }

    private final Recompute work;
    private final ObjectProperty<List<String>> sentences = new SimpleObjectProperty<>(this, "sentences", DEFAULT_SENTENCES);
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.PADDING);
    private final ObjectProperty<Matrix> custom = new SimpleObjectProperty<>(this, "custom");
    private final ObjectProperty<Matrix> vectors = new SimpleObjectProperty<>(this, "vectors");
    private final BooleanProperty inference = new SimpleBooleanProperty(this, "inference", false);
    private final IntegerProperty step = new SimpleIntegerProperty(this, "step", 0);
    /** The sentence in focus, or −1 for the first padded one. */
    private final IntegerProperty focus = new SimpleIntegerProperty(this, "focus", -1);
    private final ObjectProperty<Cell> selected = new SimpleObjectProperty<>(this, "selected");

    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");

    public MaskViewModel(UiExecutors executors) {
        this.work = new Recompute(executors, error, "mask.error.engine", this::recompute);
        sentences.addListener((obs, old, now) -> recompute());
        mode.addListener((obs, old, now) -> recompute());
        custom.addListener((obs, old, now) -> recompute());
        vectors.addListener((obs, old, now) -> recompute());
        inference.addListener((obs, old, now) -> recompute());
        step.addListener((obs, old, now) -> recompute());
        focus.addListener((obs, old, now) -> recompute());
        selected.addListener((obs, old, now) -> recompute());
        recompute();
    }

    // ---------------------------------------------------------------- inputs

    /** The sentences of the batch (split like BERT: spaces, punctuation, each Chinese character). */
    public ObjectProperty<List<String>> sentencesProperty() {
        return sentences;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The custom mask (T × T of 0/1, 1 = may attend), used in {@link Mode#CUSTOM}; null = all allowed. */
    public ObjectProperty<Matrix> customProperty() {
        return custom;
    }

    /** Vectors by position (at least T rows), or null for seeded embeddings per token. */
    public ObjectProperty<Matrix> vectorsProperty() {
        return vectors;
    }

    /** Inference (one position at a time, no mask) instead of training (all at once, masked). */
    public BooleanProperty inferenceProperty() {
        return inference;
    }

    /** The inference step t (0-based): the decoder has positions 0..t. */
    public IntegerProperty stepProperty() {
        return step;
    }

    /** The sentence in focus (0-based), or −1 for the first sentence that has padding. */
    public IntegerProperty focusProperty() {
        return focus;
    }

    /** The highlighted cell [query, key], or null. */
    public ObjectProperty<Cell> selectedProperty() {
        return selected;
    }

    /**
     * Toggles cell (i, j) of the mask: "may attend" ↔ "masked". Outside custom mode the mask in use
     * becomes the custom mask first, so a click starts from what is shown.
     */
    public void toggle(int i, int j) {
        Result r = result.get();
        if (r == null || i >= r.mask().rows() || j >= r.mask().cols()) {
            return;
        }
        double[][] allowed = new double[r.mask().rows()][r.mask().cols()];
        Matrix current = mode.get() == Mode.CUSTOM && custom.get() != null
                && custom.get().rows() == allowed.length && custom.get().cols() == allowed.length ? custom.get() : null;
        for (int a = 0; a < allowed.length; a++) {
            for (int b = 0; b < allowed[a].length; b++) {
                allowed[a][b] = current != null ? current.get(a, b) : r.mask().get(a, b) == 0 ? 1 : 0;
            }
        }
        allowed[i][j] = 1 - allowed[i][j];
        batch(() -> {
            custom.set(Matrix.of(allowed));
            mode.set(Mode.CUSTOM);
        });
    }

    /** Sets several inputs and computes once. */
    public void batch(Runnable change) {
        work.batch(change);
    }

    /**
     * Shows a lesson step's complete state; absent keys take the defaults (the batch "我 爱 你" /
     * "你 好", padding mask, training, the first padded sentence in focus, no highlight).
     */
    public void applyState(StateMap state) {
        batch(() -> {
            sentences.set(state.texts("sentences").orElse(DEFAULT_SENTENCES));
            mode.set(state.text("mode").map(Mode::of).orElse(Mode.PADDING));
            custom.set(state.matrix("custom").orElse(null));
            vectors.set(state.matrix("vectors").orElse(null));
            inference.set(state.flag("inference").orElse(false));
            step.set((int) Math.min(Integer.MAX_VALUE, state.integer("step").orElse(0L)));
            focus.set((int) Math.min(Integer.MAX_VALUE, state.integer("sentence").orElse(-1L)));
            selected.set(state.pair("highlight").map(p -> new Cell(p.first(), p.second())).orElse(null));
        });
    }

    // ---------------------------------------------------------------- results

    /** The last good result; a bad input leaves it shown and sets {@link #errorProperty()}. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public Result result() {
        return result.get();
    }

    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    // ---------------------------------------------------------------- the computation

    private void recompute() {
        work.recompute(this::request, MaskViewModel::compute, result::set);
    }

    private Request request() throws BadInput {
        List<String> texts = sentences.get() == null ? List.of() : sentences.get();
        if (texts.isEmpty()) {
            throw new BadInput(Message.of("mask.error.noSentences"));
        }
        if (texts.size() > MAX_SENTENCES) {
            throw new BadInput(Message.of("mask.error.tooManySentences", texts.size(), MAX_SENTENCES));
        }
        BasicTokenizer tokenizer = new BasicTokenizer(false);
        List<List<String>> words = new ArrayList<>();
        Message note = null;
        for (int b = 0; b < texts.size(); b++) {
            List<String> t = tokenizer.tokenize(texts.get(b) == null ? "" : texts.get(b));
            if (t.isEmpty()) {
                throw new BadInput(Message.of("mask.error.emptySentence", b + 1));
            }
            if (t.size() > MAX_TOKENS) {
                note = Message.of("mask.notice.truncated", b + 1, t.size(), MAX_TOKENS);
                t = t.subList(0, MAX_TOKENS);
            }
            words.add(t);
        }
        int longest = words.stream().mapToInt(List::size).max().orElse(0);
        List<List<String>> batch = new ArrayList<>();
        int[][] attention = new int[words.size()][longest];
        int firstPadded = -1;
        for (int b = 0; b < words.size(); b++) {
            List<String> padded = new ArrayList<>(words.get(b));
            for (int j = 0; j < longest; j++) {
                attention[b][j] = j < words.get(b).size() ? 1 : 0;
            }
            while (padded.size() < longest) {
                padded.add(PAD);
            }
            if (firstPadded < 0 && words.get(b).size() < longest) {
                firstPadded = b;
            }
            batch.add(padded);
        }
        int f = focus.get() < 0 ? Math.max(firstPadded, 0) : focus.get();
        if (f >= batch.size()) {
            throw new BadInput(Message.of("mask.error.focus", f, batch.size(), batch.size() - 1));
        }
        int t = longest;
        Matrix x;
        Matrix given = vectors.get();
        if (given != null) {
            if (given.rows() < t) {
                throw new BadInput(Message.of("mask.error.vectors", given.rows(), t));
            }
            double[][] rows = new double[t][];
            for (int i = 0; i < t; i++) {
                rows[i] = given.row(i);
            }
            x = Matrix.of(rows);
        } else {
            x = QkvViewModel.embed(batch.get(f), D_MODEL, SEED);
        }
        boolean[][] customAllowed = null;
        if (mode.get() == Mode.CUSTOM) {
            Matrix c = custom.get();
            customAllowed = new boolean[t][t];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    customAllowed[i][j] = true;
                }
            }
            if (c != null) {
                if (c.rows() != t || c.cols() != t) {
                    throw new BadInput(Message.of("mask.error.customShape", c.rows(), c.cols(), t));
                }
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        customAllowed[i][j] = c.get(i, j) != 0;
                    }
                }
            }
        }
        int length = words.get(f).size();
        if (inference.get() && (step.get() < 0 || step.get() >= length)) {
            throw new BadInput(Message.of("mask.error.step", step.get(), length, length - 1));
        }
        Cell c = selected.get();
        if (c != null && (c.row() >= t || c.col() >= t)) {
            c = null;
        }
        error.set(null);
        notice.set(note);
        return new Request(batch, attention, f, mode.get(), x, customAllowed, inference.get(), step.get(), c);
    }

    /** Runs on the background executor: every attention goes through the engine. */
    static Result compute(Request r) {
        int t = r.x().rows();
        double[][] x = r.x().toArray();
        Mask padding = Mask.padding(r.attentionMask(), t);
        Mask causal = Mask.causal(t);
        Mask applied = switch (r.mode()) {
            case PADDING -> padding;
            case CAUSAL -> causal;
            case BOTH -> padding.and(causal);
            case CUSTOM -> Mask.of(r.custom());
        };
        boolean[][] allowed = applied.table(r.focus(), t, t);
        AttentionTrace trace = ScaledDotProductAttention.trace(x, x, x, Mask.of(allowed), false, Precision.FLOAT64);

        // what the slide's "element-wise product" would give: masked scores 0, then softmax
        double[][] zeroedScores = trace.scores().toArray();
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                if (!allowed[i][j]) {
                    zeroedScores[i][j] = 0;
                }
            }
        }
        double[][] eye = identity(t);
        Matrix zeroed = ScaledDotProductAttention.trace(zeroedScores, eye, eye, Mask.none(), false, Precision.FLOAT64)
                .weights();

        Inference inference = null;
        if (r.inference()) {
            int s = r.step();
            double[][] seenX = new double[s + 1][];
            for (int i = 0; i <= s; i++) {
                seenX[i] = x[i];
            }
            // one position at a time: the later positions do not exist yet, so no mask
            AttentionTrace stepTrace = ScaledDotProductAttention.trace(new double[][] {x[s]}, seenX, seenX, Mask.none(),
                    false, Precision.FLOAT64);
            AttentionTrace training = ScaledDotProductAttention.trace(x, x, x, causal, false, Precision.FLOAT64);
            Matrix row = Matrix.row(training.weights().row(s));
            double diff = 0;
            for (int j = 0; j < t; j++) {
                double atStep = j <= s ? stepTrace.weights().get(0, j) : 0;
                diff = Math.max(diff, Math.abs(atStep - row.get(0, j)));
            }
            inference = new Inference(s, r.batch().get(r.focus()).subList(0, s + 1), stepTrace, row, diff);
        }
        int[][] am = r.attentionMask();
        double[][] amd = new double[am.length][];
        for (int b = 0; b < am.length; b++) {
            amd[b] = new double[am[b].length];
            for (int j = 0; j < am[b].length; j++) {
                amd[b][j] = am[b][j];
            }
        }
        return new Result(r.batch(), Matrix.of(amd), r.focus(), r.mode(), r.x(), additive(padding.table(r.focus(), t, t)),
                additive(causal.table(0, t, t)), additive(allowed), trace, zeroed, inference, r.cell());
    }

    /** A 0/1 mask as it is added to the scores: 0 where allowed, −∞ where not. */
    static Matrix additive(boolean[][] allowed) {
        double[][] m = new double[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            m[i] = new double[allowed[i].length];
            for (int j = 0; j < allowed[i].length; j++) {
                m[i][j] = allowed[i][j] ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
        return Matrix.of(m);
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}

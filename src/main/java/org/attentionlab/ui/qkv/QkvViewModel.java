package org.attentionlab.ui.qkv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.NormPlacement;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.HeadTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.NumberText;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The Q/K/V view's state (Vaswani et al. 2017, section 3.2.1): the input (typed vectors or a
 * sentence), the model settings, the weights, and every stage of one head's self-attention as
 * immutable matrices: X, W_Q, W_K, W_V → Q, K, V → QKᵀ → ÷√d_k → + M → softmax → ·V.
 *
 * <p>Any change (a setting, a number typed into X or a weight) sends a new request to the engine
 * on the background executor; a newer request supersedes an older one, and results land on the FX
 * executor. Nothing here knows the view; tests drive it with synchronous executors.
 */
public final class QkvViewModel {

    public static final int MAX_TOKENS = 512;
    public static final int MAX_DIM = 512;
    public static final int MAX_HEADS = 64;
    /**
     * The largest magnitude a typed number may have. With it no stage can overflow, even in float32:
     * a projection is at most 512 · 10⁶ · 10⁶ ≈ 5·10¹⁴ and a score at most 512 · (5·10¹⁴)² ≈ 1.3·10³²,
     * below float32's 3.4·10³⁸; a larger typed number would end as ∞ or NaN in the heatmaps.
     */
    public static final double MAX_ABS_VALUE = 1e6;

    /** Where the token vectors come from. */
    public enum InputMode { VECTORS, SENTENCE }

    /** How a sentence becomes tokens (until the tokenizer lands). */
    public enum Split { WHITESPACE, CHARACTERS }

    /** Which keys a query may see; CUSTOM is a 0/1 matrix a lesson sets ({@link #applySetup}). */
    public enum MaskKind { NONE, CAUSAL, CUSTOM }

    /** Where the weights come from when the shape changes. */
    public enum WeightInit { IDENTITY, RANDOM }

    /** Every matrix the view shows, in pipeline order. */
    public enum Stage {
        X("X", "X  (T × d_model)", ScaleMode.SIGNED),
        WQ("W_Q", "W_Q  (d_model × d_k)", ScaleMode.SIGNED),
        WK("W_K", "W_K  (d_model × d_k)", ScaleMode.SIGNED),
        WV("W_V", "W_V  (d_model × d_v)", ScaleMode.SIGNED),
        Q("Q", "Q = X · W_Q", ScaleMode.SIGNED),
        K("K", "K = X · W_K", ScaleMode.SIGNED),
        V("V", "V = X · W_V", ScaleMode.SIGNED),
        SCORES("S", "S = Q · Kᵀ", ScaleMode.SIGNED),
        SCALED("S'", "S' = S ÷ √d_k", ScaleMode.SIGNED),
        MASKED("S''", "S'' = S' + M", ScaleMode.SIGNED),
        WEIGHTS("A", "A = softmax(S'')", ScaleMode.UNIT),
        OUTPUT("Z", "Z = A · V", ScaleMode.SIGNED);

        private final String symbol;
        private final String formula;
        private final ScaleMode scale;

        Stage(String symbol, String formula, ScaleMode scale) {
            this.symbol = symbol;
            this.formula = formula;
            this.scale = scale;
        }

        /** The matrix's name in formulas and messages. */
        public String symbol() {
            return symbol;
        }

        /** The formula as written on the board (language-neutral). */
        public String formula() {
            return formula;
        }

        public ScaleMode scaleMode() {
            return scale;
        }

        /** The message key of the stage's title. */
        public String titleKey() {
            return "qkv.stage." + name().toLowerCase(Locale.ROOT);
        }

        /** Whether rows and columns are both tokens (queries × keys). */
        public boolean tokensByTokens() {
            return this == SCORES || this == SCALED || this == MASKED || this == WEIGHTS;
        }

        /** Whether rows are tokens (else rows are d_model dimensions, for the weights). */
        public boolean rowsAreTokens() {
            return this != WQ && this != WK && this != WV;
        }
    }

    /** Everything one computation needs; immutable, so the background thread can own it. */
    record Request(List<String> tokens, Matrix x, ModelConfig config, Matrix wq, Matrix wk, Matrix wv,
                   WeightInit init, long seed, MaskKind mask, int head, Given given, Matrix customMask,
                   List<String> queryTokens) {
    }

    /**
     * Q, K and V given directly (a lesson's cross-attention example); X and the weights play no
     * part. Labels may be null (then k₁, k₂, … and, unless there are as many queries as keys, q₁, q₂, …).
     */
    record Given(Matrix q, Matrix k, Matrix v, List<String> keyLabels, List<String> queryLabels) {
    }

    /** What came back: the (possibly generated) full weights and the traced head. */
    record Result(Request request, Matrix wq, Matrix wk, Matrix wv, HeadTrace head, Message overflow) {
    }

    private final EngineService engine;
    private final Recompute work;

    private final ObjectProperty<InputMode> inputMode = new SimpleObjectProperty<>(this, "inputMode", InputMode.VECTORS);
    private final StringProperty sentence = new SimpleStringProperty(this, "sentence", "The weather is nice today");
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split", Split.WHITESPACE);
    private final IntegerProperty dModel = new SimpleIntegerProperty(this, "dModel", 2);
    private final IntegerProperty heads = new SimpleIntegerProperty(this, "heads", 1);
    private final IntegerProperty dK = new SimpleIntegerProperty(this, "dK", 2);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 1);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 42);
    private final BooleanProperty scaled = new SimpleBooleanProperty(this, "scaled", false);
    private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(this, "precision", Precision.FLOAT64);
    private final ObjectProperty<MaskKind> mask = new SimpleObjectProperty<>(this, "mask", MaskKind.NONE);
    private final ObjectProperty<WeightInit> weightInit =
            new SimpleObjectProperty<>(this, "weightInit", WeightInit.IDENTITY);

    private final ReadOnlyObjectWrapper<List<String>> tokens = new ReadOnlyObjectWrapper<>(this, "tokens", List.of());
    private final ReadOnlyObjectWrapper<List<String>> queryTokens =
            new ReadOnlyObjectWrapper<>(this, "queryTokens", List.of());
    private final ObjectProperty<Stage> focus = new SimpleObjectProperty<>(this, "focus");
    private final Map<Stage, ReadOnlyObjectWrapper<Matrix>> stages = new EnumMap<>(Stage.class);
    private final ObjectProperty<Cell> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<Derivation> derivation = new ReadOnlyObjectWrapper<>(this, "derivation");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<AttentionTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");

    /** The editable state: the token vectors and the full (all heads) projection weights. */
    private List<String> inputTokens = List.of();
    private Matrix x;
    private Matrix wq;
    private Matrix wk;
    private Matrix wv;
    private boolean weightsStale = true;
    /** A problem with the input found while preparing the current request; shown with it. */
    private Message inputProblem;
    /** Q, K, V given directly instead of X and the weights, or null. */
    private Given given;
    /** The 0/1 mask of {@link MaskKind#CUSTOM}, or null. */
    private Matrix customMask;

    public QkvViewModel(EngineService engine, UiExecutors executors) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.work = new Recompute(executors, error, "qkv.error.engine", this::recompute);
        for (Stage s : Stage.values()) {
            stages.put(s, new ReadOnlyObjectWrapper<>(this, s.name()));
        }
        dModel.addListener((obs, old, now) -> batch(() -> {
            dropGiven();
            suggestDk();
            reshapeInput();
            weightsStale = true;
        }));
        heads.addListener((obs, old, now) -> batch(() -> {
            dropGiven();
            suggestDk();
            if (head.get() > heads.get()) {
                head.set(heads.get());
            }
            weightsStale = true;
        }));
        dK.addListener(o -> batch(() -> weightsStale = true));
        weightInit.addListener(o -> batch(() -> weightsStale = true));
        seed.addListener(o -> batch(() -> {
            weightsStale = true;
            if (inputMode.get() == InputMode.SENTENCE) {
                x = embed(inputTokens, dModel.get(), seed.get());
            }
        }));
        precision.addListener(o -> recompute());
        scaled.addListener(o -> recompute());
        mask.addListener(o -> recompute());
        head.addListener(o -> recompute());
        inputMode.addListener((obs, old, now) -> batch(() -> {
            dropGiven();
            if (now == InputMode.SENTENCE) {
                tokenize();
            } else {
                inputTokens = vectorLabels(inputTokens.size());
            }
        }));
        selected.addListener(o -> updateDerivation());
        loadLectureExample();
    }

    // ---------------------------------------------------------------- settings (bound by the view)

    public ObjectProperty<InputMode> inputModeProperty() {
        return inputMode;
    }

    /** The sentence typed; it takes effect on {@link #applySentence()}. */
    public StringProperty sentenceProperty() {
        return sentence;
    }

    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    public IntegerProperty dModelProperty() {
        return dModel;
    }

    public IntegerProperty headsProperty() {
        return heads;
    }

    public IntegerProperty dKProperty() {
        return dK;
    }

    /** The head shown, from 1. */
    public IntegerProperty headProperty() {
        return head;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public BooleanProperty scaledProperty() {
        return scaled;
    }

    public ObjectProperty<Precision> precisionProperty() {
        return precision;
    }

    public ObjectProperty<MaskKind> maskProperty() {
        return mask;
    }

    public ObjectProperty<WeightInit> weightInitProperty() {
        return weightInit;
    }

    // ---------------------------------------------------------------- results (read-only)

    /** The token labels of the matrices shown: the rows of X, K and V, the columns of the scores and weights. */
    public ReadOnlyObjectProperty<List<String>> tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    /**
     * The labels of the query rows (Q, the scores, the weights, the output): the tokens in
     * self-attention, the decoder's states in a cross-attention example.
     */
    public ReadOnlyObjectProperty<List<String>> queryTokensProperty() {
        return queryTokens.getReadOnlyProperty();
    }

    /** The stage a lesson step points at (the view frames it), or null. */
    public ObjectProperty<Stage> focusProperty() {
        return focus;
    }

    /** Whether Q, K and V were given directly (then X and the weights are not part of the picture). */
    public boolean isGiven() {
        return given != null;
    }

    /** The matrix of a stage as last computed (null before the first result). */
    public ReadOnlyObjectProperty<Matrix> stageProperty(Stage stage) {
        return stages.get(stage).getReadOnlyProperty();
    }

    public Matrix stage(Stage stage) {
        return stages.get(stage).get();
    }

    /** The whole attention trace of the head shown. */
    public ReadOnlyObjectProperty<AttentionTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    /** The selected weight (query row, key column), shared by the T×T heatmaps. */
    public ObjectProperty<Cell> selectedProperty() {
        return selected;
    }

    /** How the selected weight came about, or null. */
    public ReadOnlyObjectProperty<Derivation> derivationProperty() {
        return derivation.getReadOnlyProperty();
    }

    /** The last problem (bad input, the engine refusing), or null; the previous good state stays shown. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Something to know that is not an error (input truncated, edit ignored), or null. */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** True while the engine works on the newest request. */
    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** 1/√d_k as shown in the formulas ("÷ √2 = × 0.7071"), or empty with scaling off. */
    public String scaleText() {
        if (!scaled.get()) {
            return "";
        }
        int d = dK.get();
        return "√d_k = √" + d + " = " + NumberText.fixed(Math.sqrt(d), 4);
    }

    // ---------------------------------------------------------------- actions

    /**
     * The lecture's example (section "self-attention"): x₁=[1,0], x₂=[0,1], x₃=[1,1], W_Q = W_K =
     * W_V = I, no scaling, float64; query x₃ then gets weights [0.2119, 0.2119, 0.5761] and
     * z₃ = [0.7881, 0.7881]. Selects α₃₃.
     */
    public void loadLectureExample() {
        batch(() -> {
            dropGiven();
            inputMode.set(InputMode.VECTORS);
            dModel.set(2);
            heads.set(1);
            dK.set(2);
            head.set(1);
            scaled.set(false);
            precision.set(Precision.FLOAT64);
            mask.set(MaskKind.NONE);
            weightInit.set(WeightInit.IDENTITY);
            x = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
            inputTokens = vectorLabels(3);
            weightsStale = true;
            selected.set(new Cell(2, 2));
        });
    }

    /** Splits the sentence into tokens and gives each a seeded vector; in vector mode, switches to sentences. */
    public void applySentence() {
        batch(() -> {
            dropGiven();
            if (inputMode.get() != InputMode.SENTENCE) {
                inputMode.set(InputMode.SENTENCE); // its listener tokenizes
            } else {
                tokenize();
            }
        });
    }

    /** Appends a token vector of zeros (vector mode). */
    public void addToken() {
        if (x.rows() >= MAX_TOKENS) {
            notice.set(Message.of("qkv.notice.maxTokens", MAX_TOKENS));
            return;
        }
        batch(() -> {
            dropGiven();
            inputMode.set(InputMode.VECTORS);
            double[][] a = Arrays2.resize(x.toArray(), x.rows() + 1, x.cols());
            x = Matrix.of(a);
            inputTokens = vectorLabels(x.rows());
        });
    }

    /** Removes the last token vector (at least one stays). */
    public void removeToken() {
        if (x.rows() <= 1) {
            return;
        }
        batch(() -> {
            dropGiven();
            inputMode.set(InputMode.VECTORS);
            x = Matrix.of(Arrays2.resize(x.toArray(), x.rows() - 1, x.cols()));
            inputTokens = vectorLabels(x.rows());
        });
    }

    /** A number typed into X at (token i, dimension j). */
    public void editX(int i, int j, double value) {
        if (!Double.isFinite(value)) {
            error.set(Message.of("qkv.error.notFinite", "X", i + 1, j + 1));
            return;
        }
        if (Math.abs(value) > MAX_ABS_VALUE) {
            error.set(Message.of("qkv.error.tooLarge", "X", i + 1, j + 1, NumberText.exact(value)));
            return;
        }
        if (i >= x.rows() || j >= x.cols()) {
            return; // the matrix changed shape under the edit
        }
        double[][] a = x.toArray();
        a[i][j] = value;
        x = Matrix.of(a);
        recompute();
    }

    /**
     * A number typed into the shown head's slice of W_Q, W_K or W_V at (i, j).
     *
     * @param stage {@link Stage#WQ}, {@link Stage#WK} or {@link Stage#WV}
     */
    public void editWeight(Stage stage, int i, int j, double value) {
        if (stage != Stage.WQ && stage != Stage.WK && stage != Stage.WV) {
            throw new IllegalArgumentException(stage + " is not an editable weight matrix");
        }
        if (!Double.isFinite(value)) {
            error.set(Message.of("qkv.error.notFinite", stage.symbol(), i + 1, j + 1));
            return;
        }
        if (Math.abs(value) > MAX_ABS_VALUE) {
            error.set(Message.of("qkv.error.tooLarge", stage.symbol(), i + 1, j + 1, NumberText.exact(value)));
            return;
        }
        if (weightsStale || wq == null) {
            notice.set(Message.of("qkv.notice.weightsPending"));
            return;
        }
        int col = (head.get() - 1) * dK.get() + j;
        Matrix full = stage == Stage.WQ ? wq : stage == Stage.WK ? wk : wv;
        if (i >= full.rows() || col >= full.cols()) {
            return;
        }
        double[][] a = full.toArray();
        a[i][col] = value;
        switch (stage) {
            case WQ -> wq = Matrix.of(a);
            case WK -> wk = Matrix.of(a);
            default -> wv = Matrix.of(a);
        }
        recompute();
    }

    /** A cell editor could not read what was typed. */
    public void reportBadCell(Stage stage, String what) {
        error.set(Message.of("qkv.error.badCell", stage.symbol(), what));
    }

    // ---------------------------------------------------------------- the user's work (autosave)

    /**
     * Everything the user made in this view: the settings, the tokens, X and the full (all heads)
     * weights, or null weights while they are still to be generated from the settings.
     */
    public record UserState(InputMode inputMode, String sentence, Split split, int dModel, int heads, int dK, int head,
                            int seed, boolean scaled, Precision precision, MaskKind mask, WeightInit weightInit,
                            List<String> tokens, Matrix x, Matrix wq, Matrix wk, Matrix wv) {
        public UserState {
            Objects.requireNonNull(inputMode, "inputMode");
            Objects.requireNonNull(sentence, "sentence");
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(weightInit, "weightInit");
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(x, "x");
            if ((wq == null) != (wk == null) || (wq == null) != (wv == null)) {
                throw new IllegalArgumentException("W_Q, W_K and W_V are saved together or not at all");
            }
        }
    }

    /** A snapshot of the user's work (immutable: the autosave writes it on another thread). */
    public UserState userState() {
        boolean weights = !weightsStale && wq != null;
        return new UserState(inputMode.get(), sentence.get() == null ? "" : sentence.get(), split.get(), dModel.get(),
                heads.get(), dK.get(), head.get(), seed.get(), scaled.get(), precision.get(), mask.get(), weightInit.get(),
                inputTokens, x, weights ? wq : null, weights ? wk : null, weights ? wv : null);
    }

    /**
     * Puts back saved work. Everything is checked first (ranges, shapes, finite numbers within
     * {@link #MAX_ABS_VALUE}); on any problem nothing changes.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public void restore(UserState s) {
        checkRange(s.dModel(), 1, MAX_DIM, "d_model");
        checkRange(s.heads(), 1, MAX_HEADS, "heads");
        checkRange(s.dK(), 1, MAX_DIM, "d_k");
        checkRange(s.head(), 1, s.heads(), "head");
        checkRange(s.x().rows(), 1, MAX_TOKENS, "tokens");
        checkShape("X", s.x(), s.x().rows(), s.dModel());
        if (s.tokens().size() != s.x().rows()) {
            throw new IllegalArgumentException(s.tokens().size() + " token labels for " + s.x().rows() + " rows of X");
        }
        if (s.wq() != null) {
            checkShape("W_Q", s.wq(), s.dModel(), s.heads() * s.dK());
            checkShape("W_K", s.wk(), s.dModel(), s.heads() * s.dK());
            checkShape("W_V", s.wv(), s.dModel(), s.heads() * s.dK());
        }
        batch(() -> {
            sentence.set(s.sentence());
            split.set(s.split());
            inputMode.set(s.inputMode());
            dModel.set(s.dModel());
            heads.set(s.heads());
            dK.set(s.dK());
            head.set(s.head());
            seed.set(s.seed());
            scaled.set(s.scaled());
            precision.set(s.precision());
            mask.set(s.mask());
            weightInit.set(s.weightInit());
            // last, so that no listener above recomputes them from the settings
            inputTokens = s.tokens();
            x = s.x();
            wq = s.wq();
            wk = s.wk();
            wv = s.wv();
            weightsStale = s.wq() == null;
            inputProblem = null;
            selected.set(null);
        });
    }

    private static void checkShape(String name, Matrix m, int rows, int cols) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(name + " is " + m.rows() + "×" + m.cols() + "; the settings need " + rows + "×" + cols);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = m.get(i, j);
                if (!Double.isFinite(v) || Math.abs(v) > MAX_ABS_VALUE) {
                    throw new IllegalArgumentException(name + " [" + (i + 1) + ", " + (j + 1) + "] is " + v
                            + "; expected a finite number within ±" + NumberText.exact(MAX_ABS_VALUE));
                }
            }
        }
    }

    // ---------------------------------------------------------------- the computation

    /** Runs {@code change} and then recomputes once, however many settings it touched. */
    private void batch(Runnable change) {
        work.batch(change);
    }

    private void recompute() {
        if (work.suspended()) {
            return; // the outermost batch recomputes
        }
        error.set(inputProblem); // a new attempt: the last error goes unless this input has one
        inputProblem = null;
        Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            error.set(Message.of("qkv.error.settings", e.getMessage()));
            return;
        }
        work.submit(() -> compute(engine, request), this::apply);
    }

    private Request request() {
        int d = dModel.get();
        int h = heads.get();
        int k = dK.get();
        checkRange(d, 1, MAX_DIM, "d_model");
        checkRange(h, 1, MAX_HEADS, "heads");
        checkRange(k, 1, MAX_DIM, "d_k");
        checkRange(head.get(), 1, h, "head");
        boolean generate = weightsStale || wq == null || wq.rows() != d || wq.cols() != h * k
                || wv.rows() != d || wv.cols() % h != 0;
        // d_v = d_k unless a lesson gave a W_V of another width
        int v = generate ? k : wv.cols() / h;
        ModelConfig config = new ModelConfig(d, h, k, v, 4 * d, 1, Activation.RELU, NormPlacement.POST, 1e-5,
                scaled.get(), precision.get());
        if (mask.get() == MaskKind.CUSTOM && customMask == null) {
            throw new IllegalArgumentException("the custom mask has no matrix (a lesson step sets one, e.g. mask: [[1, 0], [1, 1]])");
        }
        List<String> keyLabels = given == null ? inputTokens : labels(given.keyLabels(), given.k().rows(), "k");
        List<String> queryLabels = given == null ? keyLabels
                : given.queryLabels() != null ? labels(given.queryLabels(), given.q().rows(), "q")
                : given.q().rows() == keyLabels.size() ? keyLabels : labels(null, given.q().rows(), "q");
        return new Request(keyLabels, x, config, generate ? null : wq, generate ? null : wk, generate ? null : wv,
                weightInit.get(), seed.get(), mask.get(), head.get() - 1, given, customMask, queryLabels);
    }

    /** {@code wanted} when it has one label per row, else p₁, p₂, … (the error display says why). */
    private static List<String> labels(List<String> wanted, int rows, String prefix) {
        if (wanted != null && wanted.size() == rows) {
            return wanted;
        }
        List<String> out = new ArrayList<>(rows);
        for (int i = 1; i <= rows; i++) {
            out.add(prefix + NumberText.subscript(i));
        }
        return List.copyOf(out);
    }

    private static void checkRange(int value, int lo, int hi, String what) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(what + " is " + value + "; expected " + lo + " to " + hi);
        }
    }

    /** Runs on the background executor: weights if needed, then the traced forward pass. */
    static Result compute(EngineService engine, Request r) {
        if (r.given() != null) {
            Given g = r.given();
            AttentionTrace a = engine.attention(g.q().toArray(), g.k().toArray(), g.v().toArray(),
                    mask(r, g.q().rows()), r.config().scaled(), r.config().precision());
            HeadTrace h = new HeadTrace(0, null, null, null, a);
            return new Result(r, null, null, null, h, overflow(h));
        }
        ModelConfig c = r.config();
        AttentionWeights w;
        if (r.wq() == null) {
            w = r.init() == WeightInit.IDENTITY ? identityWeights(c) : engine.initialWeights(c, r.seed());
        } else {
            w = AttentionWeights.withoutBias(r.wq().toArray(), r.wk().toArray(), r.wv().toArray(),
                    eye(c.heads() * c.dV(), c.dModel()));
        }
        HeadTrace h = engine.selfAttention(r.x().toArray(), c, w, mask(r, r.x().rows())).heads().get(r.head());
        return new Result(r, Matrix.of(w.wq()), Matrix.of(w.wk()), Matrix.of(w.wv()), h, overflow(h));
    }

    private static Mask mask(Request r, int queries) {
        return switch (r.mask()) {
            case NONE -> Mask.none();
            case CAUSAL -> Mask.causal(queries);
            case CUSTOM -> {
                double[][] m = r.customMask().toArray();
                int[][] z = new int[m.length][];
                for (int i = 0; i < m.length; i++) {
                    z[i] = new int[m[i].length];
                    for (int j = 0; j < m[i].length; j++) {
                        z[i][j] = (int) m[i][j];
                    }
                }
                yield Mask.custom(z, "the mask");
            }
        };
    }

    private void apply(Result r) {
        if (r.overflow() != null) {
            error.set(r.overflow()); // the previous result stays shown
            return;
        }
        if (r.request().given() == null && r.request().wq() == null) {
            wq = r.wq();
            wk = r.wk();
            wv = r.wv();
            weightsStale = false;
        }
        tokens.set(r.request().tokens());
        queryTokens.set(r.request().queryTokens());
        AttentionTrace a = r.head().attention();
        stages.get(Stage.X).set(r.request().given() == null ? r.request().x() : null);
        stages.get(Stage.WQ).set(r.head().wq());
        stages.get(Stage.WK).set(r.head().wk());
        stages.get(Stage.WV).set(r.head().wv());
        stages.get(Stage.Q).set(a.q());
        stages.get(Stage.K).set(a.k());
        stages.get(Stage.V).set(a.v());
        stages.get(Stage.SCORES).set(a.scores());
        stages.get(Stage.SCALED).set(a.scaled());
        stages.get(Stage.MASKED).set(a.masked());
        stages.get(Stage.WEIGHTS).set(a.weights());
        stages.get(Stage.OUTPUT).set(a.output());
        trace.set(a);
        Cell s = selected.get();
        if (s != null && (s.row() >= a.weights().rows() || s.col() >= a.weights().cols())) {
            selected.set(null);
        }
        updateDerivation();
    }

    /**
     * The first stage that holds NaN or ±∞ (−∞ is allowed where the mask put it), as an error; null
     * when every number is finite. Typed numbers are bounded so this should not happen; if it
     * does, no heatmap shows a colour for a number that is not one.
     */
    static Message overflow(HeadTrace h) {
        AttentionTrace a = h.attention();
        Stage[] stages = {Stage.Q, Stage.K, Stage.V, Stage.SCORES, Stage.SCALED, Stage.MASKED, Stage.WEIGHTS, Stage.OUTPUT};
        Matrix[] values = {a.q(), a.k(), a.v(), a.scores(), a.scaled(), a.masked(), a.weights(), a.output()};
        for (int s = 0; s < stages.length; s++) {
            Matrix m = values[s];
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    double x = m.get(i, j);
                    boolean maskedCell = stages[s] == Stage.MASKED && x == Double.NEGATIVE_INFINITY
                            && Double.isFinite(a.scaled().get(i, j));
                    if (!Double.isFinite(x) && !maskedCell) {
                        return Message.of("qkv.error.overflow", stages[s].symbol(), NumberText.exact(x), i + 1, j + 1);
                    }
                }
            }
        }
        return null;
    }

    private void updateDerivation() {
        AttentionTrace a = trace.get();
        Cell s = selected.get();
        if (a == null || s == null || s.row() >= a.weights().rows() || s.col() >= a.weights().cols()) {
            derivation.set(null);
            return;
        }
        derivation.set(Derivation.of(a, s.row(), s.col(), queryTokens.get(), tokens.get(), 4));
    }

    // ---------------------------------------------------------------- a complete state at once

    /**
     * Shows {@code s} exactly, whatever was shown before (a lesson step, or going back to one):
     * every setting, the vectors or the given Q/K/V, the weights, the mask, the highlighted weight
     * and the focus. Computes once. A problem of the setup is shown as the error, with the rest
     * applied.
     */
    public void applySetup(QkvSetup s) {
        batch(() -> {
            dropGiven();
            notice.set(null);
            // the mode first: its listener re-labels the tokens, which the source below then sets
            inputMode.set(s.source() == QkvSetup.Source.SENTENCE ? InputMode.SENTENCE : InputMode.VECTORS);
            split.set(s.split());
            if (s.sentence() != null) {
                sentence.set(s.sentence());
            }
            weightInit.set(s.weightInit());
            seed.set(s.seed());
            heads.set(1); // so that head 1 exists for every heads value set next
            head.set(1);
            dModel.set(s.wq() != null ? s.wq().rows() : s.dModel());
            heads.set(s.heads());
            dK.set(s.wq() != null ? s.wq().cols() / s.heads() : Math.max(1, s.dModel() / s.heads()));
            scaled.set(s.scaled());
            precision.set(s.precision());
            customMask = s.customMask();
            mask.set(s.mask());
            switch (s.source()) {
                case SENTENCE -> tokenize();
                case VECTORS -> {
                    x = s.vectors();
                    inputTokens = labels(s.tokens(), x.rows(), "x");
                }
                case LECTURE, GIVEN -> {
                    // with Q/K/V given, X plays no part: the lecture's stays underneath for when the user leaves that mode
                    x = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
                    inputTokens = labels(s.source() == QkvSetup.Source.LECTURE ? s.tokens() : null, 3, "x");
                }
            }
            if (s.wq() != null) {
                wq = s.wq();
                wk = s.wk();
                wv = s.wv();
                weightsStale = false;
            } else {
                weightsStale = true;
            }
            if (s.source() == QkvSetup.Source.GIVEN) {
                given = new Given(s.queries(), s.keys(), s.values(), s.tokens(), s.queryTokens());
            }
            selected.set(s.highlight());
            focus.set(s.focus());
            if (!s.problems().isEmpty()) {
                inputProblem = s.problems().get(0);
            }
        });
    }

    private void dropGiven() {
        given = null;
    }

    // ---------------------------------------------------------------- input helpers

    private void suggestDk() {
        // the paper's choice d_k = d_model / h, when it divides; otherwise the user's d_k stays
        if (heads.get() > 0 && dModel.get() % heads.get() == 0) {
            dK.set(dModel.get() / heads.get());
        }
    }

    private void reshapeInput() {
        if (inputMode.get() == InputMode.SENTENCE) {
            x = embed(inputTokens, dModel.get(), seed.get());
        } else if (x != null) {
            x = Matrix.of(Arrays2.resize(x.toArray(), x.rows(), dModel.get()));
        }
    }

    private void tokenize() {
        List<String> t = split(sentence.get(), split.get());
        if (t.isEmpty()) {
            inputProblem = Message.of("qkv.error.emptySentence");
            inputMode.set(InputMode.VECTORS);
            return;
        }
        if (t.size() > MAX_TOKENS) {
            notice.set(Message.of("qkv.notice.truncated", t.size(), MAX_TOKENS));
            t = t.subList(0, MAX_TOKENS);
        } else {
            notice.set(null);
        }
        inputTokens = List.copyOf(t);
        x = embed(inputTokens, dModel.get(), seed.get());
    }

    /** Splits by whitespace, or into characters (code points, whitespace dropped). */
    public static List<String> split(String text, Split how) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (how == Split.WHITESPACE) {
            Collections.addAll(out, s.split("\\s+"));
        } else {
            s.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp))
                    .forEach(cp -> out.add(new String(Character.toChars(cp))));
        }
        out.removeIf(tok -> tok.codePoints().allMatch(Character::isISOControl));
        return out;
    }

    /**
     * A seeded random vector per token, uniform in [−1, 1] and rounded to two decimals so that a
     * class can read it; the same token always gets the same vector (an embedding table).
     */
    public static Matrix embed(List<String> tokens, int dim, long seed) {
        double[][] a = new double[tokens.size()][dim];
        for (int i = 0; i < tokens.size(); i++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + tokens.get(i).hashCode());
            for (int j = 0; j < dim; j++) {
                a[i][j] = Math.round((2 * r.nextDouble() - 1) * 100) / 100.0;
            }
        }
        return Matrix.of(a);
    }

    private static List<String> vectorLabels(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add("x" + NumberText.subscript(i));
        }
        return List.copyOf(out);
    }

    /** W = I where square; otherwise column c reads dimension c mod d_model (each head sees the first d_k). */
    static AttentionWeights identityWeights(ModelConfig c) {
        int d = c.dModel();
        int hv = c.heads() * c.dV();
        return AttentionWeights.withoutBias(eyeByHead(d, c.heads(), c.dK()), eyeByHead(d, c.heads(), c.dK()),
                eyeByHead(d, c.heads(), c.dV()), eye(hv, d));
    }

    private static double[][] eyeByHead(int d, int h, int width) {
        double[][] m = new double[d][h * width];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < width; j++) {
                m[j % d][i * width + j] = 1;
            }
        }
        return m;
    }

    private static double[][] eye(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < Math.min(rows, cols); i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** Small array helpers. */
    static final class Arrays2 {
        private Arrays2() {
        }

        /** A copy cut or zero-padded to rows × cols. */
        static double[][] resize(double[][] a, int rows, int cols) {
            double[][] out = new double[rows][cols];
            for (int i = 0; i < Math.min(rows, a.length); i++) {
                System.arraycopy(a[i], 0, out[i], 0, Math.min(cols, a[i].length));
            }
            return out;
        }
    }
}

package org.attentionlab.ui.multihead;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.NormPlacement;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.HeadTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.LatestOnly;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.qkv.QkvViewModel.Split;

/**
 * The multi-head view's state (Vaswani et al. 2017, section 3.2.2; the lecture's six steps with 8
 * heads): a sentence (optionally a pair), where the weights come from (seeded random weights, or a
 * BERT checkpoint the user opened), the layer and head in focus, the step of the six, and how the
 * heads are combined for display.
 *
 * <p>Two background computations, each {@link LatestOnly}: the engine (tokens, every layer's
 * attention, and the traced layer in focus: X, each head's W_i, Q_i, K_i, V_i, weights and Z_i, the
 * concatenation, W^O and the output) and the display (what the heatmaps and the lines view show:
 * {@link AttentionMaps} applied to the layer in focus). Changing a display option never reruns the
 * engine; changing only the layer of a loaded model reruns only that layer's trace.
 *
 * <p>Display rules: hiding {@code [CLS]}/{@code [SEP]} is applied to the matrix shown (a head, or
 * the combination of heads) and renormalises each row; the sentence-pair filter then keeps the
 * rows of one sentence and the columns of the other, without renormalising. Mean and maximum
 * combine the heads of the layer in focus that are switched on; "over layers" combines every head
 * of every layer; rollout runs from layer 0 to the layer in focus over all heads.
 *
 * <p>Bad settings (d_model not divisible by h, a layer or head that does not exist, no model
 * loaded) set {@link #errorProperty()} and keep the previous result on screen.
 */
public final class MultiHeadViewModel {

    public static final int MAX_TOKENS = 512;
    public static final int MAX_DIM = 1024;
    public static final int MAX_HEADS = 64;
    public static final int MAX_LAYERS = 12;
    /** Most attention weights (T·T·h·L) one random-weight run keeps: 128 tokens × 12 heads × 12 layers fit. */
    public static final long MAX_ATTENTION_CELLS = 1L << 22;
    /** Most weights (about 12·d_model²·L) of a random-weight encoder stack: BERT-base's 12 layers fit. */
    public static final long MAX_PARAMETERS = 1L << 26;

    public static final String DEFAULT_TEXT = "The animal didn't cross the street because it was too tired";
    public static final int DEFAULT_HEADS = 8;
    public static final int DEFAULT_D_MODEL = 512;
    public static final int DEFAULT_SEED = 42;

    /** Where the weights come from. */
    public enum Source {
        /** Seeded Glorot weights of a post-LN encoder with the settings' d_model, h and layers (the lecture). */
        RANDOM,
        /** The BERT checkpoint opened with File → Open model…. */
        MODEL;

        public String lessonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The lecture's six steps (Multi-Head Attention 计算流程). */
    public enum Stage {
        SENTENCE, EMBED, PROJECT, ATTEND, HEADS, CONCAT;

        public String lessonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The message key of the step's name. */
        public String messageKey() {
            return "multihead.stage." + lessonName();
        }

        /** 1 to 6, as the lecture numbers them. */
        public int number() {
            return ordinal() + 1;
        }
    }

    /** How the heads are combined for display. */
    public enum Aggregate {
        /** Each head on its own. */
        NONE,
        /** Mean of the heads switched on, layer in focus. */
        MEAN,
        /** Element-wise maximum of the heads switched on, layer in focus. */
        MAX,
        /** Mean of every head of every layer. */
        MEAN_LAYERS,
        /** Maximum of every head of every layer. */
        MAX_LAYERS,
        /** Attention rollout from layer 0 to the layer in focus (Abnar &amp; Zuidema 2020). */
        ROLLOUT;

        public String lessonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The message key of the sentence saying how this combination is computed. */
        public String formulaKey() {
            return "multihead.combined.formula." + lessonName();
        }
    }

    /** Which part of a sentence pair is shown: queries from one sentence, keys from the other. */
    public enum PairFilter {
        ALL(-1, -1), A_TO_A(0, 0), A_TO_B(0, 1), B_TO_A(1, 0), B_TO_B(1, 1);

        private final int from;
        private final int to;

        PairFilter(int from, int to) {
            this.from = from;
            this.to = to;
        }

        /** The segment (token type) of the query rows kept, or −1 for all. */
        public int from() {
            return from;
        }

        /** The segment of the key columns kept, or −1 for all. */
        public int to() {
            return to;
        }

        public String lessonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What decides the engine's answer (a newer run with the same key may reuse the attentions). */
    record Key(Source source, BertSession session, String text, String pair, Split split, int dModel, int heads,
               int layers, long seed) {
    }

    /** Everything one engine run needs; immutable, so the background thread can own it. */
    record Request(Key key, int layer, Result cached) {
    }

    /**
     * What the engine answered.
     *
     * @param tokens     the token labels, one per position
     * @param segments   each token's sentence: 0 = A, 1 = B
     * @param specials   positions of {@code [CLS]} and {@code [SEP]}
     * @param attentions [layer][head] → (T, T) weights
     * @param layer      the layer traced
     * @param layerInput (T, d_model) the input of that layer (for layer 0 the embeddings X)
     * @param trace      that layer's multi-head attention, every stage of every head
     * @param notice     what the user should know (input truncated), or null
     */
    public record Result(Key key, List<String> tokens, List<Integer> segments, Set<Integer> specials,
                         List<List<Matrix>> attentions, int layer, Matrix layerInput, MultiHeadTrace trace,
                         Message notice) {

        public Result {
            tokens = List.copyOf(tokens);
            segments = List.copyOf(segments);
            specials = Set.copyOf(specials);
            attentions = attentions.stream().map(List::copyOf).toList();
        }

        public int layers() {
            return attentions.size();
        }

        public int heads() {
            return attentions.isEmpty() ? 0 : attentions.get(0).size();
        }

        /** Whether the tokens come from two sentences. */
        public boolean isPair() {
            return segments.contains(1);
        }

        public Source source() {
            return key.source();
        }
    }

    /** Input the view cannot show, as a message for the user (thrown on either thread). */
    public static final class InputProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Message problem;

        public InputProblem(Message problem) {
            super(problem.key() + " " + problem.args());
            this.problem = problem;
        }

        public Message problem() {
            return problem;
        }
    }

    /** Display options, with the result they apply to. */
    record DisplayRequest(Result result, boolean hideSpecial, PairFilter filter, Aggregate aggregate,
                          Set<Integer> hiddenHeads) {
    }

    /**
     * What the heatmaps and the lines view show for the layer in focus.
     *
     * @param rowTokens labels of the query rows (after the pair filter)
     * @param colTokens labels of the key columns
     * @param rows      the positions of the rows in the whole input
     * @param cols      the positions of the columns
     * @param heads     every head of the layer as shown (hidden special tokens, filter), head order
     * @param aggregate the heads combined, or null for {@link Aggregate#NONE}
     * @param notice    why an option could not be applied, or null
     */
    public record Display(int layer, List<String> rowTokens, List<String> colTokens, List<Integer> rows,
                          List<Integer> cols, List<Matrix> heads, Set<Integer> hiddenHeads, Aggregate kind,
                          Matrix aggregate, PairFilter filter, boolean hideSpecial, Message notice) {
        public Display {
            rowTokens = List.copyOf(rowTokens);
            colTokens = List.copyOf(colTokens);
            rows = List.copyOf(rows);
            cols = List.copyOf(cols);
            heads = List.copyOf(heads);
            hiddenHeads = Set.copyOf(hiddenHeads);
        }

        /** Whether head {@code h} is switched on (drawn in the lines view and combined). */
        public boolean shown(int h) {
            return !hiddenHeads.contains(h);
        }
    }

    private final EngineService engine;
    private final ObservableValue<BertSession> model;
    private final Recompute engineRuns;
    private final LatestOnly displayRuns;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private final StringProperty text = new SimpleStringProperty(this, "text", DEFAULT_TEXT);
    private final StringProperty pair = new SimpleStringProperty(this, "pair", "");
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split", Split.WHITESPACE);
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.RANDOM);
    private final IntegerProperty heads = new SimpleIntegerProperty(this, "heads", DEFAULT_HEADS);
    private final IntegerProperty dModel = new SimpleIntegerProperty(this, "dModel", DEFAULT_D_MODEL);
    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers", 1);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", DEFAULT_SEED);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 0);
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(this, "stage", Stage.ATTEND);
    private final ObjectProperty<Aggregate> aggregate = new SimpleObjectProperty<>(this, "aggregate", Aggregate.NONE);
    private final BooleanProperty hideSpecial = new SimpleBooleanProperty(this, "hideSpecial", false);
    private final ObjectProperty<PairFilter> pairFilter = new SimpleObjectProperty<>(this, "pairFilter", PairFilter.ALL);
    private final ObjectProperty<Set<Integer>> hiddenHeads = new SimpleObjectProperty<>(this, "hiddenHeads", Set.of());

    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Display> display = new ReadOnlyObjectWrapper<>(this, "display");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");

    private boolean engineDirty;
    private boolean displayDirty;

    /**
     * @param model the checkpoint the user opened, or null until one is (shared with the model view)
     */
    public MultiHeadViewModel(EngineService engine, UiExecutors executors, ObservableValue<BertSession> model) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.model = Objects.requireNonNull(model, "model");
        this.engineRuns = new Recompute(executors, error, MultiHeadViewModel::problemOf, this::afterBatch);
        this.displayRuns = new LatestOnly(executors);
        busy.bind(engineRuns.busyProperty().or(displayRuns.busyProperty()));
        for (var p : List.of(split, source, dModel, seed, layers, layer)) {
            p.addListener(o -> recompute());
        }
        heads.addListener((obs, old, now) -> batch(() -> {
            if (head.get() >= now.intValue() && now.intValue() > 0) {
                head.set(now.intValue() - 1);
            }
            hiddenHeads.set(Set.of());
            engineDirty = true;
        }));
        layers.addListener((obs, old, now) -> clampLayer());
        source.addListener((obs, old, now) -> clampLayer());
        head.addListener(o -> validateFocus());
        for (var p : List.of(hideSpecial, pairFilter, aggregate, hiddenHeads)) {
            p.addListener(o -> redisplay());
        }
        model.addListener((obs, old, now) -> {
            if (now != null) {
                batch(() -> {
                    source.set(Source.MODEL);
                    clampLayer();
                    engineDirty = true;
                });
            } else if (source.get() == Source.MODEL) {
                source.set(Source.RANDOM);
            }
        });
        if (model.getValue() != null) {
            source.set(Source.MODEL);
        }
        recompute();
    }

    // ---------------------------------------------------------------- settings (bound by the view)

    /** The sentence typed; takes effect with {@link #applyText()} (or any other change). */
    public StringProperty textProperty() {
        return text;
    }

    /** A second sentence (B), or empty for one sentence. */
    public StringProperty pairProperty() {
        return pair;
    }

    /** How random-weight runs split the sentence (a model uses its WordPiece vocabulary). */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** h, for random weights (a model has its own). */
    public IntegerProperty headsProperty() {
        return heads;
    }

    /** d_model, for random weights. */
    public IntegerProperty dModelProperty() {
        return dModel;
    }

    /** Number of encoder layers, for random weights. */
    public IntegerProperty layersProperty() {
        return layers;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** The layer in focus, from 0. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** The head in focus, from 0 (Z₀ is head 0). */
    public IntegerProperty headProperty() {
        return head;
    }

    public ObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public ObjectProperty<Aggregate> aggregateProperty() {
        return aggregate;
    }

    /** Hide attention to [CLS] and [SEP] and renormalise the rows. */
    public BooleanProperty hideSpecialProperty() {
        return hideSpecial;
    }

    public ObjectProperty<PairFilter> pairFilterProperty() {
        return pairFilter;
    }

    /** The heads switched off in the lines view (and left out of the mean and maximum). */
    public ObjectProperty<Set<Integer>> hiddenHeadsProperty() {
        return hiddenHeads;
    }

    /** The checkpoint the user opened, or null. */
    public ObservableValue<BertSession> modelProperty() {
        return model;
    }

    // ---------------------------------------------------------------- results (read-only)

    /** The last engine answer (null before the first). */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public Result result() {
        return result.get();
    }

    /** What the heatmaps and the lines view show (null before the first result). */
    public ReadOnlyObjectProperty<Display> displayProperty() {
        return display.getReadOnlyProperty();
    }

    public Display display() {
        return display.get();
    }

    /** The last problem, or null; the previous result stays shown. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Something to know that is not an error (input truncated, a filter that does not apply), or null. */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** True while the engine or the display works on the newest request. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The number of layers of the current source (the model's, or the setting). */
    public int layerCount() {
        BertSession s = model.getValue();
        return source.get() == Source.MODEL && s != null ? s.config().layers() : layers.get();
    }

    /** The number of heads of the current source. */
    public int headCount() {
        BertSession s = model.getValue();
        return source.get() == Source.MODEL && s != null ? s.config().heads() : heads.get();
    }

    /** The head in focus of the traced layer, or null. */
    public HeadTrace focusedHead() {
        Result r = result.get();
        int h = head.get();
        return r == null || h < 0 || h >= r.trace().heads().size() ? null : r.trace().heads().get(h);
    }

    // ---------------------------------------------------------------- actions

    /** Takes the typed sentence (and pair). */
    public void applyText() {
        recompute();
    }

    /** Switches head {@code h} on or off in the lines view and the mean/maximum. */
    public void toggleHead(int h) {
        Set<Integer> s = new TreeSet<>(hiddenHeads.get());
        if (!s.remove(h)) {
            s.add(h);
        }
        hiddenHeads.set(Set.copyOf(s));
    }

    /** Switches every head on. */
    public void showAllHeads() {
        hiddenHeads.set(Set.of());
    }

    /** Shows only head {@code h} (others off). */
    public void showOnlyHead(int h) {
        Set<Integer> s = new TreeSet<>();
        for (int i = 0; i < headCount(); i++) {
            if (i != h) {
                s.add(i);
            }
        }
        hiddenHeads.set(Set.copyOf(s));
    }

    /**
     * Opens one head of the loaded model full size (what a click on a model-view thumbnail does):
     * that sentence, the layer and head, the attend step, every head on, no combination.
     */
    public void showModelHead(String sentence, String second, int layerIndex, int headIndex, boolean hide) {
        batch(() -> {
            text.set(sentence);
            pair.set(second == null ? "" : second);
            source.set(Source.MODEL);
            layer.set(layerIndex);
            head.set(headIndex);
            stage.set(Stage.ATTEND);
            aggregate.set(Aggregate.NONE);
            pairFilter.set(PairFilter.ALL);
            hideSpecial.set(hide);
            hiddenHeads.set(Set.of());
            engineDirty = true;
        });
    }

    /**
     * Shows the complete state of a lesson step (keys of {@code multihead} in
     * {@link org.attentionlab.lesson.ViewCatalog}); absent keys take the defaults. Values that are
     * well typed but cannot be shown go to {@link #errorProperty()}.
     */
    public void applyLessonState(StateMap s) {
        batch(() -> {
            text.set(s.text("text").orElse(DEFAULT_TEXT));
            pair.set(s.text("pair").orElse(""));
            split.set(s.text("split").map(v -> v.equals("characters") ? Split.CHARACTERS : Split.WHITESPACE)
                    .orElse(Split.WHITESPACE));
            source.set(s.text("source").map(v -> v.equals("model") ? Source.MODEL : Source.RANDOM).orElse(Source.RANDOM));
            heads.set(s.integer("heads").orElse((long) DEFAULT_HEADS).intValue());
            dModel.set(s.integer("dModel").orElse((long) DEFAULT_D_MODEL).intValue());
            layers.set(s.integer("layers").orElse(1L).intValue());
            seed.set(s.integer("seed").orElse((long) DEFAULT_SEED).intValue());
            layer.set(s.integer("layer").orElse(0L).intValue());
            head.set(s.integer("head").orElse(0L).intValue());
            stage.set(s.text("stage").map(MultiHeadViewModel::stageOf).orElse(Stage.ATTEND));
            aggregate.set(s.text("aggregate").map(MultiHeadViewModel::aggregateOf).orElse(Aggregate.NONE));
            hideSpecial.set(s.flag("hideSpecial").orElse(false));
            pairFilter.set(s.text("pairFilter").map(MultiHeadViewModel::filterOf).orElse(PairFilter.ALL));
            Set<Integer> hidden = new TreeSet<>();
            s.integers("shownHeads").ifPresent(shown -> {
                for (int i = 0; i < MAX_HEADS; i++) {
                    if (!shown.contains(i)) {
                        hidden.add(i);
                    }
                }
            });
            hiddenHeads.set(Set.copyOf(hidden));
            engineDirty = true;
        });
    }

    static Stage stageOf(String name) {
        return lookup(Stage.values(), name, Stage::lessonName);
    }

    static Aggregate aggregateOf(String name) {
        return lookup(Aggregate.values(), name, Aggregate::lessonName);
    }

    static PairFilter filterOf(String name) {
        return lookup(PairFilter.values(), name, PairFilter::lessonName);
    }

    private static <E> E lookup(E[] values, String name, java.util.function.Function<E, String> nameOf) {
        for (E e : values) {
            if (nameOf.apply(e).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown value '" + name + "'");
    }

    // ---------------------------------------------------------------- the engine

    /** Runs {@code change}, then recomputes once (engine and/or display), however many settings it touched. */
    private void batch(Runnable change) {
        engineRuns.batch(change);
    }

    private void afterBatch() {
        if (engineDirty) {
            recompute();
        } else if (displayDirty) {
            redisplay();
        }
    }

    private void clampLayer() {
        int n = layerCount();
        if (layer.get() >= n && n > 0) {
            layer.set(n - 1);
        }
    }

    private void validateFocus() {
        Result r = result.get();
        int n = r == null ? headCount() : r.heads();
        if (head.get() < 0 || head.get() >= n) {
            error.set(Message.of("multihead.error.head", head.get(), n, n - 1));
        } else if (error.get() != null && "multihead.error.head".equals(error.get().key())) {
            error.set(null);
        }
    }

    private void recompute() {
        if (engineRuns.suspended()) {
            engineDirty = true;
            return;
        }
        engineDirty = false;
        boolean displayWanted = displayDirty;
        displayDirty = false;
        Request request;
        try {
            request = request();
        } catch (InputProblem p) {
            error.set(p.problem());
            if (displayWanted) {
                redisplay(); // the display options still apply to the previous result
            }
            return;
        }
        error.set(null);
        engineRuns.submit(() -> compute(engine, request), this::apply);
    }

    private static Message problemOf(RuntimeException e) {
        return e instanceof InputProblem p ? p.problem()
                : Message.of("multihead.error.engine", String.valueOf(e.getMessage()));
    }

    private Request request() {
        Source src = source.get();
        BertSession session = model.getValue();
        int l = layer.get();
        int h = head.get();
        if (src == Source.MODEL) {
            if (session == null) {
                throw new InputProblem(Message.of("multihead.error.noModel"));
            }
            int n = session.config().layers();
            if (l < 0 || l >= n) {
                throw new InputProblem(Message.of("multihead.error.layer", l, n, n - 1));
            }
            int hc = session.config().heads();
            if (h < 0 || h >= hc) {
                throw new InputProblem(Message.of("multihead.error.head", h, hc, hc - 1));
            }
            Key key = new Key(src, session, text.get(), pair.get(), null, 0, 0, 0, 0);
            return new Request(key, l, reusable(key));
        }
        int d = dModel.get();
        int hs = heads.get();
        int n = layers.get();
        range("d_model", d, 1, MAX_DIM);
        range("h", hs, 1, MAX_HEADS);
        range("layers", n, 1, MAX_LAYERS);
        if (d % hs != 0) {
            throw new InputProblem(Message.of("multihead.error.divisible", d, hs));
        }
        if (l < 0 || l >= n) {
            throw new InputProblem(Message.of("multihead.error.layer", l, n, n - 1));
        }
        if (h < 0 || h >= hs) {
            throw new InputProblem(Message.of("multihead.error.head", h, hs, hs - 1));
        }
        long params = 12L * d * d * n;
        if (params > MAX_PARAMETERS) {
            throw new InputProblem(Message.of("multihead.error.tooManyWeights", d, n, params, MAX_PARAMETERS));
        }
        Key key = new Key(src, null, text.get(), pair.get(), split.get(), d, hs, n, seed.get());
        return new Request(key, l, null);
    }

    private static void range(String what, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new InputProblem(Message.of("multihead.error.range", what, value, lo, hi));
        }
    }

    /** The last result if it came from the same input (so only the layer trace must run). */
    private Result reusable(Key key) {
        Result r = result.get();
        return r != null && r.key().equals(key) ? r : null;
    }

    /** Runs on the background executor. */
    static Result compute(EngineService engine, Request r) {
        return r.key().source() == Source.MODEL ? computeModel(r) : computeRandom(engine, r);
    }

    private static Result computeRandom(EngineService engine, Request r) {
        Key k = r.key();
        List<String> a = QkvViewModel.split(k.text(), k.split());
        List<String> b = QkvViewModel.split(k.pair(), k.split());
        if (a.isEmpty()) {
            throw new InputProblem(Message.of("multihead.error.empty"));
        }
        List<String> tokens = new ArrayList<>(a);
        tokens.addAll(b);
        List<Integer> segments = new ArrayList<>();
        a.forEach(x -> segments.add(0));
        b.forEach(x -> segments.add(1));
        Message note = null;
        if (tokens.size() > MAX_TOKENS) {
            note = Message.of("multihead.notice.truncated", tokens.size(), MAX_TOKENS);
            tokens = new ArrayList<>(tokens.subList(0, MAX_TOKENS));
            segments.subList(MAX_TOKENS, segments.size()).clear();
        }
        long t = tokens.size();
        long cells = t * t * k.heads() * k.layers();
        if (cells > MAX_ATTENTION_CELLS) {
            throw new InputProblem(Message.of("multihead.error.tooBig", t, k.heads(), k.layers(), cells,
                    MAX_ATTENTION_CELLS));
        }
        int dk = k.dModel() / k.heads();
        ModelConfig config = new ModelConfig(k.dModel(), k.heads(), dk, dk, 4 * k.dModel(), k.layers(), Activation.RELU,
                NormPlacement.POST, 1e-5, true, Precision.FLOAT32);
        Matrix x = QkvViewModel.embed(tokens, k.dModel(), k.seed());
        List<EncoderLayerTrace> traces = engine.encoderTrace(x.toArray(), config, k.seed());
        List<List<Matrix>> attentions = new ArrayList<>();
        for (EncoderLayerTrace lt : traces) {
            attentions.add(lt.attention().heads().stream().map(h -> h.attention().weights()).toList());
        }
        EncoderLayerTrace focus = traces.get(r.layer());
        return new Result(k, tokens, segments, specials(tokens), attentions, r.layer(), focus.input(), focus.attention(),
                note);
    }

    private static Result computeModel(Request r) {
        Key k = r.key();
        BertSession s = k.session();
        Result cached = r.cached();
        if (cached != null) {
            Encoding e = encode(s, k.text(), k.pair()).encoding();
            EncoderLayerTrace lt = s.traceLayer(e, r.layer());
            return new Result(k, cached.tokens(), cached.segments(), cached.specials(), cached.attentions(), r.layer(),
                    lt.input(), lt.attention(), cached.notice());
        }
        Encoded enc = encode(s, k.text(), k.pair());
        BertOutput out = s.forward(enc.encoding());
        EncoderLayerTrace lt = s.traceLayer(enc.encoding(), r.layer());
        List<String> tokens = enc.encoding().tokens().subList(0, out.length());
        List<Integer> segments = enc.encoding().tokenTypeIds().subList(0, out.length());
        return new Result(k, tokens, segments, specials(tokens), out.attentions(), r.layer(), lt.input(), lt.attention(),
                enc.notice());
    }

    /** A tokenized input and what truncation did to it. */
    public record Encoded(Encoding encoding, Message notice) {
    }

    /**
     * WordPiece with the model's vocabulary: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]},
     * cut to {@code max_position_embeddings} (keeping the final {@code [SEP]}) with a notice.
     */
    public static Encoded encode(BertSession s, String textA, String textB) {
        if (textA == null || textA.isBlank()) {
            throw new InputProblem(Message.of("multihead.error.empty"));
        }
        BertTokenizer tok = s.tokenizer();
        String b = textB == null || textB.isBlank() ? null : textB;
        Encoding e = b == null ? tok.encode(textA) : tok.encode(textA, b);
        int max = s.config().maxPositions();
        if (e.size() <= max) {
            return new Encoded(e, null);
        }
        int full = e.size();
        if (max < (b == null ? 2 : 3)) {
            throw new InputProblem(Message.of("multihead.error.maxPositions", max));
        }
        return new Encoded(tok.encode(textA, b, max), Message.of("multihead.notice.truncatedModel", full, max));
    }

    /** Positions of [CLS] and [SEP]. */
    static Set<Integer> specials(List<String> tokens) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (BertTokenizer.CLS.equals(t) || BertTokenizer.SEP.equals(t)) {
                out.add(i);
            }
        }
        return out;
    }

    private void apply(Result r) {
        result.set(r);
        notice.set(r.notice());
        validateFocus();
        redisplay();
    }

    // ---------------------------------------------------------------- the display

    private void redisplay() {
        if (engineRuns.suspended()) {
            displayDirty = true;
            return;
        }
        displayDirty = false;
        Result r = result.get();
        if (r == null) {
            return;
        }
        DisplayRequest req = new DisplayRequest(r, hideSpecial.get(), pairFilter.get(), aggregate.get(),
                hiddenHeads.get());
        displayRuns.submit(() -> display(req), d -> {
            display.set(d);
            notice.set(d.notice() != null ? d.notice() : req.result().notice());
        }, e -> error.set(problemOf(e)));
    }

    /** Runs on the background executor: the layer in focus as shown. */
    static Display display(DisplayRequest q) {
        Result r = q.result();
        int layerIndex = r.layer();
        List<Matrix> layerHeads = r.attentions().get(layerIndex);
        int t = r.tokens().size();
        Message note = null;
        PairFilter filter = q.filter();
        if (filter != PairFilter.ALL && !r.isPair()) {
            note = Message.of("multihead.notice.displayNeedsPair", filter.lessonName());
            filter = PairFilter.ALL;
        }
        List<Integer> rows = positions(r.segments(), filter.from(), t);
        List<Integer> cols = positions(r.segments(), filter.to(), t);
        List<Matrix> shownHeads = new ArrayList<>(layerHeads.size());
        for (Matrix m : layerHeads) {
            shownHeads.add(shape(m, q.hideSpecial(), r.specials(), rows, cols, t));
        }
        Matrix combined = null;
        if (q.aggregate() != Aggregate.NONE) {
            Matrix raw = switch (q.aggregate()) {
                case MEAN, MAX -> {
                    List<Matrix> on = new ArrayList<>();
                    for (int h = 0; h < layerHeads.size(); h++) {
                        if (!q.hiddenHeads().contains(h)) {
                            on.add(layerHeads.get(h));
                        }
                    }
                    if (on.isEmpty()) {
                        note = Message.of("multihead.notice.displayNoHeads");
                        yield null;
                    }
                    yield q.aggregate() == Aggregate.MEAN ? AttentionMaps.mean(on) : AttentionMaps.max(on);
                }
                case MEAN_LAYERS -> AttentionMaps.mean(AttentionMaps.all(r.attentions()));
                case MAX_LAYERS -> AttentionMaps.max(AttentionMaps.all(r.attentions()));
                case ROLLOUT -> AttentionMaps.rollout(r.attentions().subList(0, layerIndex + 1)).get(layerIndex);
                case NONE -> null;
            };
            combined = raw == null ? null : shape(raw, q.hideSpecial(), r.specials(), rows, cols, t);
        }
        List<String> rowTokens = rows.stream().map(r.tokens()::get).toList();
        List<String> colTokens = cols.stream().map(r.tokens()::get).toList();
        return new Display(layerIndex, rowTokens, colTokens, rows, cols, shownHeads, q.hiddenHeads(), q.aggregate(),
                combined, filter, q.hideSpecial(), note);
    }

    private static Matrix shape(Matrix m, boolean hide, Set<Integer> specials, List<Integer> rows, List<Integer> cols,
                                int t) {
        Matrix out = hide && !specials.isEmpty() ? AttentionMaps.hideColumns(m, specials) : m;
        return rows.size() == t && cols.size() == t ? out : AttentionMaps.select(out, rows, cols);
    }

    private static List<Integer> positions(List<Integer> segments, int segment, int t) {
        List<Integer> out = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            if (segment < 0 || segments.get(i) == segment) {
                out.add(i);
            }
        }
        return out;
    }
}

package org.attentionlab.ui.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.attentionlab.engine.EmbeddingTables;
import org.attentionlab.engine.Pca;
import org.attentionlab.engine.VectorSimilarity;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.Assets;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.ModelEmbeddings;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.NumberText;

/**
 * The embedding view's state. Two things that embeddings are:
 * <ul>
 *   <li>word vectors as points (the Datawhale notes' 猫, 狗, 爱, 跑 in 3-D), with the Euclidean
 *       distance, the cosine similarity and the dot product between every pair: editable, computed
 *       at once (a few dozen numbers);</li>
 *   <li>BERT's input (Devlin et al. 2019, section 3.2, Figure 2): for each token of a sentence (or
 *       pair) the rows of the token, segment and position tables and their sum; from seeded tables,
 *       or from the loaded model's own tables when {@link EngineService#bertEmbeddings()} has one; and
 *       a PCA projection of the word vectors or of the token embeddings, computed in the background.</li>
 * </ul>
 * Nothing here knows the view; tests drive it with synchronous executors.
 */
public final class EmbeddingViewModel {

    /** BERT's input example of the d2l figure the BERT notes use (seeds/002): 10 tokens, E₀ … E₉. */
    public static final String DEFAULT_TEXT = "this movie is great";
    public static final String DEFAULT_PAIR = "i like it";
    public static final int MAX_WORDS = 32;
    public static final int MAX_WORD_DIMS = 64;
    /** Tokens whose embeddings are drawn; BERT takes up to 512, a slide shows a sentence. */
    public static final int MAX_INPUT_TOKENS = 32;
    public static final int MAX_DIMS = 16;
    public static final int DEFAULT_DIMS = 4;
    public static final long DEFAULT_SEED = 42;
    /** Most rows a PCA of token embeddings uses. */
    public static final int MAX_PCA_ROWS = 300;
    public static final double DEFAULT_YAW = -35;
    public static final double DEFAULT_PITCH = 20;

    /** Which similarity is shown beside the distance (lesson key {@code similarity}). */
    public enum Similarity { COSINE, DOT }

    /** What the PCA projects (lesson key {@code pca}). */
    public enum PcaSource { WORDS, TOKENS }

    /** A word and its vector (copied in and out). */
    public record WordVector(String word, double[] vector) {
        public WordVector {
            Objects.requireNonNull(word, "word");
            vector = vector.clone();
        }

        @Override
        public double[] vector() {
            return vector.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WordVector w && w.word.equals(word) && java.util.Arrays.equals(w.vector, vector);
        }

        @Override
        public int hashCode() {
            return word.hashCode() * 31 + java.util.Arrays.hashCode(vector);
        }

        @Override
        public String toString() {
            return word + java.util.Arrays.toString(vector);
        }
    }

    /** A labelled point of a scatter plot. */
    public record Point(String label, double x, double y, double z, boolean highlighted) {
    }

    /** BERT's input for the current tokens: the three looked-up rows and their sum, each (T, dims). */
    public record InputEmbeddings(List<String> tokens, List<String> segments, List<String> positions, List<String> dims,
                                  Matrix token, Matrix segment, Matrix position, Matrix sum) {
    }

    /** Everything the background needs; immutable. */
    record Request(String text, String pair, int dims, long seed, List<WordVector> words, PcaSource pcaSource,
                   Optional<ModelEmbeddings> model) {
    }

    /** What came back. */
    record Result(InputEmbeddings input, Message source, Message inputNotice, List<Point> pca, double[] pcaRatio,
                  Message pcaWhat, Message pcaKept) {
    }

    private final EngineService engine;
    private final javafx.beans.value.ObservableValue<? extends org.attentionlab.ui.BertSession> model;
    private final Recompute work;
    private final AtomicReference<Vocabulary> shipped = new AtomicReference<>();

    private final ObjectProperty<List<WordVector>> words = new SimpleObjectProperty<>(this, "words", datawhaleList());
    private final ObjectProperty<List<String>> highlight = new SimpleObjectProperty<>(this, "highlight", List.of());
    private final ObjectProperty<Similarity> similarity = new SimpleObjectProperty<>(this, "similarity", Similarity.COSINE);
    private final ObjectProperty<Cell> selectedPair = new SimpleObjectProperty<>(this, "selectedPair", new Cell(0, 1));
    private final BooleanProperty showVectors = new SimpleBooleanProperty(this, "showVectors", true);
    private final DoubleProperty yaw = new SimpleDoubleProperty(this, "yaw", DEFAULT_YAW);
    private final DoubleProperty pitch = new SimpleDoubleProperty(this, "pitch", DEFAULT_PITCH);
    private final StringProperty text = new SimpleStringProperty(this, "text", DEFAULT_TEXT);
    private final StringProperty pair = new SimpleStringProperty(this, "pair", DEFAULT_PAIR);
    private final BooleanProperty pairMode = new SimpleBooleanProperty(this, "pairMode", true);
    private final IntegerProperty dims = new SimpleIntegerProperty(this, "dims", DEFAULT_DIMS);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", (int) DEFAULT_SEED);
    private final ObjectProperty<PcaSource> pcaSource = new SimpleObjectProperty<>(this, "pcaSource", PcaSource.WORDS);

    private final ReadOnlyObjectWrapper<Matrix> coordinates = new ReadOnlyObjectWrapper<>(this, "coordinates");
    private final ReadOnlyObjectWrapper<List<String>> wordLabels = new ReadOnlyObjectWrapper<>(this, "wordLabels", List.of());
    private final ReadOnlyObjectWrapper<List<String>> coordinateLabels =
            new ReadOnlyObjectWrapper<>(this, "coordinateLabels", List.of());
    private final ReadOnlyObjectWrapper<Matrix> distances = new ReadOnlyObjectWrapper<>(this, "distances");
    private final ReadOnlyObjectWrapper<Matrix> similarities = new ReadOnlyObjectWrapper<>(this, "similarities");
    private final ReadOnlyObjectWrapper<List<Point>> points = new ReadOnlyObjectWrapper<>(this, "points", List.of());
    private final ReadOnlyObjectWrapper<List<String>> axes = new ReadOnlyObjectWrapper<>(this, "axes", List.of("x", "y", "z"));
    private final ReadOnlyObjectWrapper<Message> plotNotice = new ReadOnlyObjectWrapper<>(this, "plotNotice");
    private final ReadOnlyObjectWrapper<Message> pairReadout = new ReadOnlyObjectWrapper<>(this, "pairReadout");
    private final ReadOnlyObjectWrapper<InputEmbeddings> input = new ReadOnlyObjectWrapper<>(this, "input");
    private final ReadOnlyObjectWrapper<Message> inputSource = new ReadOnlyObjectWrapper<>(this, "inputSource");
    private final ReadOnlyObjectWrapper<Message> inputNotice = new ReadOnlyObjectWrapper<>(this, "inputNotice");
    private final ReadOnlyObjectWrapper<List<Point>> pcaPoints = new ReadOnlyObjectWrapper<>(this, "pcaPoints", List.of());
    private final ReadOnlyObjectWrapper<double[]> pcaRatio = new ReadOnlyObjectWrapper<>(this, "pcaRatio", new double[0]);
    private final ReadOnlyObjectWrapper<Message> pcaWhat = new ReadOnlyObjectWrapper<>(this, "pcaWhat");
    private final ReadOnlyObjectWrapper<Message> pcaKept = new ReadOnlyObjectWrapper<>(this, "pcaKept");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");

    private Message wordProblem;

    public EmbeddingViewModel(EngineService engine, UiExecutors executors) {
        this(engine, executors, new javafx.beans.property.SimpleObjectProperty<>());
    }

    /**
     * @param model the BERT checkpoint the user opened (File → Open model…), or a value holding
     *              null: when one is loaded, BERT's input adds up its own token, segment and
     *              position rows, split with its own vocabulary
     */
    public EmbeddingViewModel(EngineService engine, UiExecutors executors,
                              javafx.beans.value.ObservableValue<? extends org.attentionlab.ui.BertSession> model) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.model = Objects.requireNonNull(model, "model");
        model.addListener(o -> recomputeInput());
        this.work = new Recompute(executors, error, "embedding.error.input", this::recompute);
        words.addListener(o -> recompute());
        highlight.addListener(o -> recompute());
        similarity.addListener(o -> recompute());
        selectedPair.addListener(o -> updateReadout());
        text.addListener(o -> recomputeInput());
        pair.addListener(o -> {
            if (pairMode.get()) {
                recomputeInput();
            }
        });
        pairMode.addListener(o -> recomputeInput());
        dims.addListener(o -> recomputeInput());
        seed.addListener(o -> recomputeInput());
        pcaSource.addListener(o -> recomputeInput());
        recompute();
    }

    // ---------------------------------------------------------------- settings

    /** The word vectors, in order; all the same length. Replace the list to change them. */
    public ObjectProperty<List<WordVector>> wordsProperty() {
        return words;
    }

    public ObjectProperty<List<String>> highlightProperty() {
        return highlight;
    }

    public ObjectProperty<Similarity> similarityProperty() {
        return similarity;
    }

    /** The pair of words (row, column of the tables) whose numbers the readout spells out. */
    public ObjectProperty<Cell> selectedPairProperty() {
        return selectedPair;
    }

    /** Draw each word as an arrow from the origin (angles are what cosine measures). */
    public BooleanProperty showVectorsProperty() {
        return showVectors;
    }

    /** The 3-D plot's turn about its vertical axis, degrees. */
    public DoubleProperty yawProperty() {
        return yaw;
    }

    /** The 3-D plot's tilt, degrees. */
    public DoubleProperty pitchProperty() {
        return pitch;
    }

    /** Sentence A of BERT's input. */
    public StringProperty textProperty() {
        return text;
    }

    /** Sentence B, in pair mode. */
    public StringProperty pairProperty() {
        return pair;
    }

    public BooleanProperty pairModeProperty() {
        return pairMode;
    }

    /** How many embedding dimensions are drawn (and the width of the seeded tables), 1 to {@value #MAX_DIMS}. */
    public IntegerProperty dimsProperty() {
        return dims;
    }

    /** The seed of the seeded tables. */
    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<PcaSource> pcaSourceProperty() {
        return pcaSource;
    }

    // ---------------------------------------------------------------- results

    /** The word vectors, (words, dims). */
    public ReadOnlyObjectProperty<Matrix> coordinatesProperty() {
        return coordinates.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<String>> wordLabelsProperty() {
        return wordLabels.getReadOnlyProperty();
    }

    /** x, y, z (or d0, d1, … for longer vectors). */
    public ReadOnlyObjectProperty<List<String>> coordinateLabelsProperty() {
        return coordinateLabels.getReadOnlyProperty();
    }

    /** Euclidean distance between every pair of words, (words, words). */
    public ReadOnlyObjectProperty<Matrix> distancesProperty() {
        return distances.getReadOnlyProperty();
    }

    /** Cosine similarity or dot product (per {@link #similarityProperty()}) between every pair, (words, words). */
    public ReadOnlyObjectProperty<Matrix> similaritiesProperty() {
        return similarities.getReadOnlyProperty();
    }

    /** The points of the 3-D plot. */
    public ReadOnlyObjectProperty<List<Point>> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /** The names of the 3-D plot's axes. */
    public ReadOnlyObjectProperty<List<String>> axesProperty() {
        return axes.getReadOnlyProperty();
    }

    /** How the plot maps vectors that are not 3-D, or null. */
    public ReadOnlyObjectProperty<Message> plotNoticeProperty() {
        return plotNotice.getReadOnlyProperty();
    }

    /** The selected pair's dot product, cosine, angle and distance, spelt out. */
    public ReadOnlyObjectProperty<Message> pairReadoutProperty() {
        return pairReadout.getReadOnlyProperty();
    }

    /** BERT's input embeddings of the current tokens, or null before the first result. */
    public ReadOnlyObjectProperty<InputEmbeddings> inputProperty() {
        return input.getReadOnlyProperty();
    }

    /** Where the tables come from (seeded, or the loaded model). */
    public ReadOnlyObjectProperty<Message> inputSourceProperty() {
        return inputSource.getReadOnlyProperty();
    }

    /** Tokens or dimensions left out of the drawing, or null. */
    public ReadOnlyObjectProperty<Message> inputNoticeProperty() {
        return inputNotice.getReadOnlyProperty();
    }

    /** The PCA projection, 2-D (z = 0). */
    public ReadOnlyObjectProperty<List<Point>> pcaPointsProperty() {
        return pcaPoints.getReadOnlyProperty();
    }

    /** Each component's share of the variance. */
    public ReadOnlyObjectProperty<double[]> pcaRatioProperty() {
        return pcaRatio.getReadOnlyProperty();
    }

    /** What the PCA projected. */
    public ReadOnlyObjectProperty<Message> pcaWhatProperty() {
        return pcaWhat.getReadOnlyProperty();
    }

    /** The shares of variance the projection keeps (or why there is none). */
    public ReadOnlyObjectProperty<Message> pcaKeptProperty() {
        return pcaKept.getReadOnlyProperty();
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

    // ---------------------------------------------------------------- actions

    /** 猫, 狗, 爱, 跑 as in the Datawhale notes, the default view. */
    public void loadDatawhaleWords() {
        batch(() -> {
            words.set(datawhaleList());
            highlight.set(List.of());
            selectedPair.set(new Cell(0, 1));
        });
    }

    /** A number typed into the coordinates: word {@code row}, dimension {@code col}. */
    public void editCoordinate(int row, int col, double value) {
        List<WordVector> list = words.get();
        if (!Double.isFinite(value)) {
            error.set(Message.of("embedding.error.notFinite", row < list.size() ? list.get(row).word() : row, col));
            return;
        }
        if (row >= list.size() || col >= list.get(row).vector().length) {
            return; // the table changed under the edit
        }
        List<WordVector> copy = new ArrayList<>(list);
        double[] v = copy.get(row).vector();
        v[col] = value;
        copy.set(row, new WordVector(copy.get(row).word(), v));
        words.set(List.copyOf(copy));
    }

    /** What a cell editor could not read. */
    public void reportBadCell(String what) {
        error.set(Message.of("embedding.error.badCell", what));
    }

    /** Adds a word at the origin (its coordinates are then edited in the table). */
    public void addWord(String word) {
        String w = word == null ? "" : word.strip();
        List<WordVector> list = words.get();
        if (w.isEmpty()) {
            error.set(Message.of("embedding.error.emptyWord"));
        } else if (list.stream().anyMatch(x -> x.word().equals(w))) {
            error.set(Message.of("embedding.error.duplicateWord", w));
        } else if (list.size() >= MAX_WORDS) {
            error.set(Message.of("embedding.error.tooManyWords", MAX_WORDS));
        } else {
            int d = list.isEmpty() ? 3 : list.get(0).vector().length;
            List<WordVector> copy = new ArrayList<>(list);
            copy.add(new WordVector(w, new double[d]));
            words.set(List.copyOf(copy));
        }
    }

    /** Removes a word; the last one stays. */
    public void removeWord(int index) {
        List<WordVector> list = words.get();
        if (index < 0 || index >= list.size()) {
            return;
        }
        if (list.size() == 1) {
            error.set(Message.of("embedding.error.lastWord"));
            return;
        }
        List<WordVector> copy = new ArrayList<>(list);
        copy.remove(index);
        words.set(List.copyOf(copy));
    }

    /**
     * Shows the complete state of a lesson step: {@code words} (default 猫 狗 爱 跑),
     * {@code highlight}, {@code similarity} (default cosine), {@code text} and {@code pair}
     * (default the pair "this movie is great" / "i like it"; {@code text} alone = one sentence),
     * {@code pca} (default words), {@code yaw} and {@code pitch}. The seeded tables' width and seed
     * go back to their defaults.
     */
    public void applyLessonState(StateMap state) {
        batch(() -> {
            Optional<Map<String, StateValue.Vector>> w = state.wordVectors("words");
            if (w.isPresent()) {
                List<WordVector> list = new ArrayList<>();
                w.get().forEach((k, v) -> list.add(new WordVector(k, v.values())));
                words.set(List.copyOf(list));
            } else {
                words.set(datawhaleList());
            }
            highlight.set(state.texts("highlight").orElse(List.of()));
            similarity.set(state.text("similarity").map(s -> Similarity.valueOf(s.toUpperCase(Locale.ROOT)))
                    .orElse(Similarity.COSINE));
            if (state.has("text")) {
                text.set(state.text("text").orElseThrow());
                pairMode.set(state.has("pair"));
                state.text("pair").ifPresent(pair::set);
            } else {
                text.set(DEFAULT_TEXT);
                pair.set(state.text("pair").orElse(DEFAULT_PAIR));
                pairMode.set(true);
            }
            pcaSource.set(state.text("pca").map(s -> PcaSource.valueOf(s.toUpperCase(Locale.ROOT))).orElse(PcaSource.WORDS));
            yaw.set(state.number("yaw").orElse(DEFAULT_YAW));
            pitch.set(state.number("pitch").orElse(DEFAULT_PITCH));
            dims.set(DEFAULT_DIMS);
            seed.set((int) DEFAULT_SEED);
            // two highlighted words: the tables select that pair, so the readout spells it out
            List<String> labels = words.get().stream().map(WordVector::word).toList();
            List<String> hl = highlight.get();
            int a = hl.size() >= 2 ? labels.indexOf(hl.get(0)) : -1;
            int b = hl.size() >= 2 ? labels.indexOf(hl.get(1)) : -1;
            selectedPair.set(a >= 0 && b >= 0 ? new Cell(a, b) : new Cell(0, Math.min(1, labels.size() - 1)));
        });
    }

    // ---------------------------------------------------------------- word vectors (immediate)

    private void batch(Runnable change) {
        work.batch(change);
    }

    private void recompute() {
        if (work.suspended()) {
            return;
        }
        computeWords();
        recomputeInput();
    }

    private void computeWords() {
        List<WordVector> list = words.get();
        wordProblem = null;
        int n = list.size();
        int d = n == 0 ? 0 : list.get(0).vector().length;
        for (WordVector w : list) {
            if (w.vector().length != d) {
                wordProblem = Message.of("embedding.error.ragged", w.word(), w.vector().length, list.get(0).word(), d);
            }
        }
        if (n == 0 || d == 0 || wordProblem != null) {
            error.set(wordProblem != null ? wordProblem : Message.of("embedding.error.noWords"));
            return;
        }
        if (n > MAX_WORDS || d > MAX_WORD_DIMS) {
            wordProblem = Message.of("embedding.error.tooLarge", n, d, MAX_WORDS, MAX_WORD_DIMS);
            error.set(wordProblem);
            return;
        }
        double[][] v = new double[n][];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v[i] = list.get(i).vector();
            labels.add(list.get(i).word());
        }
        Set<String> hl = new LinkedHashSet<>(highlight.get());
        List<String> unknown = hl.stream().filter(h -> !labels.contains(h)).toList();
        wordLabels.set(List.copyOf(labels));
        coordinateLabels.set(d == 3 ? List.of("x", "y", "z") : dimLabels(d));
        coordinates.set(Matrix.of(v));
        distances.set(Matrix.of(VectorSimilarity.table(VectorSimilarity.Measure.EUCLIDEAN, v)));
        similarities.set(Matrix.of(VectorSimilarity.table(similarity.get() == Similarity.DOT
                ? VectorSimilarity.Measure.DOT : VectorSimilarity.Measure.COSINE, v)));
        List<Point> pts = new ArrayList<>();
        if (d <= 3) {
            for (int i = 0; i < n; i++) {
                pts.add(new Point(labels.get(i), v[i][0], d > 1 ? v[i][1] : 0, d > 2 ? v[i][2] : 0, hl.contains(labels.get(i))));
            }
            axes.set(d == 3 ? List.of("x", "y", "z") : dimLabels(3));
            plotNotice.set(d < 3 ? Message.of("embedding.plot.padded", d) : null);
        } else {
            Pca p = Pca.fit(v, 3);
            double[][] xy = p.projected();
            for (int i = 0; i < n; i++) {
                pts.add(new Point(labels.get(i), xy[i][0], xy[i][1], xy[i][2], hl.contains(labels.get(i))));
            }
            axes.set(List.of("PC1", "PC2", "PC3"));
            double[] r = p.explainedVarianceRatio();
            plotNotice.set(Message.of("embedding.plot.pca", d, percent(r[0] + r[1] + r[2])));
        }
        points.set(List.copyOf(pts));
        boolean zero = similarity.get() == Similarity.COSINE && VectorSimilarity.hasZeroVector(v);
        error.set(!unknown.isEmpty() ? Message.of("embedding.error.highlight", String.join(", ", unknown), String.join(", ", labels))
                : null);
        notice.set(zero ? Message.of("embedding.notice.zeroVector") : null);
        Cell s = selectedPair.get();
        if (s == null || s.row() >= n || s.col() >= n) {
            selectedPair.set(new Cell(0, Math.min(1, n - 1)));
        }
        updateReadout();
    }

    private void updateReadout() {
        Matrix c = coordinates.get();
        Cell s = selectedPair.get();
        if (c == null || s == null || s.row() >= c.rows() || s.col() >= c.rows()) {
            pairReadout.set(null);
            return;
        }
        double[] a = c.row(s.row());
        double[] b = c.row(s.col());
        List<String> l = wordLabels.get();
        pairReadout.set(Message.of("embedding.pair", l.get(s.row()), l.get(s.col()),
                NumberText.fixed(VectorSimilarity.dot(a, b), 4), NumberText.fixed(VectorSimilarity.cosine(a, b), 4),
                NumberText.fixed(VectorSimilarity.angleDegrees(a, b), 2), NumberText.fixed(VectorSimilarity.euclidean(a, b), 4)));
    }

    private static List<String> dimLabels(int d) {
        List<String> out = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            out.add("d" + i);
        }
        return List.copyOf(out);
    }

    /** "80.4 %"; more decimals when one would round a share that is not exactly 0 or 1 to "0.0 %" or "100.0 %". */
    static String percent(double ratio) {
        double p = 100 * ratio;
        for (int decimals = 1; decimals < 6; decimals++) {
            String s = String.format(Locale.ROOT, "%." + decimals + "f", p);
            double shown = Double.parseDouble(s);
            if ((shown != 100 || ratio >= 1) && (shown != 0 || ratio <= 0)) {
                return s + "\u00A0%"; // a no-break space: the number and its % stay on one line
            }
        }
        return String.format(Locale.ROOT, "%.6f\u00A0%%", p);
    }

    // ---------------------------------------------------------------- BERT's input and PCA (background)

    private void recomputeInput() {
        if (work.suspended()) {
            return;
        }
        int d = dims.get();
        if (d < 1 || d > MAX_DIMS) {
            error.set(Message.of("embedding.error.dims", d, MAX_DIMS));
            return;
        }
        Request r = new Request(text.get() == null ? "" : text.get(), pairMode.get() ? pair.get() : null, d, seed.get(),
                wordProblem == null ? words.get() : List.of(), pcaSource.get(), loadedModel());
        work.submit(() -> compute(r), this::apply);
    }

    /** The loaded model's tables, read on the FX thread when a request is made. */
    private Optional<ModelEmbeddings> loadedModel() {
        org.attentionlab.ui.BertSession session = model.getValue();
        return session == null ? Optional.empty() : session.embeddings();
    }

    /** Runs on the background executor. */
    Result compute(Request r) {
        Optional<ModelEmbeddings> model = r.model().isPresent() ? r.model() : engine.bertEmbeddings();
        Vocabulary vocab;
        boolean lower;
        EmbeddingTables tables;
        Message source;
        if (model.isPresent()) {
            vocab = model.get().vocabulary();
            lower = model.get().lowerCase();
            tables = model.get().tables();
            source = Message.of("embedding.source.model", model.get().name(), tables.vocabSize(), tables.hiddenSize());
        } else {
            vocab = shippedVocabulary();
            lower = true;
            tables = EmbeddingTables.seeded(r.dims(), vocab.size(), r.seed());
            source = Message.of("embedding.source.seeded", r.dims(), String.valueOf(r.seed()));
        }
        BertTokenizer tokenizer = new BertTokenizer(vocab, lower);
        Encoding e = r.pair() == null ? tokenizer.encode(r.text()) : tokenizer.encode(r.text(), r.pair());
        int t = Math.min(e.size(), Math.min(MAX_INPUT_TOKENS, tables.maxPositions()));
        int shownDims = Math.min(r.dims(), tables.hiddenSize());
        int[] ids = e.inputIds().subList(0, t).stream().mapToInt(Integer::intValue).toArray();
        int[] types = e.tokenTypeIds().subList(0, t).stream().mapToInt(Integer::intValue).toArray();
        double[][][] rows = tables.lookUp(ids, types);
        List<String> segs = new ArrayList<>();
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            segs.add(types[i] == 0 ? "A" : "B");
            pos.add(Integer.toString(i));
        }
        InputEmbeddings in = new InputEmbeddings(e.tokens().subList(0, t), segs, pos, dimLabels(shownDims),
                slice(rows[0], shownDims), slice(rows[1], shownDims), slice(rows[2], shownDims), slice(rows[3], shownDims));
        Message cut = null;
        if (t < e.size() && shownDims < tables.hiddenSize()) {
            cut = Message.of("embedding.input.cutBoth", t, e.size(), shownDims, tables.hiddenSize());
        } else if (t < e.size()) {
            cut = Message.of("embedding.input.cutTokens", t, e.size());
        } else if (shownDims < tables.hiddenSize()) {
            cut = Message.of("embedding.input.cutDims", shownDims, tables.hiddenSize());
        }
        // PCA: the word vectors, or the token table's rows for the text's distinct tokens (full width)
        List<String> labels = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        Message pcaWhat;
        if (r.pcaSource() == PcaSource.WORDS) {
            for (WordVector w : r.words()) {
                labels.add(w.word());
                data.add(w.vector());
            }
            pcaWhat = Message.of("embedding.pca.words", labels.size());
        } else {
            Map<Integer, String> distinct = new LinkedHashMap<>();
            for (int i = 0; i < e.size() && distinct.size() < MAX_PCA_ROWS; i++) {
                distinct.putIfAbsent(e.inputIds().get(i), e.tokens().get(i));
            }
            distinct.forEach((id, tok) -> {
                labels.add(tok);
                data.add(tables.token(id));
            });
            pcaWhat = Message.of("embedding.pca.tokens", labels.size(), tables.hiddenSize());
        }
        List<Point> pcaPts = new ArrayList<>();
        double[] ratio = new double[0];
        Message pcaMsg;
        if (data.size() < 2) {
            pcaMsg = Message.of("embedding.pca.tooFew", data.size());
        } else {
            int k = Math.min(2, data.get(0).length);
            Pca p = Pca.fit(data.toArray(double[][]::new), k);
            double[][] xy = p.projected();
            for (int i = 0; i < xy.length; i++) {
                pcaPts.add(new Point(labels.get(i), xy[i][0], k > 1 ? xy[i][1] : 0, 0, false));
            }
            ratio = p.explainedVarianceRatio();
            double kept = 0;
            for (double x : ratio) {
                kept += x;
            }
            pcaMsg = Message.of("embedding.pca.kept", percent(ratio[0]), k > 1 ? percent(ratio[1]) : "—", percent(kept));
        }
        return new Result(in, source, cut, List.copyOf(pcaPts), ratio, pcaWhat, pcaMsg);
    }

    private Vocabulary shippedVocabulary() {
        Vocabulary v = shipped.get();
        if (v == null) {
            Path file = Assets.find(Vocabulary.SHIPPED_PATH).orElseThrow(() -> new IllegalStateException(
                    "the shipped vocabulary " + Vocabulary.SHIPPED_PATH + " was not found (looked in "
                            + Assets.candidates(Vocabulary.SHIPPED_PATH) + ")"));
            try {
                v = Vocabulary.load(file);
            } catch (IOException e) {
                throw new IllegalStateException("the shipped vocabulary " + file + " cannot be read: " + e.getMessage(), e);
            }
            shipped.set(v);
        }
        return v;
    }

    private static Matrix slice(double[][] rows, int d) {
        double[][] out = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out[i], 0, d);
        }
        return Matrix.of(out);
    }

    private void apply(Result r) {
        input.set(r.input());
        inputSource.set(r.source());
        inputNotice.set(r.inputNotice());
        pcaPoints.set(r.pca());
        pcaRatio.set(r.pcaRatio());
        pcaWhat.set(r.pcaWhat());
        pcaKept.set(r.pcaKept());
    }

    // ---------------------------------------------------------------- defaults

    /** The Datawhale notes' word vectors (seeds/003): 猫 [0.3, 0.4, 0.25], 狗, 爱, 跑. */
    public static List<WordVector> datawhaleWords() {
        return datawhaleList();
    }

    private static List<WordVector> datawhaleList() {
        return List.of(new WordVector("猫", new double[] {0.3, 0.4, 0.25}),
                new WordVector("狗", new double[] {0.35, 0.45, 0.3}),
                new WordVector("爱", new double[] {0.8, 0.8, 0.8}),
                new WordVector("跑", new double[] {0.1, 0.2, 0.6}));
    }
}

package org.attentionlab.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.TokenPrediction;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.LatestOnly;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.multihead.AttentionMaps;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.multihead.MultiHeadViewModel;
import org.attentionlab.ui.widgets.Cell;

/**
 * The model view's state (issue 8): every layer and head of the opened BERT checkpoint for one
 * sentence (or pair), as a layers × heads grid of attention maps, optionally without attention to
 * {@code [CLS]}/{@code [SEP]} (rows renormalised); and the fill-mask demo (Devlin et al. 2019,
 * section 3.1, "Masked LM") when the checkpoint carries the masked-LM head. Forward passes run on
 * the background executor, the newest request winning.
 */
public final class ModelViewModel {

    public static final String DEFAULT_TEXT = MultiHeadViewModel.DEFAULT_TEXT;
    public static final String DEFAULT_MASKED = "The cat sat on the [MASK].";
    public static final int DEFAULT_TOP_K = 5;
    public static final int MAX_TOP_K = 20;

    /** What opens a thumbnail full size (the composition root points it at the multi-head view). */
    @FunctionalInterface
    public interface HeadOpener {
        void open(String text, String pair, int layer, int head, boolean hideSpecial);
    }

    /**
     * Every layer and head for one input.
     *
     * @param maps   [layer][head] → (T, T) weights as shown (special tokens hidden when asked)
     * @param notice input truncated, or null
     */
    public record Grid(String model, List<String> tokens, List<List<Matrix>> maps, boolean hideSpecial, Message notice) {
        public Grid {
            tokens = List.copyOf(tokens);
            maps = maps.stream().map(List::copyOf).toList();
        }

        public int layers() {
            return maps.size();
        }

        public int heads() {
            return maps.isEmpty() ? 0 : maps.get(0).size();
        }
    }

    /** One candidate token at a {@code [MASK]} position. */
    public record Candidate(String token, int id, double probability) {
    }

    /** The top-k candidates at one {@code [MASK]}, the position counted from 0 with [CLS] = 0. */
    public record Prediction(int position, List<Candidate> candidates) {
        public Prediction {
            candidates = List.copyOf(candidates);
        }
    }

    private final ModelLoader loader;
    private final LatestOnly gridRuns;
    private final LatestOnly fillRuns;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private final StringProperty text = new SimpleStringProperty(this, "text", DEFAULT_TEXT);
    private final StringProperty pair = new SimpleStringProperty(this, "pair", "");
    private final BooleanProperty hideSpecial = new SimpleBooleanProperty(this, "hideSpecial", false);
    private final ObjectProperty<Cell> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty masked = new SimpleStringProperty(this, "masked", DEFAULT_MASKED);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", DEFAULT_TOP_K);
    private final ObjectProperty<HeadOpener> opener = new SimpleObjectProperty<>(this, "opener");

    private final ReadOnlyObjectWrapper<Grid> grid = new ReadOnlyObjectWrapper<>(this, "grid");
    private final ReadOnlyObjectWrapper<List<Prediction>> predictions =
            new ReadOnlyObjectWrapper<>(this, "predictions", List.of());
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> fillError = new ReadOnlyObjectWrapper<>(this, "fillError");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private int suspended;

    public ModelViewModel(UiExecutors executors, ModelLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.gridRuns = new LatestOnly(executors);
        this.fillRuns = new LatestOnly(executors);
        busy.bind(gridRuns.busyProperty().or(fillRuns.busyProperty()).or(loader.busyProperty()));
        hideSpecial.addListener(o -> compute());
        loader.modelProperty().addListener((obs, old, now) -> {
            selected.set(null);
            compute();
            predict();
        });
        compute();
        predict();
    }

    // ---------------------------------------------------------------- inputs

    public ModelLoader loader() {
        return loader;
    }

    /** Sentence A; takes effect with {@link #compute()}. */
    public StringProperty textProperty() {
        return text;
    }

    /** Sentence B, or empty. */
    public StringProperty pairProperty() {
        return pair;
    }

    public BooleanProperty hideSpecialProperty() {
        return hideSpecial;
    }

    /** The thumbnail marked (row = layer, column = head), or null. */
    public ObjectProperty<Cell> selectedProperty() {
        return selected;
    }

    /** The fill-mask sentence, with one or more {@code [MASK]}; takes effect with {@link #predict()}. */
    public StringProperty maskedProperty() {
        return masked;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObjectProperty<HeadOpener> openerProperty() {
        return opener;
    }

    // ---------------------------------------------------------------- results

    /** The layers × heads maps, or null (no model, or not computed yet). */
    public ReadOnlyObjectProperty<Grid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public Grid grid() {
        return grid.get();
    }

    /** Fill-mask answers, one per {@code [MASK]}. */
    public ReadOnlyObjectProperty<List<Prediction>> predictionsProperty() {
        return predictions.getReadOnlyProperty();
    }

    /** A problem with the grid's input (or no model), or null; the previous grid stays. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A problem with the fill-mask input (no [MASK], no masked-LM head), or null. */
    public ReadOnlyObjectProperty<Message> fillErrorProperty() {
        return fillError.getReadOnlyProperty();
    }

    /** Input truncated, or null. */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- actions

    /** Opens layer {@code layer}, head {@code head} full size in the multi-head view. */
    public void openHead(int layer, int head) {
        selected.set(new Cell(layer, head));
        HeadOpener o = opener.get();
        if (o != null) {
            o.open(text.get(), pair.get(), layer, head, hideSpecial.get());
        }
    }

    /**
     * The complete state of a lesson step (view {@code model}): {@code text}, {@code pair},
     * {@code hideSpecial}, {@code layer} + {@code head} (the thumbnail marked), {@code masked},
     * {@code topK}; absent keys take the defaults.
     */
    public void applyLessonState(StateMap s) {
        suspended++;
        try {
            text.set(s.text("text").orElse(DEFAULT_TEXT));
            pair.set(s.text("pair").orElse(""));
            hideSpecial.set(s.flag("hideSpecial").orElse(false));
            masked.set(s.text("masked").orElse(DEFAULT_MASKED));
            topK.set(s.integer("topK").orElse((long) DEFAULT_TOP_K).intValue());
            var layer = s.integer("layer");
            var head = s.integer("head");
            selected.set(layer.isPresent() || head.isPresent()
                    ? new Cell(layer.orElse(0L).intValue(), head.orElse(0L).intValue()) : null);
        } finally {
            suspended--;
        }
        compute();
        predict();
    }

    /** Runs the model on the sentence (and pair) in the background. */
    public void compute() {
        if (suspended > 0) {
            return;
        }
        BertSession s = loader.model();
        if (s == null) {
            error.set(Message.of("model.error.noModel"));
            grid.set(null);
            return;
        }
        Cell c = selected.get();
        Message cellProblem = null;
        if (c != null && (c.row() >= s.config().layers() || c.col() >= s.config().heads())) {
            cellProblem = Message.of("model.error.cell", c.row(), c.col(), s.config().layers(), s.config().heads());
            selected.set(null);
        }
        error.set(cellProblem);
        String a = text.get();
        String b = pair.get();
        boolean hide = hideSpecial.get();
        gridRuns.submit(() -> grid(s, a, b, hide), g -> {
            grid.set(g);
            notice.set(g.notice());
        }, e -> error.set(e instanceof MultiHeadViewModel.InputProblem p ? p.problem()
                : Message.of("model.error.engine", String.valueOf(e.getMessage()))));
    }

    /** Runs the fill-mask demo in the background. */
    public void predict() {
        if (suspended > 0) {
            return;
        }
        BertSession s = loader.model();
        if (s == null) {
            fillError.set(null);
            predictions.set(List.of());
            return;
        }
        if (!s.hasMlmHead()) {
            fillError.set(Message.of("model.fill.noHead", s.name()));
            predictions.set(List.of());
            return;
        }
        int k = topK.get();
        if (k < 1 || k > MAX_TOP_K) {
            fillError.set(Message.of("model.fill.badTopK", k, MAX_TOP_K));
            return;
        }
        String sentence = masked.get();
        if (sentence == null || !sentence.contains(BertTokenizer.MASK)) {
            fillError.set(Message.of("model.fill.noMask", BertTokenizer.MASK));
            predictions.set(List.of());
            return;
        }
        fillError.set(null);
        fillRuns.submit(() -> fill(s, sentence, k), predictions::set,
                e -> fillError.set(e instanceof MultiHeadViewModel.InputProblem p ? p.problem()
                        : Message.of("model.error.engine", String.valueOf(e.getMessage()))));
    }

    /** Runs on the background executor. */
    static Grid grid(BertSession s, String a, String b, boolean hide) {
        MultiHeadViewModel.Encoded enc = MultiHeadViewModel.encode(s, a, b);
        BertOutput out = s.forward(enc.encoding());
        List<String> tokens = enc.encoding().tokens().subList(0, out.length());
        List<Integer> specials = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals(BertTokenizer.CLS) || tokens.get(i).equals(BertTokenizer.SEP)) {
                specials.add(i);
            }
        }
        List<List<Matrix>> maps = out.attentions();
        if (hide && !specials.isEmpty()) {
            List<List<Matrix>> hidden = new ArrayList<>();
            for (List<Matrix> layer : maps) {
                hidden.add(layer.stream().map(m -> AttentionMaps.hideColumns(m, Set.copyOf(specials))).toList());
            }
            maps = hidden;
        }
        return new Grid(s.name(), tokens, maps, hide, enc.notice());
    }

    /** Runs on the background executor. */
    static List<Prediction> fill(BertSession s, String sentence, int k) {
        Encoding e = MultiHeadViewModel.encode(s, sentence, null).encoding();
        Vocabulary v = s.tokenizer().vocabulary();
        List<Prediction> out = new ArrayList<>();
        for (MaskPrediction p : s.fillMask(e, k)) {
            List<Candidate> cs = new ArrayList<>();
            for (TokenPrediction t : p.top()) {
                String token = t.tokenId() < v.size() ? v.token(t.tokenId()) : "[" + t.tokenId() + "]";
                cs.add(new Candidate(token, t.tokenId(), t.probability()));
            }
            out.add(new Prediction(p.position(), cs));
        }
        if (out.isEmpty()) {
            throw new MultiHeadViewModel.InputProblem(Message.of("model.fill.maskCut", s.config().maxPositions()));
        }
        return out;
    }
}

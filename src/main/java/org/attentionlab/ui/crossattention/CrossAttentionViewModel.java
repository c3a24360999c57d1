package org.attentionlab.ui.crossattention;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.Translator;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.widgets.Cell;

/**
 * The cross-attention view's state (section 3.2.3, "encoder-decoder attention": the queries come
 * from the decoder, the keys and values from the encoder's output): for a source sentence and a
 * target — the model's own greedy translation, or a target the user gives, read teacher-forced —
 * every decoder layer's cross-attention per head, rows the target words (then {@code <eos>}),
 * columns the source words (then {@code <eos>}). Opens with the tiny translator on the lecture's
 * "European Economic Area", whose adjectives cross: "zone économique européenne".
 *
 * <p>The model runs on the background executor (one thread shared with the decoding view, as a
 * translator is not thread-safe); a newer request supersedes an older one.
 */
public final class CrossAttentionViewModel {

    /**
     * What the view shows; immutable.
     *
     * @param model         the model that read it
     * @param source        the sentence as typed
     * @param target        the target read (the translation when not given)
     * @param teacherForced whether the target was given (otherwise it is the greedy translation)
     * @param sourceTokens  the encoder's tokens, {@code <eos>} last (unknown words as {@code <unk>})
     * @param targetTokens  the rows: the target words, {@code <eos>} last
     * @param cross         [layer][head] (target rows × source tokens)
     * @param unknownWords  words of the source the model's vocabulary lacks
     */
    public record Result(ShippedModel model, String source, String target, boolean teacherForced, List<String> sourceTokens,
                         List<String> targetTokens, List<List<Matrix>> cross, List<String> unknownWords) {
        public Result {
            sourceTokens = List.copyOf(sourceTokens);
            targetTokens = List.copyOf(targetTokens);
            cross = cross.stream().map(List::copyOf).toList();
            unknownWords = List.copyOf(unknownWords);
        }

        public int layers() {
            return cross.size();
        }

        public int heads() {
            return cross.isEmpty() ? 0 : cross.get(0).size();
        }

        /** The mean of the heads of {@code layer}. */
        public Matrix mean(int layer) {
            return headMean(cross.get(layer));
        }
    }

    private record Request(ShippedModel model, String source, String target) {
    }

    private final Recompute work;
    private final ShippedModels models;

    private final ObjectProperty<ShippedModel> model = new SimpleObjectProperty<>(this, "model", ShippedModel.TINY_TRANSLATOR);
    private final StringProperty source = new SimpleStringProperty(this, "source", ShippedModel.TINY_TRANSLATOR.example());
    /** A target to read teacher-forced; blank = translate greedily. */
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    /** The layer shown, −1 for the last. */
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    /** The head shown large, −1 for the mean of the heads. */
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", -1);
    private final ObjectProperty<Cell> highlight = new SimpleObjectProperty<>(this, "highlight");

    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<Message> choiceProblem = new ReadOnlyObjectWrapper<>(this, "choiceProblem");
    private final ReadOnlyObjectWrapper<Matrix> focus = new ReadOnlyObjectWrapper<>(this, "focus");
    private final ReadOnlyObjectWrapper<List<Matrix>> headMaps = new ReadOnlyObjectWrapper<>(this, "headMaps", List.of());
    private final ReadOnlyIntegerWrapper shownLayer = new ReadOnlyIntegerWrapper(this, "shownLayer", 0);
    private final ReadOnlyIntegerWrapper shownHead = new ReadOnlyIntegerWrapper(this, "shownHead", -1);

    public CrossAttentionViewModel(UiExecutors executors, ShippedModels models) {
        this.work = new Recompute(executors, error, this::failed, this::compute);
        this.models = Objects.requireNonNull(models, "models");
        model.addListener((obs, old, now) -> {
            if (!work.suspended()) {
                // another model reads other words: open it on its own example
                source.set(now.example());
                target.set("");
                compute();
            }
        });
        layer.addListener(o -> refreshFocus());
        head.addListener(o -> refreshFocus());
        highlight.addListener(o -> refreshFocus());
        result.addListener(o -> refreshFocus());
    }

    public ObjectProperty<ShippedModel> modelProperty() {
        return model;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    /** A target to read teacher-forced; blank for the model's greedy translation. */
    public StringProperty targetProperty() {
        return target;
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    public ObjectProperty<Cell> highlightProperty() {
        return highlight;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Unknown words (read as {@code <unk>}). */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** A layer, head or cell that cannot be shown (the nearest one is). */
    public ReadOnlyObjectProperty<Message> choiceProblemProperty() {
        return choiceProblem.getReadOnlyProperty();
    }

    /** The map shown large: the mean of the heads of the layer shown, or the head chosen. */
    public ReadOnlyObjectProperty<Matrix> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** Every head of the layer shown. */
    public ReadOnlyObjectProperty<List<Matrix>> headMapsProperty() {
        return headMaps.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownLayerProperty() {
        return shownLayer.getReadOnlyProperty();
    }

    /** The head shown large, −1 for the mean. */
    public ReadOnlyIntegerProperty shownHeadProperty() {
        return shownHead.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** Reads the source (and the target, if one is given) with the model. */
    public void compute() {
        Request r = new Request(model.get(), source.get() == null ? "" : source.get(), target.get() == null ? "" : target.get());
        if (ParallelCorpus.words(r.source()).isEmpty()) {
            result.set(null);
            notice.set(null);
            error.set(Message.of("cross.error.empty"));
            return;
        }
        work.submit(() -> run(r), this::show);
    }

    /** Back to the model's own example, translated greedily. */
    public void useExample() {
        source.set(model.get().example());
        target.set("");
        compute();
    }

    /**
     * Shows a lesson step's complete {@code cross-attention} state (absent keys: defaults).
     * Values of the right type that cannot be shown (a layer the model lacks) go to the
     * choice-problem display; the rest is applied.
     */
    public void applyState(StateMap state) {
        ShippedModel m = state.text("model").map(ShippedModel::of).orElse(ShippedModel.TINY_TRANSLATOR);
        work.batch(() -> {
            model.set(m);
            source.set(state.text("source").orElse(m.example()));
            target.set(state.text("target").orElse(""));
            layer.set(state.integer("layer").map(Long::intValue).orElse(-1));
            head.set(state.integer("head").map(Long::intValue).orElse(-1));
            highlight.set(state.pair("highlight").map(p -> new Cell(p.first(), p.second())).orElse(null));
        });
    }

    // ---------------------------------------------------------------- background

    /** Input the model cannot read, with the message that says why. */
    static final class InputProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Message message;

        InputProblem(Message message) {
            super(message.key());
            this.message = message;
        }
    }

    private Result run(Request r) {
        Translator t = models.get(r.model());
        for (String text : List.of(r.source(), r.target())) {
            int n = ParallelCorpus.words(text).size();
            if (n > t.maxWords()) {
                throw new InputProblem(Message.of("cross.error.tooLong", n, t.maxWords()));
            }
        }
        List<String> unknown = t.unknownWords(r.source());
        boolean forced = !ParallelCorpus.words(r.target()).isEmpty();
        String target = forced ? r.target() : t.translate(r.source());
        List<AttentionMap> maps = t.attention(r.source(), target);
        List<List<Matrix>> cross = new ArrayList<>();
        List<String> rows = List.of();
        List<String> cols = List.of();
        for (AttentionMap m : maps) {
            if (m.kind() != AttentionKind.CROSS) {
                continue;
            }
            while (cross.size() <= m.layer()) {
                cross.add(new ArrayList<>());
            }
            cross.get(m.layer()).add(m.weights());
            rows = m.queryTokens();
            cols = m.keyTokens();
        }
        return new Result(r.model(), r.source(), target, forced, cols, rows, cross, unknown);
    }

    private void show(Result r) {
        error.set(null);
        notice.set(r.unknownWords().isEmpty() ? null : Message.of("cross.notice.unknown", String.join(", ", r.unknownWords())));
        result.set(r);
    }

    /** A read that failed: nothing is shown, and the message says why. */
    private Message failed(RuntimeException e) {
        result.set(null);
        notice.set(null);
        if (e instanceof InputProblem p) {
            return p.message;
        } else if (e instanceof ShippedModels.Unavailable u) {
            return Message.of("cross.error.model", u.model().path(), u.detail());
        } else if (e instanceof IllegalArgumentException) {
            return Message.of("cross.error.input", String.valueOf(e.getMessage()));
        }
        return Message.of("cross.error.failed", String.valueOf(e.getMessage()));
    }

    private void refreshFocus() {
        Result r = result.get();
        if (r == null || r.layers() == 0) {
            focus.set(null);
            headMaps.set(List.of());
            choiceProblem.set(null);
            return;
        }
        Message problem = null;
        int l = layer.get() < 0 ? r.layers() - 1 : layer.get();
        if (l >= r.layers()) {
            problem = Message.of("cross.error.layer", l, r.layers());
            l = r.layers() - 1;
        }
        int h = head.get();
        if (h >= r.heads()) {
            problem = Message.of("cross.error.head", h, r.heads());
            h = -1;
        }
        Cell c = highlight.get();
        if (c != null && (c.row() >= r.targetTokens().size() || c.col() >= r.sourceTokens().size())) {
            problem = Message.of("cross.error.highlight", c.row(), c.col(), r.targetTokens().size(), r.sourceTokens().size());
        }
        shownLayer.set(l);
        shownHead.set(h);
        headMaps.set(r.cross().get(l));
        focus.set(h < 0 ? r.mean(l) : r.cross().get(l).get(h));
        choiceProblem.set(problem);
    }

    /** The mean of same-shaped maps (the heads of one layer). */
    public static Matrix headMean(List<Matrix> heads) {
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

    /** For each target word (the {@code <eos>} row left out), the source token its row of {@code map} peaks on. */
    public static List<String> alignment(Matrix map, List<String> sourceTokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < map.rows() - 1; i++) {
            double[] row = map.row(i);
            int best = 0;
            for (int j = 1; j < row.length; j++) {
                if (row[j] > row[best]) {
                    best = j;
                }
            }
            out.add(sourceTokens.get(best));
        }
        return out;
    }
}

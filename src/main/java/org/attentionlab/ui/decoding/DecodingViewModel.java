package org.attentionlab.ui.decoding;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.Decoding;
import org.attentionlab.engine.train.DecodingStep;
import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.Sampling;
import org.attentionlab.engine.train.Translator;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel;
import org.attentionlab.ui.crossattention.ShippedModel;
import org.attentionlab.ui.crossattention.ShippedModels;

/**
 * The decoding view's state (section 3, "the model is auto-regressive"): one sentence decoded
 * by a shipped encoder-decoder, shown one step at a time. At step t the decoder reads
 * {@code <bos>} and the t words chosen so far; its masked self-attention and its
 * cross-attention, the logits of its last position, softmax(logits / T) and the most probable
 * candidates (the lecture's a / am / I / thanks / student / &lt;eos&gt; table), and the word
 * chosen: the most probable (greedy) or a seeded draw among the top k after dividing the logits
 * by the temperature. The finished translation and its reference (the held-out set's when the
 * source is one of its sentences, or typed) go to the BLEU view.
 *
 * <p>The whole decoding is computed once in the background (a few decoder passes); Next, Back
 * and Run to end only move through it.
 */
public final class DecodingViewModel {

    /** How the next word is picked. */
    public enum Mode {
        GREEDY, SAMPLE;

        /** As lessons write it: greedy, sample. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }

        public String messageKey() {
            return "decoding.mode." + id();
        }
    }

    /** Where the finished translation goes (the composition root points it at the BLEU view). */
    @FunctionalInterface
    public interface BleuTarget {
        void show(String candidate, String reference);
    }

    /**
     * A decoding; immutable.
     *
     * @param model        the model
     * @param source       the sentence as typed
     * @param sampling     how words were picked
     * @param decoding     every step
     * @param heldOut      the held-out set's reference of the source, or null when it is not one of its sentences
     * @param unknownWords words of the source the model does not know
     */
    public record Result(ShippedModel model, String source, Sampling sampling, Decoding decoding, String heldOut,
                         List<String> unknownWords) {
        public Result {
            unknownWords = List.copyOf(unknownWords);
        }

        public int steps() {
            return decoding.steps().size();
        }
    }

    private record Request(ShippedModel model, String source, Sampling sampling, int step) {
    }

    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_TOP_K = 5;

    private final Recompute work;
    private final ShippedModels models;
    private final HeldOutSet heldOut;

    private final ObjectProperty<ShippedModel> model = new SimpleObjectProperty<>(this, "model", ShippedModel.TINY_TRANSLATOR);
    private final StringProperty source = new SimpleStringProperty(this, "source", ShippedModel.TINY_TRANSLATOR.example());
    /** The reference a user typed or a lesson gave; blank = the held-out set's. */
    private final StringProperty reference = new SimpleStringProperty(this, "reference", "");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.GREEDY);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", DEFAULT_TEMPERATURE);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", DEFAULT_TOP_K);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    /** The step shown, from 0. */
    private final IntegerProperty step = new SimpleIntegerProperty(this, "step", 0);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", -1);
    private final ObjectProperty<BleuTarget> bleuTarget = new SimpleObjectProperty<>(this, "bleuTarget");

    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<DecodingStep> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyObjectWrapper<Matrix> selfMap = new ReadOnlyObjectWrapper<>(this, "selfMap");
    private final ReadOnlyObjectWrapper<Matrix> crossMap = new ReadOnlyObjectWrapper<>(this, "crossMap");
    private final ReadOnlyIntegerWrapper shownStep = new ReadOnlyIntegerWrapper(this, "shownStep", 0);
    private final ReadOnlyIntegerWrapper shownLayer = new ReadOnlyIntegerWrapper(this, "shownLayer", 0);
    private final ReadOnlyIntegerWrapper shownHead = new ReadOnlyIntegerWrapper(this, "shownHead", -1);
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<Message> choiceProblem = new ReadOnlyObjectWrapper<>(this, "choiceProblem");
    /** The step the decoding at the end of a batch opens on: a lesson state's own, else the first. */
    private int openAt;

    public DecodingViewModel(UiExecutors executors, ShippedModels models, HeldOutSet heldOut) {
        this.work = new Recompute(executors, error, this::failed, () -> {
            int at = openAt;
            openAt = 0;
            decode(at);
        });
        this.models = Objects.requireNonNull(models, "models");
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        model.addListener((obs, old, now) -> {
            if (!work.suspended()) {
                source.set(now.example());
                reference.set("");
                decode();
            }
        });
        // another way of choosing words decodes again (from the first step)
        for (javafx.beans.Observable p : List.of(mode, temperature, topK, seed)) {
            p.addListener(o -> {
                if (!work.suspended()) {
                    decode();
                }
            });
        }
        step.addListener(o -> refresh());
        layer.addListener(o -> refresh());
        head.addListener(o -> refresh());
        result.addListener(o -> refresh());
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<ShippedModel> modelProperty() {
        return model;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    /** A reference typed by the user or given by a lesson; blank for the held-out set's. */
    public StringProperty referenceProperty() {
        return reference;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** Sample among the k most probable words (0 = all of them). */
    public IntegerProperty topKProperty() {
        return topK;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** The step to show (clamped to the decoding's steps). */
    public IntegerProperty stepProperty() {
        return step;
    }

    /** The decoder layer whose attention is shown, −1 for the last. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** The head shown, −1 for the mean of the heads. */
    public IntegerProperty headProperty() {
        return head;
    }

    public ObjectProperty<BleuTarget> bleuTargetProperty() {
        return bleuTarget;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The step shown. */
    public ReadOnlyObjectProperty<DecodingStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The decoder's masked self-attention at the step shown, (t + 1) × (t + 1), of the layer and head shown. */
    public ReadOnlyObjectProperty<Matrix> selfMapProperty() {
        return selfMap.getReadOnlyProperty();
    }

    /** Its cross-attention, (t + 1) × source tokens. */
    public ReadOnlyObjectProperty<Matrix> crossMapProperty() {
        return crossMap.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownStepProperty() {
        return shownStep.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownLayerProperty() {
        return shownLayer.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownHeadProperty() {
        return shownHead.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Unknown words, a decoding that hit the length limit, what was sent to BLEU. */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> choiceProblemProperty() {
        return choiceProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** The reference that Send to BLEU would use: the one typed, else the held-out set's, else null. */
    public String effectiveReference() {
        String typed = reference.get();
        if (typed != null && !typed.isBlank()) {
            return typed.strip();
        }
        Result r = result.get();
        return r == null ? null : r.heldOut();
    }

    // ------------------------------------------------------------------ commands

    /** Decodes the source again with the current settings and shows its first step. */
    public void decode() {
        decode(0);
    }

    private void decode(int showStep) {
        String text = source.get() == null ? "" : source.get();
        if (ParallelCorpus.words(text).isEmpty()) {
            result.set(null);
            notice.set(null);
            error.set(Message.of("decoding.error.empty"));
            return;
        }
        Sampling sampling = mode.get() == Mode.GREEDY ? Sampling.greedyDecoding()
                : Sampling.sample(temperature.get(), topK.get(), seed.get());
        Request r = new Request(model.get(), text, sampling, showStep);
        work.submit(() -> run(r), res -> show(res, r.step()));
    }

    public void next() {
        Result r = result.get();
        if (r != null && shownStep.get() < r.steps() - 1) {
            step.set(shownStep.get() + 1);
        }
    }

    public void back() {
        if (shownStep.get() > 0) {
            step.set(shownStep.get() - 1);
        }
    }

    public void first() {
        step.set(0);
    }

    /** The last step: the whole translation, ending with {@code <eos>} when it finished. */
    public void runToEnd() {
        Result r = result.get();
        if (r != null) {
            step.set(r.steps() - 1);
        }
    }

    /**
     * Sends the translation and its reference to the BLEU view.
     *
     * @return whether it was sent (no decoding yet, or no reference, says why instead)
     */
    public boolean sendToBleu() {
        Result r = result.get();
        if (r == null) {
            error.set(Message.of("decoding.error.nothingToSend"));
            return false;
        }
        String ref = effectiveReference();
        if (ref == null) {
            error.set(Message.of("decoding.error.noReference"));
            return false;
        }
        BleuTarget target = bleuTarget.get();
        if (target == null) {
            error.set(Message.of("decoding.error.noBleu"));
            return false;
        }
        error.set(null);
        target.show(r.decoding().text(), ref);
        return true;
    }

    /**
     * Shows a lesson step's complete {@code decoding} state (absent keys: defaults). A step past
     * the decoding's end, a layer or head the model lacks, go to the choice-problem display.
     */
    public void applyState(StateMap state) {
        ShippedModel m = state.text("model").map(ShippedModel::of).orElse(ShippedModel.TINY_TRANSLATOR);
        work.batch(() -> {
            model.set(m);
            source.set(state.text("source").orElse(m.example()));
            reference.set(state.text("reference").orElse(""));
            mode.set(state.text("sampling").map(Mode::of).orElse(Mode.GREEDY));
            temperature.set(state.number("temperature").orElse(DEFAULT_TEMPERATURE));
            topK.set(state.integer("topK").map(Long::intValue).orElse(DEFAULT_TOP_K));
            seed.set(state.integer("seed").orElse(0L));
            layer.set(state.integer("layer").map(Long::intValue).orElse(-1));
            head.set(state.integer("head").map(Long::intValue).orElse(-1));
            openAt = state.integer("step").map(Long::intValue).orElse(0);
        });
    }

    // ------------------------------------------------------------------ background

    private Result run(Request r) {
        Translator t = models.get(r.model());
        int n = ParallelCorpus.words(r.source()).size();
        if (n > t.maxWords()) {
            throw new TooLong(n, t.maxWords());
        }
        Decoding d = t.decode(r.source(), r.sampling());
        String ref = r.model() == ShippedModel.TINY_TRANSLATOR ? heldOut.reference(r.source()).orElse(null) : null;
        return new Result(r.model(), r.source(), r.sampling(), d, ref, t.unknownWords(r.source()));
    }

    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int words;
        final int max;

        TooLong(int words, int max) {
            super(words + " words, at most " + max);
            this.words = words;
            this.max = max;
        }
    }

    private void show(Result r, int showStep) {
        error.set(null);
        if (!r.unknownWords().isEmpty()) {
            notice.set(Message.of("decoding.notice.unknown", String.join(", ", r.unknownWords())));
        } else if (!r.decoding().finished()) {
            notice.set(Message.of("decoding.notice.unfinished", r.steps()));
        } else {
            notice.set(null);
        }
        step.set(showStep);
        result.set(r);
        refresh();
    }

    /** A decoding that failed: nothing is shown, and the message says why. */
    private Message failed(RuntimeException e) {
        result.set(null);
        notice.set(null);
        if (e instanceof TooLong t) {
            return Message.of("decoding.error.tooLong", t.words, t.max);
        } else if (e instanceof ShippedModels.Unavailable u) {
            return Message.of("decoding.error.model", u.model().path(), u.detail());
        }
        return Message.of("decoding.error.failed", String.valueOf(e.getMessage()));
    }

    private void refresh() {
        Result r = result.get();
        if (r == null || r.steps() == 0) {
            current.set(null);
            selfMap.set(null);
            crossMap.set(null);
            choiceProblem.set(null);
            return;
        }
        Message problem = null;
        int t = step.get();
        if (t >= r.steps() || t < 0) {
            problem = Message.of("decoding.error.step", t, r.steps());
            t = Math.max(0, Math.min(t, r.steps() - 1));
        }
        DecodingStep s = r.decoding().steps().get(t);
        int layers = s.crossAttention().size();
        int heads = s.crossAttention().get(0).size();
        int l = layer.get() < 0 ? layers - 1 : layer.get();
        if (l >= layers) {
            problem = Message.of("decoding.error.layer", l, layers);
            l = layers - 1;
        }
        int h = head.get();
        if (h >= heads) {
            problem = Message.of("decoding.error.head", h, heads);
            h = -1;
        }
        shownStep.set(t);
        shownLayer.set(l);
        shownHead.set(h);
        current.set(s);
        selfMap.set(h < 0 ? CrossAttentionViewModel.headMean(s.selfAttention().get(l)) : s.selfAttention().get(l).get(h));
        crossMap.set(h < 0 ? CrossAttentionViewModel.headMean(s.crossAttention().get(l)) : s.crossAttention().get(l).get(h));
        choiceProblem.set(problem);
    }
}

package org.attentionlab.ui.qkv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.qkv.QkvViewModel.WeightInit;
import org.attentionlab.ui.widgets.Cell;

/**
 * The complete state of the Q/K/V view-model, set at once by {@link QkvViewModel#applySetup}: where
 * the vectors come from, the model settings, the weights, the mask, the highlighted weight and the
 * stage in focus. Every field has a value (the defaults are in {@link Builder}), so applying the same
 * setup always shows the same thing whatever was shown before — what lesson steps need.
 *
 * @param source      where Q, K and V come from
 * @param vectors     X for {@link Source#VECTORS}, else null
 * @param sentence    the sentence for {@link Source#SENTENCE}, else null
 * @param split       how the sentence is split into tokens
 * @param queries     Q for {@link Source#GIVEN}, else null
 * @param keys        K for {@link Source#GIVEN}, else null
 * @param values      V for {@link Source#GIVEN}, else null
 * @param tokens      labels of the rows of X (and of the keys/values), or null for x₁, x₂, …
 * @param queryTokens labels of the query rows when they differ from {@code tokens}, or null
 * @param dModel      d_model of generated vectors
 * @param heads       heads (d_k = d_model / heads)
 * @param seed        seed of generated vectors and weights
 * @param weightInit  how weights are generated when {@code wq} is null
 * @param wq          W_Q (d_model × d_k) with {@code wk} and {@code wv}, or all three null
 * @param wk          W_K (d_model × d_k)
 * @param wv          W_V (d_model × d_v)
 * @param scaled      divide by √d_k
 * @param precision   arithmetic precision
 * @param mask        which mask
 * @param customMask  the (T × S) 0/1 mask for {@link MaskKind#CUSTOM}, else null
 * @param highlight   the selected weight, or null
 * @param focus       the stage in focus, or null
 * @param problems    what could not be applied as asked (shown as the view's error), empty when all is well
 */
public record QkvSetup(Source source, Matrix vectors, String sentence, Split split, Matrix queries, Matrix keys,
                       Matrix values, List<String> tokens, List<String> queryTokens, int dModel, int heads, int seed,
                       WeightInit weightInit, Matrix wq, Matrix wk, Matrix wv, boolean scaled, Precision precision,
                       MaskKind mask, Matrix customMask, Cell highlight, Stage focus, List<Message> problems) {

    /** Where the view's queries, keys and values come from. */
    public enum Source {
        /** The lecture's x₁=[1,0], x₂=[0,1], x₃=[1,1]. */
        LECTURE,
        /** Token vectors X given, projected by W_Q, W_K, W_V. */
        VECTORS,
        /** A sentence, split into tokens, each with a seeded vector. */
        SENTENCE,
        /** Q, K and V given directly (cross-attention: the queries do not come from the keys' X). */
        GIVEN
    }

    public QkvSetup {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(weightInit, "weightInit");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(mask, "mask");
        tokens = tokens == null ? null : List.copyOf(tokens);
        queryTokens = queryTokens == null ? null : List.copyOf(queryTokens);
        problems = List.copyOf(problems);
        switch (source) {
            case VECTORS -> Objects.requireNonNull(vectors, "vectors");
            case SENTENCE -> Objects.requireNonNull(sentence, "sentence");
            case GIVEN -> {
                Objects.requireNonNull(queries, "queries");
                Objects.requireNonNull(keys, "keys");
                Objects.requireNonNull(values, "values");
            }
            default -> {
            }
        }
        if ((wq == null) != (wk == null) || (wq == null) != (wv == null)) {
            throw new IllegalArgumentException("W_Q, W_K and W_V are given together or not at all");
        }
        if (mask == MaskKind.CUSTOM) {
            Objects.requireNonNull(customMask, "customMask");
        }
    }

    /** The defaults: the lecture example, unscaled as on the slide, float64, no mask. */
    public static QkvSetup lecture() {
        return new Builder().scaled(false).build();
    }

    /** Builds a setup; every field starts at its default. */
    public static final class Builder {
        private Source source = Source.LECTURE;
        private Matrix vectors;
        private String sentence;
        private Split split = Split.WHITESPACE;
        private Matrix queries;
        private Matrix keys;
        private Matrix values;
        private List<String> tokens;
        private List<String> queryTokens;
        private int dModel = 2;
        private int heads = 1;
        private int seed = 42;
        private WeightInit weightInit = WeightInit.IDENTITY;
        private Matrix wq;
        private Matrix wk;
        private Matrix wv;
        private boolean scaled = true;
        private Precision precision = Precision.FLOAT64;
        private MaskKind mask = MaskKind.NONE;
        private Matrix customMask;
        private Cell highlight;
        private Stage focus;
        private final List<Message> problems = new ArrayList<>();

        public Builder vectors(Matrix x) {
            source = Source.VECTORS;
            vectors = x;
            dModel = x.cols();
            return this;
        }

        public Builder sentence(String text, Split how) {
            source = Source.SENTENCE;
            sentence = text;
            split = how;
            return this;
        }

        public Builder given(Matrix q, Matrix k, Matrix v) {
            source = Source.GIVEN;
            queries = q;
            keys = k;
            values = v;
            return this;
        }

        public Builder tokens(List<String> keyLabels, List<String> queryLabels) {
            tokens = keyLabels;
            queryTokens = queryLabels;
            return this;
        }

        public Builder dModel(int value) {
            dModel = value;
            return this;
        }

        public Builder heads(int value) {
            heads = value;
            return this;
        }

        public Builder seed(int value) {
            seed = value;
            return this;
        }

        public Builder weightInit(WeightInit value) {
            weightInit = value;
            return this;
        }

        public Builder weights(Matrix q, Matrix k, Matrix v) {
            wq = q;
            wk = k;
            wv = v;
            return this;
        }

        public Builder scaled(boolean value) {
            scaled = value;
            return this;
        }

        public Builder precision(Precision value) {
            precision = value;
            return this;
        }

        public Builder mask(MaskKind kind, Matrix custom) {
            mask = kind;
            customMask = custom;
            return this;
        }

        public Builder highlight(Cell cell) {
            highlight = cell;
            return this;
        }

        public Builder focus(Stage stage) {
            focus = stage;
            return this;
        }

        public Builder problem(Message m) {
            problems.add(m);
            return this;
        }

        public Source source() {
            return source;
        }

        public int dModel() {
            return dModel;
        }

        public QkvSetup build() {
            return new QkvSetup(source, vectors, sentence, split, queries, keys, values, tokens, queryTokens, dModel,
                    heads, seed, weightInit, wq, wk, wv, scaled, precision, mask, customMask, highlight, focus, problems);
        }
    }
}

package org.attentionlab.lesson;

import static org.attentionlab.lesson.Key.optional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The views a lesson step may name and the state keys each understands: the one place where the
 * list lives. The loader validates against it, the README documents it, the player applies it.
 * A later view ({@code training}, {@code cross-attention}, {@code decoding}, …) is one more
 * {@link ViewSpec} here (or passed to {@link #with}); the lesson format does not change.
 *
 * <p>Indices in state are 0-based, as in the engine and in Python: {@code highlight: [0, 2]} is
 * the first query's weight on the third key.
 */
public final class ViewCatalog {

    /** Keys every view understands. */
    public static final List<Key> COMMON_KEYS = List.of(
            optional("panels", ValueType.texts(), "the panels to show, in order; the others are hidden (a teacher can hide controls)"),
            optional("zoom", ValueType.number(0.25, 4), "zoom factor of the view, 1 = normal"));

    private static final ValueType MASK = ValueType.anyOf(ValueType.oneOf("none", "causal"), ValueType.zeroOneMatrix());
    private static final ValueType CELL = ValueType.pair(0, "[0, 2] (row, column, counting from 0)");

    private static final ViewCatalog STANDARD = new ViewCatalog(List.of(
            new ViewSpec("qkv", "the Q/K/V pipeline of one attention head: projections, scores, scaling, mask, softmax, weighted sum",
                    List.of(
                            optional("input", ValueType.text(), "a sentence; the view tokenizes and embeds it (seeded)"),
                            optional("tokens", ValueType.texts(), "labels of the key/value rows (and of the query rows for self-attention)"),
                            optional("queryTokens", ValueType.texts(), "labels of the query rows when they differ (cross-attention)"),
                            optional("vectors", ValueType.matrix(), "token vectors X, one row per token (T × d_model)"),
                            optional("wq", ValueType.matrix(), "W_Q (d_model × d_k): Q = X·W_Q"),
                            optional("wk", ValueType.matrix(), "W_K (d_model × d_k): K = X·W_K"),
                            optional("wv", ValueType.matrix(), "W_V (d_model × d_v): V = X·W_V"),
                            optional("queries", ValueType.matrix(), "Q given directly (T × d_k)"),
                            optional("keys", ValueType.matrix(), "K given directly (S × d_k)"),
                            optional("values", ValueType.matrix(), "V given directly (S × d_v)"),
                            optional("scaled", ValueType.bool(), "divide the scores by √d_k (default true)"),
                            optional("mask", MASK, "none, causal, or a T × S matrix of 0/1"),
                            optional("stage", ValueType.oneOf("scores", "scaled", "masked", "weights", "output"),
                                    "the stage in focus"),
                            optional("highlight", CELL, "the cell [query, key] to highlight"),
                            optional("dModel", ValueType.integer(1, 1024), "d_model for generated vectors"),
                            optional("heads", ValueType.integer(1, 64), "number of heads (d_k = d_model / heads) for generated projections"),
                            optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "seed for generated vectors and weights"),
                            optional("precision", ValueType.oneOf("float32", "float64"), "arithmetic precision (default float64 in lessons)")),
                    List.of("inputs", "projections", "scores", "weights", "output", "controls", "formula")),
            new ViewSpec("multihead", "multi-head attention: h heads side by side, their outputs concatenated and projected by W_O",
                    List.of(
                            optional("text", ValueType.text(), "the input sentence"),
                            optional("heads", ValueType.integer(1, 64), "number of heads h"),
                            optional("dModel", ValueType.integer(1, 1024), "d_model (must be divisible by heads)"),
                            optional("layer", ValueType.integer(0, 47), "which layer (0 = first)"),
                            optional("head", ValueType.integer(0, 63), "which head is in focus (0 = first)"),
                            optional("stage", ValueType.oneOf("sentence", "embed", "project", "attend", "heads", "concat"),
                                    "the step of the lecture's six in focus"),
                            optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "seed for the weights"),
                            // --- multi-head view and real models (branch mh)
                            optional("pair", ValueType.text(), "a second sentence (B); with a model, [CLS] A [SEP] B [SEP]"),
                            optional("split", ValueType.oneOf("whitespace", "characters"), "how random weights split the text"),
                            optional("source", ValueType.oneOf("random", "model"),
                                    "seeded random weights (default) or the model the user opened"),
                            optional("layers", ValueType.integer(1, 12), "number of layers for random weights"),
                            optional("aggregate", ValueType.oneOf("none", "mean", "max", "mean-layers", "max-layers", "rollout"),
                                    "how the heads are combined"),
                            optional("hideSpecial", ValueType.bool(), "hide attention to [CLS]/[SEP] and renormalise the rows"),
                            optional("pairFilter", ValueType.oneOf("all", "a-to-a", "a-to-b", "b-to-a", "b-to-b"),
                                    "which part of a sentence pair's attention is shown"),
                            optional("shownHeads", ValueType.integers(0, 63), "the heads switched on (default all)")),
                    List.of("heads", "concat", "output", "controls", "formula", "steps", "lines", "aggregate")),
            new ViewSpec("pe", "the sinusoidal positional encoding: curves per dimension and the position × dimension heatmap",
                    List.of(
                            optional("positions", ValueType.integer(1, 10000), "number of positions (pos_max)"),
                            optional("dim", ValueType.integer(2, 4096), "model dimension d"),
                            optional("dims", ValueType.integers(0, 4095), "the dimensions whose curves are drawn"),
                            optional("learned", ValueType.bool(), "show a learned (BERT-style) table instead of the sinusoids"),
                            optional("offset", ValueType.integer(0, 10000), "show PE(pos + offset) as a rotation of PE(pos)"),
                            optional("highlight", CELL, "the cell [position, dimension] to highlight"),
                            optional("text", ValueType.text(), "a sentence whose seeded embeddings get PE added (panel sum)")),
                    List.of("plot", "heatmap", "controls", "formula", "similarity", "sum")),
            new ViewSpec("mask", "padding and causal masks on the score matrix, in training and at inference",
                    List.of(
                            optional("sentences", ValueType.texts(), "the sentences of a batch (padding is added to the longest)"),
                            optional("mode", ValueType.oneOf("padding", "causal", "both", "custom"), "which mask"),
                            optional("custom", ValueType.zeroOneMatrix(), "the mask for mode custom (1 = may attend)"),
                            optional("inference", ValueType.bool(), "generate one token at a time instead of training in parallel"),
                            optional("step", ValueType.integer(0, 511), "the inference step shown (0 = first token)"),
                            optional("highlight", CELL, "the cell [query, key] to highlight"),
                            optional("sentence", ValueType.integer(0, 7), "the sentence whose matrices are shown (0 = first; default: the first padded one)"),
                            optional("vectors", ValueType.matrix(), "one vector per position, Q = K = V = X (default: a seeded vector per token)")),
                    List.of("sentences", "matrix", "weights", "controls", "formula")),
            new ViewSpec("bleu", "the BLEU calculator: n-gram matches, clipped precisions, brevity penalty, score",
                    List.of(
                            optional("candidate", ValueType.text(), "the candidate (machine) translation"),
                            optional("references", ValueType.texts(), "one or more reference translations"),
                            optional("tokenize", ValueType.oneOf("13a", "zh", "char", "intl", "none"), "sacreBLEU tokenizer"),
                            optional("smooth", ValueType.oneOf("none", "floor", "add-k", "exp"), "smoothing method"),
                            optional("order", ValueType.integer(1, 4), "the n-gram order in focus"),
                            optional("mode", ValueType.oneOf("sacrebleu", "nltk", "textbook"),
                                    "the implementation in focus (default sacrebleu)"),
                            optional("nltkSmoothing", ValueType.oneOf("method0", "method1", "method2", "method3", "method4",
                                    "method5", "method6", "method7"), "NLTK's smoothing method (default method0: none)"),
                            optional("effectiveOrder", ValueType.bool(),
                                    "sacreBLEU: average only over the orders the candidate has (default true, as sentence_bleu)"),
                            optional("ngram", ValueType.text(), "the candidate n-gram to light up, tokens joined by spaces ('踢 足球')"),
                            optional("candidates", ValueType.texts(), "several candidates scored against the same references"),
                            optional("candidateLabels", ValueType.texts(), "a name for each of the candidates (DeepSeek, Google, …)")),
                    List.of("texts", "ngrams", "precisions", "brevity", "score", "compare", "candidates", "controls")),
            new ViewSpec("tokenizer", "BERT WordPiece: tokens, input_ids, token_type_ids, attention_mask",
                    List.of(
                            optional("text", ValueType.text(), "the text to tokenize"),
                            optional("pair", ValueType.text(), "a second segment (sentence B)"),
                            optional("maxLength", ValueType.integer(1, 8192), "truncate/pad to this many tokens"),
                            optional("cased", ValueType.bool(), "keep case and accents (default false: lower-case as bert-base-uncased; the notebook's bert-base-chinese keeps case)"),
                            optional("token", ValueType.integer(0, 8191), "the token in focus (0 = [CLS])")),
                    List.of("tokens", "ids", "type-ids", "attention-mask", "decoded", "explain", "controls")),
            new ViewSpec("embedding", "word vectors as points in 3-D with distances, dot products and cosine similarity; BERT's input as token + segment + position embeddings; PCA",
                    List.of(
                            optional("words", ValueType.wordVectors(), "the words and their vectors"),
                            optional("highlight", ValueType.texts(), "words to highlight"),
                            optional("similarity", ValueType.oneOf("dot", "cosine"), "the similarity shown between words"),
                            optional("text", ValueType.text(), "sentence A of BERT's input (token + segment + position embeddings)"),
                            optional("pair", ValueType.text(), "sentence B of BERT's input"),
                            optional("pca", ValueType.oneOf("words", "tokens"), "what the PCA projects: the word vectors or the token embeddings of the text"),
                            optional("yaw", ValueType.number(-180, 180), "the 3-D plot's turn about the vertical axis, in degrees"),
                            optional("pitch", ValueType.number(-90, 90), "the 3-D plot's tilt, in degrees")),
                    List.of("plot", "table", "input", "pca", "controls")),
            new ViewSpec("text", "text and figures only, no interactive view (the Seq2Seq introduction, summaries)",
                    List.of(), List.of()),
            // --- real models (branch mh)
            new ViewSpec("model", "the BERT model the user opened: every layer × head as a thumbnail, and fill-mask",
                    List.of(
                            optional("text", ValueType.text(), "the sentence run through the model"),
                            optional("pair", ValueType.text(), "a second sentence (B)"),
                            optional("hideSpecial", ValueType.bool(), "hide attention to [CLS]/[SEP] and renormalise the rows"),
                            optional("layer", ValueType.integer(0, 47), "the layer of the thumbnail marked (0 = first)"),
                            optional("head", ValueType.integer(0, 63), "the head of the thumbnail marked (0 = first)"),
                            optional("masked", ValueType.text(), "the fill-mask sentence, with [MASK]"),
                            optional("topK", ValueType.integer(1, 20), "how many predictions per [MASK]")),
                    List.of("controls", "grid", "fill-mask")),
            // --- training, cross-attention, decoding (branch trainview)
            new ViewSpec("training", "training in the app: loss and learning-rate curves, the probe's attention as it learns, parameters and their gradients",
                    List.of(
                            optional("experiment", ValueType.oneOf("simple-attention", "copy", "reverse", "translator"),
                                    "what is trained (default simple-attention, the course notebook's)"),
                            optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "seed of the data and initial weights"),
                            optional("learningRate", ValueType.number(1e-6, 1), "learning rate (Adam's; the peak of the warm-up schedule for the others)"),
                            optional("steps", ValueType.integer(1, 100000), "optimizer steps of the run"),
                            optional("trained", ValueType.integer(0, 100000),
                                    "steps already taken when the step is shown (default 0); keep it small, they run while the step opens"),
                            optional("attention", ValueType.oneOf("cross", "encoder-self", "decoder-self"),
                                    "which attention of the probe sentence is shown (encoder-decoders; default cross)"),
                            optional("layer", ValueType.integer(0, 63), "the layer whose heads are shown (default the last)"),
                            optional("parameter", ValueType.text(), "the parameter shown with its gradient (default the first: W_Q)")),
                    List.of("curves", "attention", "change", "parameters", "controls")),
            new ViewSpec("cross-attention", "an encoder-decoder's cross-attention: target words × source words, per layer and head",
                    List.of(
                            optional("model", ValueType.oneOf("tiny-translator", "copy", "reverse"), "the shipped model (default tiny-translator)"),
                            optional("source", ValueType.text(), "the source sentence"),
                            optional("target", ValueType.text(), "a target to read teacher-forced (default: the greedy translation)"),
                            optional("layer", ValueType.integer(0, 63), "the decoder layer (default the last)"),
                            optional("head", ValueType.integer(0, 63), "the head shown large (default: the mean of the heads)"),
                            optional("highlight", CELL, "the cell [target row, source column] to highlight")),
                    List.of("focus", "heads", "controls")),
            new ViewSpec("decoding", "greedy or sampled decoding step by step: masked self-attention, cross-attention, logits and probabilities",
                    List.of(
                            optional("model", ValueType.oneOf("tiny-translator", "copy", "reverse"), "the shipped model (default tiny-translator)"),
                            optional("source", ValueType.text(), "the source sentence"),
                            optional("reference", ValueType.text(), "the reference translation sent to BLEU (default: the held-out set's, when the source is one of its sentences)"),
                            optional("step", ValueType.integer(0, 1000), "the decoding step shown (0 = the first word)"),
                            optional("sampling", ValueType.oneOf("greedy", "sample"), "greedy (default) or seeded sampling"),
                            optional("temperature", ValueType.number(0.01, 100), "sampling temperature T (default 1)"),
                            optional("topK", ValueType.integer(0, 1000), "sample among the k most probable tokens (0 = all)"),
                            optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "the sampling seed"),
                            optional("layer", ValueType.integer(0, 63), "the decoder layer whose attention is shown (default the last)"),
                            optional("head", ValueType.integer(0, 63), "the head shown (default: the mean of the heads)")),
                    List.of("output", "self", "cross", "table", "controls"))));

    private final Map<String, ViewSpec> views;

    private ViewCatalog(List<ViewSpec> specs) {
        Map<String, ViewSpec> m = new LinkedHashMap<>();
        for (ViewSpec s : specs) {
            for (Key k : COMMON_KEYS) {
                if (s.key(k.name()).isPresent()) {
                    throw new IllegalArgumentException("view '" + s.name() + "' redeclares the common key '" + k.name() + "'");
                }
            }
            if (m.put(s.name(), s) != null) {
                throw new IllegalArgumentException("view '" + s.name() + "' is declared twice");
            }
        }
        this.views = java.util.Collections.unmodifiableMap(m);
    }

    /** The views of this version of the app. */
    public static ViewCatalog standard() {
        return STANDARD;
    }

    /** This catalogue plus one more view (for a view that lands later, and for tests). */
    public ViewCatalog with(ViewSpec view) {
        List<ViewSpec> all = new ArrayList<>(views.values());
        all.add(view);
        return new ViewCatalog(all);
    }

    public List<String> names() {
        return List.copyOf(views.keySet());
    }

    public List<ViewSpec> views() {
        return List.copyOf(views.values());
    }

    public Optional<ViewSpec> find(String name) {
        return Optional.ofNullable(views.get(name));
    }

    /** The view's own keys followed by the common ones. */
    public List<Key> keys(ViewSpec view) {
        List<Key> all = new ArrayList<>(view.keys());
        all.addAll(COMMON_KEYS);
        return all;
    }
}

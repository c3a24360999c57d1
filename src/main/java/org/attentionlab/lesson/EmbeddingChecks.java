package org.attentionlab.lesson;

import static org.attentionlab.lesson.Key.optional;
import static org.attentionlab.lesson.Key.required;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.attentionlab.engine.Pca;
import org.attentionlab.engine.VectorSimilarity;
import org.attentionlab.io.Assets;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;

/**
 * Check kinds for the tokenizer and embedding lessons: what BERT's tokenizer makes of a text with
 * the shipped vocabulary ({@code tokenize}), how close word vectors are ({@code vector-similarity})
 * and how much of their variance a PCA projection keeps ({@code pca}). No JavaFX.
 */
final class EmbeddingChecks {

    private EmbeddingChecks() {
    }

    /** BertTokenizer on the shipped vocabulary: tokens, ids, segments, mask, decoded text. */
    static final class Tokenize implements CheckKind {

        private static volatile Vocabulary shipped;

        @Override
        public String name() {
            return "tokenize";
        }

        @Override
        public String description() {
            return "BERT WordPiece with the shipped vocabulary (" + Vocabulary.SHIPPED_PATH
                    + "): tokens, input_ids, token_type_ids, attention_mask, decoded text";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("text", ValueType.text(), "the text (sentence A); from the step's state when left out"),
                    optional("pair", ValueType.text(), "sentence B (from the state)"),
                    optional("maxLength", ValueType.integer(2, 8192), "truncate (longest first) and pad to this length (from the state)"),
                    optional("cased", ValueType.bool(), "keep case and accents (default false; from the state)"),
                    optional("positions", ValueType.integers(0, 8191),
                            "state the token lists only at these positions (0 = [CLS])"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("tokens", ValueType.texts(), "the tokens, [CLS] … [SEP] (at `positions` when given)"),
                    optional("inputIds", ValueType.integers(0, 100_000_000), "input_ids"),
                    optional("tokenTypeIds", ValueType.integers(0, 1), "token_type_ids"),
                    optional("attentionMask", ValueType.integers(0, 1), "attention_mask"),
                    optional("length", ValueType.integer(0, 1_000_000), "number of positions, [CLS], [SEP] and [PAD] included"),
                    optional("truncated", ValueType.integer(0, 1_000_000), "tokens cut by truncation"),
                    optional("decoded", ValueType.text(), "decode(input_ids, skip_special_tokens=True)"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("text", "pair", "maxLength", "cased");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            long max = in.integer("maxLength").orElse(-1L);
            if (max >= 0 && in.has("pair") && max < 3) {
                out.add("maxLength " + max + " leaves no room for a pair's [CLS], [SEP], [SEP]; expected at least 3");
            }
            Optional<List<Integer>> positions = in.integers("positions");
            for (String list : List.of("tokens", "inputIds", "tokenTypeIds", "attentionMask")) {
                int stated = expect.texts(list).map(List::size).or(() -> expect.integers(list).map(List::size)).orElse(-1);
                if (stated >= 0 && positions.isPresent() && stated != positions.get().size()) {
                    out.add("expect " + list + " has " + stated + " entries but positions has " + positions.get().size());
                }
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tolerance) {
            Vocabulary vocab;
            try {
                vocab = shippedVocabulary();
            } catch (IOException | RuntimeException e) {
                return List.of("the shipped vocabulary could not be read: " + e.getMessage());
            }
            BertTokenizer tokenizer = new BertTokenizer(vocab, !in.flag("cased").orElse(false));
            String text = in.text("text").orElseThrow();
            String pair = in.text("pair").orElse(null);
            Encoding e = in.integer("maxLength").isPresent()
                    ? tokenizer.encode(text, pair, in.integer("maxLength").get().intValue())
                    : pair == null ? tokenizer.encode(text) : tokenizer.encode(text, pair);
            List<String> out = new ArrayList<>();
            Optional<List<Integer>> positions = in.integers("positions");
            if (positions.isPresent()) {
                for (int p : positions.get()) {
                    if (p >= e.size()) {
                        out.add("position " + p + " is beyond the " + e.size() + " tokens (positions 0 to " + (e.size() - 1) + ")");
                    }
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
            compare(out, "tokens", e.tokens(), expect.texts("tokens"), positions);
            compare(out, "input_ids", e.inputIds(), expect.integers("inputIds"), positions);
            compare(out, "token_type_ids", e.tokenTypeIds(), expect.integers("tokenTypeIds"), positions);
            compare(out, "attention_mask", e.attentionMask(), expect.integers("attentionMask"), positions);
            expect.integer("length").ifPresent(n -> {
                if (n != e.size()) {
                    out.add("there are " + e.size() + " positions but the lesson says " + n);
                }
            });
            expect.integer("truncated").ifPresent(n -> {
                if (n != e.truncatedTokens()) {
                    out.add("truncation cut " + e.truncatedTokens() + " tokens but the lesson says " + n);
                }
            });
            expect.text("decoded").ifPresent(d -> {
                String actual = tokenizer.decode(e.inputIds(), true);
                if (!actual.equals(d)) {
                    out.add("decoded text is \"" + actual + "\" but the lesson says \"" + d + "\"");
                }
            });
            return out;
        }

        private static <T> void compare(List<String> out, String what, List<T> actual, Optional<List<T>> stated,
                                        Optional<List<Integer>> positions) {
            if (stated.isEmpty()) {
                return;
            }
            List<T> picked = positions.map(ps -> ps.stream().map(actual::get).toList()).orElse(actual);
            List<T> s = stated.get();
            if (positions.isEmpty() && picked.size() != s.size()) {
                out.add(what + " has " + picked.size() + " entries but the lesson states " + s.size() + ": " + picked);
                return;
            }
            for (int i = 0; i < s.size(); i++) {
                if (!picked.get(i).equals(s.get(i))) {
                    int index = i;
                    int at = positions.map(ps -> ps.get(index)).orElse(index);
                    out.add(what + " at position " + at + " is " + show(picked.get(i)) + " but the lesson says " + show(s.get(i)));
                }
            }
        }

        private static String show(Object o) {
            return o instanceof String s ? "'" + s + "'" : String.valueOf(o);
        }

        /** Loaded once: the vocabulary is immutable and every tokenize check uses it. */
        static Vocabulary shippedVocabulary() throws IOException {
            Vocabulary v = shipped;
            if (v == null) {
                Path file = Assets.find(Vocabulary.SHIPPED_PATH).orElseThrow(() -> new IOException(Vocabulary.SHIPPED_PATH
                        + " not found (looked in " + Assets.candidates(Vocabulary.SHIPPED_PATH) + ")"));
                v = Vocabulary.load(file);
                shipped = v;
            }
            return v;
        }
    }

    /** Dot product, cosine, Euclidean distance, angle and nearest neighbours of word vectors. */
    static final class Similarity implements CheckKind {

        @Override
        public String name() {
            return "vector-similarity";
        }

        @Override
        public String description() {
            return "dot product, cosine similarity, angle and Euclidean distance between word vectors, and a word's nearest neighbour";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("words", ValueType.wordVectors(), "the words and their vectors; from the step's state when left out"),
                    required("between", ValueType.texts(), "one or two of the words: the pair measured (the first word for nearest*)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("dot", ValueType.number(), "a·b"),
                    optional("cosine", ValueType.number(-1, 1), "a·b / (‖a‖‖b‖)"),
                    optional("angle", ValueType.number(0, 180), "the angle between a and b in degrees"),
                    optional("euclidean", ValueType.number(0, Double.MAX_VALUE), "‖a − b‖"),
                    optional("nearestByDistance", ValueType.text(), "the other word with the smallest Euclidean distance to the first"),
                    optional("nearestByCosine", ValueType.text(), "the other word with the largest cosine to the first"),
                    optional("nearestByDot", ValueType.text(), "the other word with the largest dot product with the first"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("words");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            Map<String, StateValue.Vector> words = in.wordVectors("words").orElseThrow();
            List<String> between = in.texts("between").orElseThrow();
            if (between.size() > 2) {
                out.add("between names " + between.size() + " words; expected one or two");
            }
            for (String w : between) {
                if (!words.containsKey(w)) {
                    out.add("between names '" + w + "', which is not one of the words " + words.keySet());
                }
            }
            boolean pairwise = expect.has("dot") || expect.has("cosine") || expect.has("angle") || expect.has("euclidean");
            if (pairwise && between.size() != 2) {
                out.add("dot, cosine, angle and euclidean need two words in between; got " + between);
            }
            boolean nearest = expect.has("nearestByDistance") || expect.has("nearestByCosine") || expect.has("nearestByDot");
            if (nearest && words.size() < 2) {
                out.add("a nearest word needs at least two words");
            }
            for (String k : List.of("nearestByDistance", "nearestByCosine", "nearestByDot")) {
                expect.text(k).filter(w -> !words.containsKey(w))
                        .ifPresent(w -> out.add("expect " + k + " is '" + w + "', which is not one of the words " + words.keySet()));
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            Map<String, StateValue.Vector> words = in.wordVectors("words").orElseThrow();
            List<String> between = in.texts("between").orElseThrow();
            List<String> out = new ArrayList<>();
            double[] a = words.get(between.get(0)).values();
            if (between.size() == 2) {
                double[] b = words.get(between.get(1)).values();
                String pair = between.get(0) + "–" + between.get(1);
                expect.number("dot").ifPresent(s -> Compare.number(out, "dot product " + pair, VectorSimilarity.dot(a, b), s, tol));
                expect.number("cosine").ifPresent(s -> Compare.number(out, "cosine " + pair, VectorSimilarity.cosine(a, b), s, tol));
                expect.number("angle").ifPresent(s -> Compare.number(out, "angle " + pair + " (degrees)",
                        VectorSimilarity.angleDegrees(a, b), s, tol));
                expect.number("euclidean").ifPresent(s -> Compare.number(out, "distance " + pair,
                        VectorSimilarity.euclidean(a, b), s, tol));
            }
            nearest(out, expect, "nearestByDistance", "by distance", words, between.get(0),
                    b -> -VectorSimilarity.euclidean(a, b));
            nearest(out, expect, "nearestByCosine", "by cosine", words, between.get(0), b -> VectorSimilarity.cosine(a, b));
            nearest(out, expect, "nearestByDot", "by dot product", words, between.get(0), b -> VectorSimilarity.dot(a, b));
            return out;
        }

        private static void nearest(List<String> out, StateMap expect, String key, String how,
                                    Map<String, StateValue.Vector> words, String from, Function<double[], Double> closeness) {
            if (expect.text(key).isEmpty()) {
                return;
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            words.forEach((w, v) -> {
                if (!w.equals(from)) {
                    scores.put(w, closeness.apply(v.values()));
                }
            });
            String best = null;
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                if (best == null || e.getValue() > scores.get(best)) {
                    best = e.getKey();
                }
            }
            if (!expect.text(key).get().equals(best)) {
                out.add("the word nearest to '" + from + "' " + how + " is '" + best + "' but the lesson says '"
                        + expect.text(key).get() + "'");
            }
        }
    }

    /** How much variance k principal components keep. */
    static final class PcaCheck implements CheckKind {

        @Override
        public String name() {
            return "pca";
        }

        @Override
        public String description() {
            return "principal component analysis of word vectors (or a matrix's rows): the share of variance each component keeps";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    optional("words", ValueType.wordVectors(), "the words and their vectors (from the step's state)"),
                    optional("matrix", ValueType.matrix(), "rows to analyse instead of words"),
                    optional("components", ValueType.integer(1, 3), "number of components k (default 2)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("explainedVarianceRatio", ValueType.vector(), "each component's share of the total variance"),
                    optional("keptRatio", ValueType.number(0, 1), "the k components' shares added up"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("words");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            if (!in.has("matrix") && !in.has("words")) {
                out.add("give words (or a step state with words) or a matrix");
            }
            int d = rows(in).length == 0 ? 0 : rows(in)[0].length;
            long k = in.integer("components").orElse(2L);
            if (d > 0 && k > d) {
                out.add("components is " + k + " but the vectors have only " + d + " numbers");
            }
            expect.vector("explainedVarianceRatio").ifPresent(v -> {
                if (v.length != k) {
                    out.add("expect explainedVarianceRatio has " + v.length + " numbers but components is " + k);
                }
            });
            return out;
        }

        private static double[][] rows(StateMap in) {
            if (in.matrix("matrix").isPresent()) {
                return in.matrix("matrix").get().toArray();
            }
            return in.wordVectors("words").map(w -> w.values().stream().map(StateValue.Vector::values)
                    .toArray(double[][]::new)).orElse(new double[0][]);
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            int k = in.integer("components").orElse(2L).intValue();
            Pca pca = Pca.fit(rows(in), k);
            double[] ratio = pca.explainedVarianceRatio();
            List<String> out = new ArrayList<>();
            expect.vector("explainedVarianceRatio").ifPresent(s -> Compare.vector(out, "explained variance ratio", ratio, s, tol));
            double kept = 0;
            for (double r : ratio) {
                kept += r;
            }
            double keptFinal = kept;
            expect.number("keptRatio").ifPresent(s -> Compare.number(out, "variance kept by " + k + " components", keptFinal, s, tol));
            return out;
        }
    }
}

package org.attentionlab.lesson;

import static org.attentionlab.lesson.Key.optional;
import static org.attentionlab.lesson.Key.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.FeedForward;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.LayerNorm;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.OutputProjection;
import org.attentionlab.engine.PositionalEncoding;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.ScaledDotProductAttention;
import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The check kinds of this version. Every one computes with the engine in float64 (the lessons'
 * small examples should match to the last printed digit) and none needs JavaFX.
 */
final class StandardChecks {

    private static final Precision P = Precision.FLOAT64;
    private static final ValueType MASK = ValueType.anyOf(ValueType.oneOf("none", "causal"), ValueType.zeroOneMatrix());

    private StandardChecks() {
    }

    static Matrix m(StateMap s, String key) {
        return s.matrix(key).orElseThrow();
    }

    static String shape(Matrix x) {
        return x.rows() + "×" + x.cols();
    }

    /** softmax(QKᵀ/√d_k + M)·V with every stage (ScaledDotProductAttention.trace). */
    static final class Attention implements CheckKind {
        @Override
        public String name() {
            return "attention";
        }

        @Override
        public String description() {
            return "scaled dot-product attention softmax(QKᵀ/√d_k + M)·V on given Q, K, V";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("queries", ValueType.matrix(), "Q (T × d_k); taken from the step's state when left out"),
                    required("keys", ValueType.matrix(), "K (S × d_k); from the state when left out"),
                    required("values", ValueType.matrix(), "V (S × d_v); from the state when left out"),
                    optional("scaled", ValueType.bool(), "divide by √d_k (default true; from the state when left out)"),
                    optional("mask", MASK, "none, causal or a T × S 0/1 matrix (default none; from the state)"),
                    optional("padding", ValueType.integers(0, 1), "an attention_mask row of 0/1 over the keys (1 = real token)"),
                    optional("row", ValueType.integer(0, 4095), "state the values of this query row only (0-based)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("scores", ValueType.matrix(), "QKᵀ"),
                    optional("scaledScores", ValueType.matrix(), "QKᵀ/√d_k (QKᵀ when unscaled)"),
                    optional("weights", ValueType.matrix(), "the softmax weights; masked cells are 0"),
                    optional("output", ValueType.matrix(), "weights·V"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("queries", "keys", "values", "scaled", "mask");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            Matrix q = m(in, "queries");
            Matrix k = m(in, "keys");
            Matrix v = m(in, "values");
            if (q.cols() != k.cols()) {
                out.add("keys have " + k.cols() + " columns but queries have " + q.cols() + "; queries and keys must have the same width d_k");
            }
            if (v.rows() != k.rows()) {
                out.add("values have " + v.rows() + " rows but keys have " + k.rows() + "; every key needs a value");
            }
            in.matrix("mask").ifPresent(mask -> {
                if (mask.rows() != q.rows() || mask.cols() != k.rows()) {
                    out.add("mask is " + shape(mask) + " but the scores are " + q.rows() + "×" + k.rows() + " (queries × keys)");
                }
            });
            if (in.text("mask").orElse("none").equals("causal") && q.rows() != k.rows()) {
                out.add("mask causal needs as many queries as keys, but there are " + q.rows() + " queries and " + k.rows() + " keys");
            }
            in.integers("padding").ifPresent(p -> {
                if (p.size() != k.rows()) {
                    out.add("padding has " + p.size() + " entries but there are " + k.rows() + " keys");
                }
            });
            long row = in.integer("row").orElse(-1L);
            if (row >= q.rows()) {
                out.add("row is " + row + " but there are only " + q.rows() + " queries (rows 0 to " + (q.rows() - 1) + ")");
            }
            int rows = row >= 0 ? 1 : q.rows();
            for (String e : List.of("scores", "scaledScores", "weights", "output")) {
                expect.matrix(e).ifPresent(x -> {
                    int cols = e.equals("output") ? v.cols() : k.rows();
                    if (x.rows() != rows || x.cols() != cols) {
                        out.add("expect " + e + " is " + shape(x) + " but the engine gives " + rows + "×" + cols
                                + (row >= 0 ? " (one row: row " + row + ")" : ""));
                    }
                });
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            Matrix q = m(in, "queries");
            Matrix k = m(in, "keys");
            Mask mask = Mask.none();
            if (in.text("mask").orElse("none").equals("causal")) {
                mask = Mask.causal(q.rows());
            } else if (in.matrix("mask").isPresent()) {
                mask = Mask.custom(toInts(in.matrix("mask").get()), "mask");
            }
            if (in.integers("padding").isPresent()) {
                int[] pad = in.integers("padding").get().stream().mapToInt(Integer::intValue).toArray();
                mask = mask.and(Mask.padding(new int[][] {pad}, q.rows()));
            }
            AttentionTrace t = ScaledDotProductAttention.trace(q.toArray(), k.toArray(), m(in, "values").toArray(), mask,
                    in.flag("scaled").orElse(true), P);
            int row = in.integer("row").map(Long::intValue).orElse(-1);
            List<String> out = new ArrayList<>();
            Map<String, Matrix> actual = Map.of("scores", t.scores(), "scaledScores", t.scaled(), "weights", t.weights(),
                    "output", t.output());
            for (String e : List.of("scores", "scaledScores", "weights", "output")) {
                if (expect.matrix(e).isPresent()) {
                    Matrix a = actual.get(e);
                    if (row >= 0) {
                        a = Matrix.row(a.row(row));
                    }
                    Compare.matrix(out, e + (row >= 0 ? " (query row " + row + ")" : ""), a, expect.matrix(e).get(), tol);
                }
            }
            return out;
        }

        private static int[][] toInts(Matrix x) {
            int[][] z = new int[x.rows()][x.cols()];
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < x.cols(); j++) {
                    z[i][j] = (int) x.get(i, j);
                }
            }
            return z;
        }
    }

    /** The max-subtracted softmax of the decoder's output layer (OutputProjection) on given logits. */
    static final class Softmax implements CheckKind {
        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public String description() {
            return "softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ on given logits, and which entry is largest";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("logits", ValueType.vector(), "the scores z"),
                    optional("labels", ValueType.texts(), "a name per logit (e.g. the vocabulary), for argmax"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("probabilities", ValueType.vector(), "softmax(z)"),
                    optional("argmax", ValueType.anyOf(ValueType.integer(0, 1_000_000), ValueType.text()),
                            "the index (0-based) or label of the largest probability"));
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            int n = in.vector("logits").orElseThrow().length;
            in.texts("labels").ifPresent(l -> {
                if (l.size() != n) {
                    out.add("labels has " + l.size() + " entries but logits has " + n);
                }
            });
            expect.vector("probabilities").ifPresent(p -> {
                if (p.length != n) {
                    out.add("expect probabilities has " + p.length + " entries but logits has " + n);
                }
            });
            expect.text("argmax").ifPresent(a -> {
                if (in.texts("labels").map(l -> !l.contains(a)).orElse(true)) {
                    out.add("expect argmax is '" + a + "', which is not one of the labels" + in.texts("labels").map(l -> " " + l).orElse(" (no labels given)"));
                }
            });
            expect.integer("argmax").ifPresent(a -> {
                if (a >= n) {
                    out.add("expect argmax is " + a + " but there are only " + n + " logits (0 to " + (n - 1) + ")");
                }
            });
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            double[] z = in.vector("logits").orElseThrow();
            double[][] identity = new double[z.length][z.length];
            for (int i = 0; i < z.length; i++) {
                identity[i][i] = 1;
            }
            // the decoder's own softmax, with W = I and b = 0 so that the logits pass through unchanged
            INDArray p = OutputProjection.of(identity, new double[z.length], P).probabilities(Tensors.matrix(new double[][] {z}, P, "logits"));
            double[] probs = Tensors.toMatrix(p)[0];
            List<String> out = new ArrayList<>();
            expect.vector("probabilities").ifPresent(s -> Compare.vector(out, "probabilities", probs, s, tol));
            int best = 0;
            for (int i = 1; i < probs.length; i++) {
                if (probs[i] > probs[best]) {
                    best = i;
                }
            }
            List<String> labels = in.texts("labels").orElse(List.of());
            String bestName = labels.isEmpty() ? Integer.toString(best) : "'" + labels.get(best) + "' (index " + best + ")";
            if (expect.integer("argmax").isPresent() && expect.integer("argmax").get() != best) {
                out.add("argmax is " + bestName + " but the lesson says " + expect.integer("argmax").get());
            }
            if (expect.text("argmax").isPresent() && !labels.isEmpty() && !labels.get(best).equals(expect.text("argmax").get())) {
                out.add("argmax is " + bestName + " but the lesson says '" + expect.text("argmax").get() + "'");
            }
            return out;
        }
    }

    /** a·b. */
    static final class Dot implements CheckKind {
        @Override
        public String name() {
            return "dot";
        }

        @Override
        public String description() {
            return "the dot product a·b of two vectors";
        }

        @Override
        public List<Key> inputs() {
            return List.of(required("a", ValueType.vector(), "the first vector"), required("b", ValueType.vector(), "the second vector"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(optional("value", ValueType.number(), "a·b"));
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            int a = in.vector("a").orElseThrow().length;
            int b = in.vector("b").orElseThrow().length;
            return a == b ? List.of() : List.of("a has " + a + " numbers but b has " + b);
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            INDArray a = Tensors.matrix(new double[][] {in.vector("a").orElseThrow()}, P, "a");
            INDArray b = Tensors.matrix(new double[][] {in.vector("b").orElseThrow()}, P, "b");
            double value = a.mmul(b.transpose()).getDouble(0, 0);
            List<String> out = new ArrayList<>();
            Compare.number(out, "a·b", value, expect.number("value").orElseThrow(), tol);
            return out;
        }
    }

    /** A·B. */
    static final class MatMul implements CheckKind {
        @Override
        public String name() {
            return "matmul";
        }

        @Override
        public String description() {
            return "the matrix product A·B (a weighted sum is [α]·X, a projection is X·W)";
        }

        @Override
        public List<Key> inputs() {
            return List.of(required("a", ValueType.matrix(), "A (n × m)"), required("b", ValueType.matrix(), "B (m × p)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(optional("product", ValueType.matrix(), "A·B (n × p)"));
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            Matrix a = m(in, "a");
            Matrix b = m(in, "b");
            List<String> out = new ArrayList<>();
            if (a.cols() != b.rows()) {
                out.add("a is " + shape(a) + " and b is " + shape(b) + "; a needs as many columns as b has rows");
            } else {
                Matrix p = m(expect, "product");
                if (p.rows() != a.rows() || p.cols() != b.cols()) {
                    out.add("expect product is " + shape(p) + " but a·b is " + a.rows() + "×" + b.cols());
                }
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            INDArray a = Tensors.matrix(m(in, "a").toArray(), P, "a");
            INDArray b = Tensors.matrix(m(in, "b").toArray(), P, "b");
            List<String> out = new ArrayList<>();
            Compare.matrix(out, "product", Matrix.of(Tensors.toMatrix(a.mmul(b))), m(expect, "product"), tol);
            return out;
        }
    }

    /** Cells of the sinusoidal table (PositionalEncoding.sinusoidal). */
    static final class Pe implements CheckKind {
        @Override
        public String name() {
            return "pe";
        }

        @Override
        public String description() {
            return "cells of the sinusoidal positional encoding PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(…)";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("dim", ValueType.integer(2, 4096), "model dimension d; from the step's state when left out"),
                    required("at", ValueType.integers(0, 9999), "the positions (rows)"),
                    required("indices", ValueType.integers(0, 4095), "the dimensions (columns), 0-based"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(optional("values", ValueType.matrix(), "one row per position, one column per index"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("dim");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            long dim = in.integer("dim").orElseThrow();
            List<Integer> idx = in.integers("indices").orElseThrow();
            List<Integer> at = in.integers("at").orElseThrow();
            idx.stream().filter(i -> i >= dim).findFirst()
                    .ifPresent(i -> out.add("index " + i + " is outside d = " + dim + " (indices 0 to " + (dim - 1) + ")"));
            Matrix v = m(expect, "values");
            if (v.rows() != at.size() || v.cols() != idx.size()) {
                out.add("expect values is " + shape(v) + " but 'at' has " + at.size() + " positions and 'indices' " + idx.size()
                        + " dimensions");
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            List<Integer> at = in.integers("at").orElseThrow();
            List<Integer> idx = in.integers("indices").orElseThrow();
            int maxPos = at.stream().mapToInt(Integer::intValue).max().orElse(0);
            double[][] pe = PositionalEncoding.sinusoidal(maxPos + 1, in.integer("dim").orElseThrow().intValue());
            double[][] actual = new double[at.size()][idx.size()];
            for (int r = 0; r < at.size(); r++) {
                for (int c = 0; c < idx.size(); c++) {
                    actual[r][c] = pe[at.get(r)][idx.get(c)];
                }
            }
            List<String> out = new ArrayList<>();
            Matrix stated = m(expect, "values");
            for (int r = 0; r < at.size(); r++) {
                for (int c = 0; c < idx.size(); c++) {
                    Compare.number(out, "PE(" + at.get(r) + ", " + idx.get(c) + ")", actual[r][c], stated.get(r, c), tol);
                }
            }
            return out;
        }
    }

    /**
     * Layer norm (each row over its features, the engine's LayerNorm) or batch norm (each column over
     * the batch: the same normalisation on the transpose, γ = 1, β = 0).
     */
    static final class Norm implements CheckKind {
        private final boolean batch;

        Norm(boolean batch) {
            this.batch = batch;
        }

        @Override
        public String name() {
            return batch ? "batch-norm" : "layer-norm";
        }

        @Override
        public String description() {
            return batch ? "batch normalisation without running statistics: each column (feature) over the rows (batch), γ = 1, β = 0"
                    : "layer normalisation: each row (token) over its columns (features), then ·γ + β";
        }

        @Override
        public List<Key> inputs() {
            List<Key> k = new ArrayList<>(List.of(required("input", ValueType.matrix(), "rows = tokens (or batch items), columns = features"),
                    optional("eps", ValueType.number(1e-12, 1), "ε added to the variance (default 1e-5)")));
            if (!batch) {
                k.add(optional("gamma", ValueType.vector(), "gain γ per feature (default all 1)"));
                k.add(optional("beta", ValueType.vector(), "bias β per feature (default all 0)"));
            }
            return k;
        }

        @Override
        public List<Key> expectations() {
            return List.of(optional("output", ValueType.matrix(), "the normalised matrix, same shape as input"));
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            Matrix x = m(in, "input");
            for (String g : List.of("gamma", "beta")) {
                in.vector(g).ifPresent(v -> {
                    if (v.length != x.cols()) {
                        out.add(g + " has " + v.length + " numbers but input has " + x.cols() + " features (columns)");
                    }
                });
            }
            Matrix o = m(expect, "output");
            if (o.rows() != x.rows() || o.cols() != x.cols()) {
                out.add("expect output is " + shape(o) + " but input is " + shape(x));
            }
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            Matrix x = m(in, "input");
            Matrix oriented = batch ? x.transpose() : x;
            int width = oriented.cols();
            double[] ones = new double[width];
            java.util.Arrays.fill(ones, 1);
            double[] gamma = batch ? ones : in.vector("gamma").orElse(ones);
            double[] beta = batch ? new double[width] : in.vector("beta").orElse(new double[width]);
            LayerNorm ln = LayerNorm.of(gamma, beta, in.number("eps").orElse(1e-5), P);
            Matrix y = Matrix.of(Tensors.toMatrix(ln.apply(Tensors.matrix(oriented.toArray(), P, "input"))));
            List<String> out = new ArrayList<>();
            Compare.matrix(out, "output", batch ? y.transpose() : y, m(expect, "output"), tol);
            return out;
        }
    }

    /** Shapes through multi-head attention (MultiHeadAttention.trace on seeded random input). */
    static final class MultiHead implements CheckKind {
        @Override
        public String name() {
            return "multihead";
        }

        @Override
        public String description() {
            return "the shapes through multi-head attention: h heads of width d_model/h, concatenated, times W_O";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("tokens", ValueType.integer(1, 512), "number of tokens T"),
                    required("dModel", ValueType.integer(1, 4096), "d_model; from the step's state when left out"),
                    required("heads", ValueType.integer(1, 64), "h; from the state when left out"),
                    optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "seed of the random weights (default 1)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("headCount", ValueType.integer(1, 64), "number of heads Z₀ … Z_{h−1}"),
                    optional("headWidth", ValueType.integer(1, 4096), "d_k = d_v = d_model / h"),
                    optional("headShape", ValueType.pair(1, "[2, 64]"), "shape of each head's output Zᵢ"),
                    optional("concatShape", ValueType.pair(1, "[2, 512]"), "shape of Concat(Z₀ … Z_{h−1})"),
                    optional("woShape", ValueType.pair(1, "[512, 512]"), "shape of W_O"),
                    optional("outputShape", ValueType.pair(1, "[2, 512]"), "shape of the output Z"));
        }

        @Override
        public Set<String> fromState() {
            return Set.of("dModel", "heads", "seed");
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            long d = in.integer("dModel").orElseThrow();
            long h = in.integer("heads").orElseThrow();
            return d % h == 0 ? List.of() : List.of("dModel (" + d + ") is not divisible by heads (" + h + ")");
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            int t = in.integer("tokens").orElseThrow().intValue();
            int d = in.integer("dModel").orElseThrow().intValue();
            int h = in.integer("heads").orElseThrow().intValue();
            Init init = new Init(in.integer("seed").orElse(1L), P);
            MultiHeadAttention mha = MultiHeadAttention.init(ModelConfig.of(d, h).withPrecision(P), init);
            INDArray x = init.normal(t, d, 1.0);
            MultiHeadTrace tr = mha.trace(x, x, Mask.none());
            Matrix z0 = tr.heads().get(0).attention().output();
            List<String> out = new ArrayList<>();
            expect.integer("headCount").ifPresent(s -> Compare.number(out, "number of heads", tr.heads().size(), s, 0));
            expect.integer("headWidth").ifPresent(s -> Compare.number(out, "head width d_k", tr.heads().get(0).wq().cols(), s, 0));
            shape(out, expect, "headShape", "each head's output Zᵢ", z0);
            shape(out, expect, "concatShape", "the concatenation", tr.concat());
            shape(out, expect, "woShape", "W_O", tr.wo());
            shape(out, expect, "outputShape", "the output Z", tr.output());
            return out;
        }

        private static void shape(List<String> out, StateMap expect, String key, String what, Matrix actual) {
            expect.pair(key).ifPresent(p -> {
                if (p.first() != actual.rows() || p.second() != actual.cols()) {
                    out.add(what + " is " + actual.rows() + "×" + actual.cols() + " but the lesson says " + p.first() + "×" + p.second());
                }
            });
        }
    }

    /** The variance of q·k for random unit-variance q and k: d_k unscaled, 1 scaled (why √d_k). */
    static final class ScoreVariance implements CheckKind {
        @Override
        public String name() {
            return "score-variance";
        }

        @Override
        public String description() {
            return "the variance of q·k (or q·k/√d_k) over random q, k with N(0, 1) entries, measured with a seed";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("dK", ValueType.integer(1, 4096), "the width d_k"),
                    optional("samples", ValueType.integer(100, 100_000), "number of random pairs (default 10000)"),
                    optional("seed", ValueType.integer(0, Integer.MAX_VALUE), "seed (default 1)"),
                    optional("scaled", ValueType.bool(), "divide by √d_k (default false)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(optional("variance", ValueType.number(), "the measured variance (population)"));
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            int dk = in.integer("dK").orElseThrow().intValue();
            int n = in.integer("samples").orElse(10_000L).intValue();
            Init init = new Init(in.integer("seed").orElse(1L), P);
            INDArray q = init.normal(n, dk, 1.0);
            INDArray k = init.normal(n, dk, 1.0);
            // one dot product per row -> (n, 1)
            INDArray scores = q.mul(k).sum(true, 1).muli(ScaledDotProductAttention.scaleFactor(dk, in.flag("scaled").orElse(false)));
            double[] s = scores.dup().reshape(n).toDoubleVector();
            double mean = 0;
            for (double x : s) {
                mean += x;
            }
            mean /= n;
            double var = 0;
            for (double x : s) {
                var += (x - mean) * (x - mean);
            }
            var /= n;
            List<String> out = new ArrayList<>();
            Compare.number(out, "variance of the scores", var, expect.number("variance").orElseThrow(), tol);
            return out;
        }
    }

    /** The position-wise feed-forward network FFN(x) = act(x·W₁ + b₁)·W₂ + b₂ (FeedForward, section 3.3). */
    static final class FeedForwardCheck implements CheckKind {
        @Override
        public String name() {
            return "feed-forward";
        }

        @Override
        public String description() {
            return "the position-wise feed-forward network FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂ on given weights, one row per token";
        }

        @Override
        public List<Key> inputs() {
            return List.of(
                    required("input", ValueType.matrix(), "x, one row per token (T × d_model)"),
                    required("w1", ValueType.matrix(), "W₁ (d_model × d_ff)"),
                    required("b1", ValueType.vector(), "b₁ (d_ff)"),
                    required("w2", ValueType.matrix(), "W₂ (d_ff × d_model)"),
                    required("b2", ValueType.vector(), "b₂ (d_model)"),
                    optional("activation", ValueType.oneOf("relu", "gelu"), "relu (the paper, default) or gelu (BERT)"));
        }

        @Override
        public List<Key> expectations() {
            return List.of(
                    optional("hidden", ValueType.matrix(), "act(x·W₁ + b₁), T × d_ff"),
                    optional("output", ValueType.matrix(), "FFN(x), T × d_model"));
        }

        @Override
        public List<String> validate(StateMap in, StateMap expect) {
            List<String> out = new ArrayList<>();
            Matrix x = m(in, "input");
            Matrix w1 = m(in, "w1");
            Matrix w2 = m(in, "w2");
            int b1 = in.vector("b1").orElseThrow().length;
            int b2 = in.vector("b2").orElseThrow().length;
            if (w1.rows() != x.cols()) {
                out.add("w1 is " + shape(w1) + " but input has " + x.cols() + " columns; W₁ needs d_model = " + x.cols() + " rows");
            }
            if (w2.rows() != w1.cols() || w2.cols() != w1.rows()) {
                out.add("w2 is " + shape(w2) + " but w1 is " + shape(w1) + "; expected W₂ to be " + w1.cols() + "×" + w1.rows()
                        + " (d_ff × d_model)");
            }
            if (b1 != w1.cols()) {
                out.add("b1 has " + b1 + " numbers but W₁ has " + w1.cols() + " columns (d_ff)");
            }
            if (b2 != w1.rows()) {
                out.add("b2 has " + b2 + " numbers but d_model is " + w1.rows());
            }
            expect.matrix("hidden").filter(h -> h.rows() != x.rows() || h.cols() != w1.cols())
                    .ifPresent(h -> out.add("expect hidden is " + shape(h) + " but the engine gives " + x.rows() + "×" + w1.cols()));
            expect.matrix("output").filter(o -> o.rows() != x.rows() || o.cols() != x.cols())
                    .ifPresent(o -> out.add("expect output is " + shape(o) + " but the engine gives " + x.rows() + "×" + x.cols()));
            return out;
        }

        @Override
        public List<String> run(StateMap in, StateMap expect, double tol) {
            Activation act = in.text("activation").orElse("relu").equals("gelu") ? Activation.GELU : Activation.RELU;
            FeedForward ffn = FeedForward.of(m(in, "w1").toArray(), in.vector("b1").orElseThrow(), m(in, "w2").toArray(),
                    in.vector("b2").orElseThrow(), act, P);
            INDArray hidden = ffn.hidden(Tensors.matrix(m(in, "input").toArray(), P, "input"));
            List<String> out = new ArrayList<>();
            expect.matrix("hidden").ifPresent(h -> Compare.matrix(out, "hidden", Matrix.of(Tensors.toMatrix(hidden)), h, tol));
            expect.matrix("output").ifPresent(o -> Compare.matrix(out, "output", Matrix.of(Tensors.toMatrix(ffn.project(hidden))), o, tol));
            return out;
        }
    }
}

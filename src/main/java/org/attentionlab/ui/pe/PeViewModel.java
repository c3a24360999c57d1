package org.attentionlab.ui.pe;

import java.util.ArrayList;
import java.util.List;

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

import org.attentionlab.engine.PositionalEncoding;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.text.BasicTokenizer;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.Recompute.BadInput;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.widgets.Cell;

/**
 * The positional-encoding view's state (Vaswani et al. 2017, section 3.5): the table
 * PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)) for
 * pos_max positions and d dimensions (the lecture's 50 × 128 by default), or a learned table as
 * BERT has it before training; the curves of chosen dimensions; the similarity PE·PEᵀ, which for
 * the sinusoids depends only on the offset between two positions; PE(pos + k) as a rotation of
 * PE(pos); and a short sentence's embeddings plus PE.
 *
 * <p>All numbers come from {@link PositionalEncoding}; what is computed here is only the
 * arithmetic that connects them (dot products, a 2 × 2 product, a sum), on the background
 * executor, the newest request superseding older ones. Nothing here knows the view.
 */
public final class PeViewModel {

    public static final int DEFAULT_POSITIONS = 50;
    public static final int DEFAULT_DIM = 128;
    public static final List<Integer> DEFAULT_DIMS = List.of(0, 1, 8, 32);
    public static final int DEFAULT_OFFSET = 3;
    public static final Cell DEFAULT_HIGHLIGHT = new Cell(1, 0);
    public static final String DEFAULT_TEXT = "The weather is nice today";
    /** Seed of the learned table and of the sentence's embeddings. */
    public static final long SEED = 42;

    public static final int MAX_POSITIONS = 1024;
    public static final int MAX_DIM = 1024;
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_CURVES = 8;
    /** The similarity matrix shows at most this many positions (it grows as pos_max²). */
    public static final int MAX_SIMILARITY = 256;
    /** The sum E + PE shows this many dimensions so that its numbers can be read. */
    public static final int SUM_DIMS = 8;
    public static final int MAX_TOKENS = 64;

    /** The curve of one dimension: its index and its values at positions 0..pos_max−1. */
    public record Curve(int dim, boolean sine, double[] values) {
        public Curve {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * PE(pos + k) = PE(pos)·R for the frequency pair (2i, 2i+1), with R built from PE(k):
     * R = [[cos ωk, −sin ωk], [sin ωk, cos ωk]], cos ωk = PE(k, 2i+1), sin ωk = PE(k, 2i).
     *
     * @param pos      the position rotated
     * @param pair     i (dimensions 2i and 2i+1)
     * @param offset   k
     * @param omega    ω_i = 1 / 10000^(2i/d)
     * @param from     [PE(pos, 2i), PE(pos, 2i+1)]
     * @param rotation R
     * @param product  from·R
     * @param target   [PE(pos+k, 2i), PE(pos+k, 2i+1)] from the engine
     * @param maxError the largest |PE(p)·R − PE(p+k)| over every position p with p + k in the
     *                 table and every pair, or NaN when k ≥ pos_max
     */
    public record Rotation(int pos, int pair, int offset, double omega, double[] from, double[][] rotation,
                           double[] product, double[] target, double maxError) {
    }

    /** A sentence's seeded embeddings E, the first rows of the table, and X = E + PE (all T × d). */
    public record Sum(List<String> tokens, Matrix embedding, Matrix pe, Matrix x) {
        public Sum {
            tokens = List.copyOf(tokens);
        }
    }

    /** Everything one computation needs; immutable. */
    record Request(int positions, int dim, List<Integer> dims, boolean learned, int offset, Cell cell,
                   List<String> tokens, Matrix embedding) {
    }

    /** What the view shows; immutable. */
    public record Result(int positions, int dim, boolean learned, int offset, Matrix table, List<Curve> curves, Matrix similarity,
                         double diagonalSpread, Rotation rotation, Sum sum, Message sumProblem, Cell cell) {
        public Result {
            curves = List.copyOf(curves);
        }
    }

    private final Recompute work;
    private final IntegerProperty positions = new SimpleIntegerProperty(this, "positions", DEFAULT_POSITIONS);
    private final IntegerProperty dim = new SimpleIntegerProperty(this, "dim", DEFAULT_DIM);
    private final ObjectProperty<List<Integer>> dims = new SimpleObjectProperty<>(this, "dims", DEFAULT_DIMS);
    private final BooleanProperty learned = new SimpleBooleanProperty(this, "learned", false);
    private final IntegerProperty offset = new SimpleIntegerProperty(this, "offset", DEFAULT_OFFSET);
    private final StringProperty text = new SimpleStringProperty(this, "text", DEFAULT_TEXT);
    private final ObjectProperty<Cell> selected = new SimpleObjectProperty<>(this, "selected", DEFAULT_HIGHLIGHT);

    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");

    /** The sentence's tokens and embeddings (editable); regenerated when the text or d changes. */
    private List<String> tokens = List.of();
    private Matrix embedding;

    public PeViewModel(UiExecutors executors) {
        this.work = new Recompute(executors, error, "pe.error.engine", this::recompute);
        positions.addListener((obs, old, now) -> recompute());
        dim.addListener((obs, old, now) -> batch(this::embed));
        dims.addListener((obs, old, now) -> recompute());
        learned.addListener((obs, old, now) -> recompute());
        offset.addListener((obs, old, now) -> recompute());
        text.addListener((obs, old, now) -> batch(this::embed));
        selected.addListener((obs, old, now) -> recompute());
        batch(this::embed);
    }

    // ---------------------------------------------------------------- inputs

    /** pos_max: the number of positions (rows of the table). */
    public IntegerProperty positionsProperty() {
        return positions;
    }

    /** d: the model dimension (columns); must be even. */
    public IntegerProperty dimProperty() {
        return dim;
    }

    /** The dimensions whose curves are drawn (at most {@value #MAX_CURVES}). */
    public ObjectProperty<List<Integer>> dimsProperty() {
        return dims;
    }

    /** Show a learned table (random, as BERT's before training) instead of the sinusoids. */
    public BooleanProperty learnedProperty() {
        return learned;
    }

    /** k in PE(pos + k) = PE(pos)·R_k. */
    public IntegerProperty offsetProperty() {
        return offset;
    }

    /** The sentence whose embeddings get PE added. */
    public StringProperty textProperty() {
        return text;
    }

    /** The highlighted cell (position, dimension); also the position and pair of the rotation. */
    public ObjectProperty<Cell> selectedProperty() {
        return selected;
    }

    /**
     * Parses what a person typed for the dimensions ("0, 1, 8 32"); on a bad item sets the error
     * and keeps the curves shown.
     */
    public void setDimsText(String typed) {
        List<Integer> out = new ArrayList<>();
        for (String item : (typed == null ? "" : typed).split("[,;，、\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            try {
                out.add(Integer.parseInt(item));
            } catch (NumberFormatException e) {
                error.set(Message.of("pe.error.dimsText", item));
                return;
            }
        }
        if (out.isEmpty()) {
            error.set(Message.of("pe.error.dimsEmpty"));
            return;
        }
        dims.set(List.copyOf(out));
    }

    /** The dimensions as the text field shows them. */
    public static String dimsText(List<Integer> dims) {
        return String.join(", ", dims.stream().map(String::valueOf).toList());
    }

    /** A number typed into the embedding E at (token i, dimension j). */
    public void editEmbedding(int i, int j, double value) {
        if (!Double.isFinite(value)) {
            error.set(Message.of("pe.error.notFinite", i + 1, j));
            return;
        }
        if (embedding == null || i >= embedding.rows() || j >= embedding.cols()) {
            return; // the sentence changed under the edit
        }
        double[][] a = embedding.toArray();
        a[i][j] = value;
        embedding = Matrix.of(a);
        recompute();
    }

    /** A field could not read what was typed as a whole number. */
    public void reportBadNumber(String field, String typed) {
        error.set(Message.of("pe.error.notANumber", field, typed == null ? "" : typed.strip()));
    }

    /** A cell editor could not read what was typed. */
    public void reportBadCell(String what) {
        error.set(Message.of("pe.error.badCell", what));
    }

    /** Sets several inputs and computes once (lessons set the whole state at once). */
    public void batch(Runnable change) {
        work.batch(change);
    }

    /**
     * Shows a lesson step's complete state: absent keys take the defaults (the lecture's 50 × 128
     * table, curves of dimensions 0, 1, 8, 32, k = 3, cell [1, 0]). A value that cannot be shown
     * (an odd d, a cell outside the table) goes to {@link #errorProperty()}.
     */
    public void applyState(StateMap state) {
        batch(() -> {
            positions.set(clampInt(state.integer("positions").orElse((long) DEFAULT_POSITIONS)));
            dim.set(clampInt(state.integer("dim").orElse((long) DEFAULT_DIM)));
            dims.set(state.integers("dims").orElse(DEFAULT_DIMS));
            learned.set(state.flag("learned").orElse(false));
            offset.set(clampInt(state.integer("offset").orElse((long) DEFAULT_OFFSET)));
            text.set(state.text("text").orElse(DEFAULT_TEXT));
            selected.set(state.pair("highlight").map(p -> new Cell(p.first(), p.second())).orElse(DEFAULT_HIGHLIGHT));
        });
        Cell c = selected.get();
        if (error.get() == null && c != null && (c.row() >= positions.get() || c.col() >= dim.get())) {
            error.set(Message.of("pe.error.highlight", c.row(), c.col(), positions.get(), dim.get()));
        }
    }

    private static int clampInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    // ---------------------------------------------------------------- results

    /** The last good result (null before the first); a bad input leaves it shown. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public Result result() {
        return result.get();
    }

    /** The last problem with the input, or null. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Something to know that is not an error (curves dropped, similarity cut), or null. */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** Labels "0", "1", … (positions and dimensions count from 0, as in the formula). */
    public static List<String> indexLabels(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- the computation

    private void embed() {
        List<String> t = new BasicTokenizer(false).tokenize(text.get() == null ? "" : text.get());
        if (t.size() > MAX_TOKENS) {
            t = t.subList(0, MAX_TOKENS);
        }
        tokens = List.copyOf(t);
        int d = dim.get();
        embedding = tokens.isEmpty() || d < 1 || d > MAX_DIM ? null : QkvViewModel.embed(tokens, d, SEED);
    }

    private void recompute() {
        work.recompute(this::request, PeViewModel::compute, this::apply);
    }

    private Request request() throws BadInput {
        int n = positions.get();
        int d = dim.get();
        int k = offset.get();
        if (n < 1 || n > MAX_POSITIONS) {
            throw new BadInput(Message.of("pe.error.positions", n, MAX_POSITIONS));
        }
        if (d < 2 || d > MAX_DIM) {
            throw new BadInput(Message.of("pe.error.dim", d, MAX_DIM));
        }
        if (d % 2 != 0) {
            throw new BadInput(Message.of("pe.error.odd", d));
        }
        if (k < 0 || k > MAX_OFFSET) {
            throw new BadInput(Message.of("pe.error.offset", k, MAX_OFFSET));
        }
        List<Integer> curves = new ArrayList<>();
        Message note = null;
        for (int j : dims.get()) {
            if (j < 0 || j >= d) {
                // d moved under the chosen curves (a slider): skip them and say so
                note = Message.of("pe.notice.dims", j, d, d - 1);
            } else if (!curves.contains(j)) {
                curves.add(j);
            }
        }
        if (curves.size() > MAX_CURVES) {
            note = Message.of("pe.notice.curves", MAX_CURVES);
            curves = curves.subList(0, MAX_CURVES);
        }
        Cell c = selected.get();
        if (c != null && (c.row() >= n || c.col() >= d)) {
            c = null; // the table shrank under the selection; the heatmap drops it too
        }
        error.set(null);
        notice.set(note != null ? note : n > MAX_SIMILARITY ? Message.of("pe.notice.similarity", MAX_SIMILARITY, n) : null);
        return new Request(n, d, List.copyOf(curves), learned.get(), k, c, tokens, embedding);
    }

    /** Runs on the background executor. */
    static Result compute(Request r) {
        int n = r.positions();
        int d = r.dim();
        double[][] pe = r.learned() ? PositionalEncoding.learned(n, d, SEED) : PositionalEncoding.sinusoidal(n, d);
        List<Curve> curves = new ArrayList<>();
        for (int j : r.dims()) {
            double[] col = new double[n];
            for (int p = 0; p < n; p++) {
                col[p] = pe[p][j];
            }
            curves.add(new Curve(j, j % 2 == 0, col));
        }
        int m = Math.min(n, MAX_SIMILARITY);
        double[][] sim = new double[m][m];
        for (int p = 0; p < m; p++) {
            for (int q = p; q < m; q++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += pe[p][j] * pe[q][j];
                }
                sim[p][q] = s;
                sim[q][p] = s;
            }
        }
        Cell c = r.cell() == null ? new Cell(0, 0) : r.cell();
        Rotation rotation = r.learned() ? null : rotation(pe, c.row(), c.col() / 2, r.offset(), d);
        int t = r.tokens().size();
        Message sumProblem = t == 0 ? Message.of("pe.error.emptySentence")
                : t > n ? Message.of("pe.error.sentenceTooLong", t, n) : null;
        return new Result(n, d, r.learned(), r.offset(), Matrix.of(pe), curves, Matrix.of(sim), diagonalSpread(sim), rotation,
                sumProblem == null ? sum(r, pe) : null, sumProblem, r.cell());
    }

    /**
     * The largest difference between two entries on one diagonal (same offset q − p): 0 up to
     * rounding when similarity depends on the offset only.
     */
    static double diagonalSpread(double[][] sim) {
        int m = sim.length;
        double spread = 0;
        for (int k = 0; k < m; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int p = 0; p + k < m; p++) {
                lo = Math.min(lo, sim[p][p + k]);
                hi = Math.max(hi, sim[p][p + k]);
            }
            spread = Math.max(spread, hi - lo);
        }
        return spread;
    }

    static Rotation rotation(double[][] table, int pos, int pair, int k, int d) {
        int a = 2 * pair;
        int b = a + 1;
        double[] atK = PositionalEncoding.sinusoidalRow(k, d);
        double cos = atK[b];
        double sin = atK[a];
        double[][] rot = {{cos, -sin}, {sin, cos}};
        double[] rowPos = pos < table.length ? table[pos] : PositionalEncoding.sinusoidalRow(pos, d);
        double[] from = {rowPos[a], rowPos[b]};
        double[] product = times(from, rot);
        double[] atTarget = pos + k < table.length ? table[pos + k] : PositionalEncoding.sinusoidalRow(pos + k, d);
        double[] target = {atTarget[a], atTarget[b]};
        double maxError = Double.NaN;
        if (k < table.length) {
            maxError = 0;
            for (int i = 0; 2 * i + 1 < d; i++) {
                double[][] r = {{atK[2 * i + 1], -atK[2 * i]}, {atK[2 * i], atK[2 * i + 1]}};
                for (int p = 0; p + k < table.length; p++) {
                    double[] moved = times(new double[] {table[p][2 * i], table[p][2 * i + 1]}, r);
                    maxError = Math.max(maxError, Math.max(Math.abs(moved[0] - table[p + k][2 * i]),
                            Math.abs(moved[1] - table[p + k][2 * i + 1])));
                }
            }
        }
        double omega = 1 / Math.pow(10000.0, (double) a / d);
        return new Rotation(pos, pair, k, omega, from, rot, product, target, maxError);
    }

    /** A row vector times a 2 × 2 matrix. */
    private static double[] times(double[] v, double[][] m) {
        return new double[] {v[0] * m[0][0] + v[1] * m[1][0], v[0] * m[0][1] + v[1] * m[1][1]};
    }

    private static Sum sum(Request r, double[][] pe) {
        int t = r.tokens().size();
        double[][] e = r.embedding().toArray();
        double[][] p = new double[t][];
        double[][] x = new double[t][r.dim()];
        for (int i = 0; i < t; i++) {
            p[i] = pe[i].clone();
            for (int j = 0; j < r.dim(); j++) {
                x[i][j] = e[i][j] + pe[i][j];
            }
        }
        return new Sum(r.tokens(), Matrix.of(e), Matrix.of(p), Matrix.of(x));
    }

    private void apply(Result r) {
        result.set(r);
    }

    /** The first {@code cols} columns of {@code m} (the sum shows {@value #SUM_DIMS} dimensions). */
    public static Matrix firstColumns(Matrix m, int cols) {
        if (m == null) {
            return null;
        }
        int c = Math.min(cols, m.cols());
        double[][] out = new double[m.rows()][c];
        for (int i = 0; i < m.rows(); i++) {
            System.arraycopy(m.row(i), 0, out[i], 0, c);
        }
        return Matrix.of(out);
    }
}

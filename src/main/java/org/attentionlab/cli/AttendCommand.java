package org.attentionlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.attentionlab.engine.Mask;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.ScaledDotProductAttention;
import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One attention head on given matrices, every stage printed. */
@Command(name = "attend", mixinStandardHelpOptions = true,
        description = {"Scaled dot-product attention softmax(QKᵀ/√d_k + M)·V on matrices you give, printing every stage:",
            "scores, scaled, masked, weights, output.",
            "Example: attend --q '[[0.5,0.5]]' --k '[[1,0],[0,1],[1,1]]' --v '[[1,0],[0,1],[1,1]]' --no-scale"})
public final class AttendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--q", required = true, paramLabel = "JSON", description = "queries, a (T, d_k) JSON array")
    String q;

    @Option(names = "--k", required = true, paramLabel = "JSON", description = "keys, a (S, d_k) JSON array")
    String k;

    @Option(names = "--v", required = true, paramLabel = "JSON", description = "values, a (S, d_v) JSON array")
    String v;

    @Option(names = "--mask", defaultValue = "none", paramLabel = "none|causal|JSON",
            description = "none, causal, or a (T, S) JSON array of 0/1 with 1 = may attend (default: ${DEFAULT-VALUE})")
    String mask;

    @Option(names = "--no-scale", description = "do not divide by √d_k")
    boolean noScale;

    @Option(names = "--precision", defaultValue = "float64", paramLabel = "float32|float64",
            description = "arithmetic precision (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--decimals", defaultValue = "4", description = "decimals in text output (default: ${DEFAULT-VALUE})")
    int decimals;

    @Override
    public Integer call() throws Exception {
        Options.requireOneOf("--format", format, "text", "json");
        Precision p = Options.precision(precision);
        if (decimals < 0 || decimals > 17) {
            throw new BadInputException("--decimals is " + decimals + "; expected 0 to 17");
        }
        double[][] qm = JsonMatrices.parse(q, "--q");
        double[][] km = JsonMatrices.parse(k, "--k");
        double[][] vm = JsonMatrices.parse(v, "--v");
        if (qm[0].length != km[0].length) {
            throw new BadInputException("K has " + km[0].length + " columns but Q has " + qm[0].length
                    + "; queries and keys must have the same width d_k");
        }
        if (vm.length != km.length) {
            throw new BadInputException("V has " + vm.length + " rows but K has " + km.length + "; every key needs a value");
        }
        requireSize(qm.length, km.length, vm[0].length);
        if (p == Precision.FLOAT32) {
            requireFloat32("--q", qm);
            requireFloat32("--k", km);
            requireFloat32("--v", vm);
        }
        AttentionTrace trace = ScaledDotProductAttention.trace(qm, km, vm, mask(qm.length, km.length), !noScale, p);
        requireFinite(trace, p);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            writeJson(out, trace);
        } else {
            writeText(out, trace);
        }
        return 0;
    }

    /** The most score cells (T × S) and output cells (T × d_v) one run computes: 4096 × 4096. */
    static final long MAX_CELLS = 4096L * 4096L;

    /** Refuses sizes whose scores would not fit in memory before anything is allocated for them. */
    private static void requireSize(int t, int s, int dv) {
        if ((long) t * s > MAX_CELLS || (long) t * dv > MAX_CELLS) {
            throw new BadInputException("Q has " + t + " rows, K has " + s + " and V has " + dv + " columns: the scores would have "
                    + ((long) t * s) + " cells and the output " + ((long) t * dv) + "; at most " + MAX_CELLS + " each");
        }
    }

    /** A number beyond float32's range would become ∞ on the way in. */
    private static void requireFloat32(String option, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (Math.abs(m[i][j]) > Float.MAX_VALUE) {
                    throw new BadInputException(option + ": row " + (i + 1) + ", column " + (j + 1) + " is " + m[i][j]
                            + ", beyond float32's range (±3.4e38); use --precision float64 or a smaller number");
                }
            }
        }
    }

    /**
     * Finite inputs can still overflow: a score of 1e200 · 1e200 is ∞, and the softmax of ∞ is NaN.
     * Such a run is refused, naming the first stage and cell that overflowed, rather than printed.
     */
    private static void requireFinite(AttentionTrace t, Precision p) {
        String[] names = {"1. scores = Q·Kᵀ", "2. scaled", "4. weights", "5. output"};
        Matrix[] stages = {t.scores(), t.scaled(), t.weights(), t.output()};
        for (int s = 0; s < stages.length; s++) {
            Matrix m = stages[s];
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    double x = m.get(i, j);
                    if (!Double.isFinite(x)) {
                        throw new BadInputException("the numbers overflow " + p.name().toLowerCase(java.util.Locale.ROOT) + ": "
                                + names[s] + " is " + x + " at row " + (i + 1) + ", column " + (j + 1)
                                + "; expected inputs small enough that their products stay finite"
                                + (p == Precision.FLOAT32 ? " (float32 ends at ±3.4e38; --precision float64 reaches ±1.8e308)" : ""));
                    }
                }
            }
        }
    }

    private Mask mask(int t, int s) {
        String m = mask.trim();
        if (m.equals("none")) {
            return Mask.none();
        }
        if (m.equals("causal")) {
            if (t != s) {
                throw new BadInputException("--mask causal needs as many queries as keys, but Q has " + t + " rows and K has " + s);
            }
            return Mask.causal(t);
        }
        if (!m.startsWith("[")) {
            throw new BadInputException("--mask is '" + mask + "'; expected none, causal or a JSON array of 0/1");
        }
        int[][] z = JsonMatrices.parseZeroOne(m, "--mask");
        if (z.length != t || z[0].length != s) {
            throw new BadInputException("--mask is " + z.length + "×" + z[0].length + " but the scores are " + t + "×" + s
                    + " (Q rows × K rows)");
        }
        return Mask.custom(z, "--mask");
    }

    private static void writeJson(PrintWriter out, AttentionTrace t) throws java.io.IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        field(g, "scores", t.scores());
        field(g, "scaled", t.scaled());
        field(g, "masked", t.masked());
        field(g, "weights", t.weights());
        field(g, "output", t.output());
        g.writeEndObject();
        g.flush();
        out.println();
    }

    private static void field(JsonGenerator g, String name, Matrix m) throws java.io.IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0; i < m.rows(); i++) {
            g.writeStartArray();
            for (int j = 0; j < m.cols(); j++) {
                double x = m.get(i, j);
                if (Double.isInfinite(x)) {
                    g.writeNull();
                } else {
                    g.writeNumber(x);
                }
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private void writeText(PrintWriter out, AttentionTrace t) {
        int rows = t.q().rows();
        int keys = t.k().rows();
        var qLabels = MatrixFormat.labels("q", rows);
        var kLabels = MatrixFormat.labels("k", keys);
        var dLabels = MatrixFormat.labels("d", t.output().cols());
        String scale = noScale ? "scaling off" : "÷ √" + t.q().cols() + String.format(java.util.Locale.ROOT, " = × %.6f", t.scale());
        MatrixFormat.print(out, "1. scores = Q·Kᵀ", t.scores(), qLabels, kLabels, decimals);
        MatrixFormat.print(out, "2. scaled (" + scale + ")", t.scaled(), qLabels, kLabels, decimals);
        MatrixFormat.print(out, "3. masked (−∞ where a key is masked)", t.masked(), qLabels, kLabels, decimals);
        MatrixFormat.print(out, "4. weights = softmax(masked) by row", t.weights(), qLabels, kLabels, decimals);
        MatrixFormat.print(out, "5. output = weights·V", t.output(), qLabels, dLabels, decimals);
    }
}

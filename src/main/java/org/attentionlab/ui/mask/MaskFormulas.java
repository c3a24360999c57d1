package org.attentionlab.ui.mask;

import static org.attentionlab.ui.widgets.LatexText.num;
import static org.attentionlab.ui.widgets.LatexText.operand;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.mask.MaskViewModel.Inference;
import org.attentionlab.ui.mask.MaskViewModel.Result;
import org.attentionlab.ui.widgets.Cell;

/**
 * The mask view's formulas as LaTeX (section 3.2.3), with the numbers of the highlighted cell
 * substituted: why adding −∞ gives a weight of exactly 0, what multiplying by 0 would give
 * instead, and an inference step against the same row of the training matrix. Indices are
 * written from 1, as the heatmaps label positions.
 */
public final class MaskFormulas {

    static final int DECIMALS = 4;
    /** Most entries of a row written out before "…". */
    static final int MAX_TERMS = 8;

    public static final String DEFINITION = "S = XX^{T}, \\qquad S'' = S + M, \\qquad A = \\mathrm{softmax}(S''), "
            + "\\qquad Z = AV";
    public static final String PADDING = "M^{\\mathrm{pad}}_{ij} = \\begin{cases} 0 & \\quad a_j = 1 \\\\ -\\infty & "
            + "\\quad a_j = 0 \\end{cases}";
    public static final String CAUSAL = "M^{\\mathrm{causal}}_{ij} = \\begin{cases} 0 & \\quad j \\le i \\\\ -\\infty & "
            + "\\quad j > i \\end{cases}";
    /** Step t of inference: the newest position against the t positions that exist (X_{1..t}), no mask. */
    public static final String INFERENCE = "\\alpha^{(t)} = \\mathrm{softmax}\\left(x_t X_{1..t}^{T}\\right)";

    private MaskFormulas() {
    }

    /**
     * The highlighted cell: {@code s''_{2,3} = s_{2,3} + M_{2,3} = 2.0000 + (−∞) = −∞} and
     * {@code α_{2,3} = e^{−∞}/Σ_j exp(s''_{2,j}) = 0/5.4366 = 0}. Empty without a cell.
     */
    public static String cell(Result r) {
        Cell c = r == null ? null : r.cell();
        AttentionTrace t = r == null ? null : r.trace();
        if (c == null || c.row() >= t.weights().rows() || c.col() >= t.weights().cols()) {
            return "";
        }
        int i = c.row();
        int j = c.col();
        String ij = "_{" + (i + 1) + "," + (j + 1) + "}";
        double s = t.scores().get(i, j);
        double m = r.mask().get(i, j);
        double masked = t.masked().get(i, j);
        StringBuilder b = new StringBuilder();
        b.append("s''").append(ij).append(" = s").append(ij).append(" + M").append(ij).append(" = ")
                .append(num(s, DECIMALS)).append(" + ").append(operand(m, 0)).append(" = ").append(num(masked, DECIMALS))
                .append(", \\qquad ");
        double[] row = t.masked().row(i);
        double max = Double.NEGATIVE_INFINITY;
        for (double x : row) {
            max = Math.max(max, x);
        }
        String alpha = "\\alpha" + ij;
        if (max == Double.NEGATIVE_INFINITY) {
            return b.append(alpha).append(" = 0").toString();
        }
        // as the engine computes it: the row maximum is subtracted when e^x would be huge
        boolean shift = max > 30;
        double sum = 0;
        for (double x : row) {
            sum += x == Double.NEGATIVE_INFINITY ? 0 : Math.exp(shift ? x - max : x);
        }
        // exp(…) rather than e^{…}: a subscript inside an exponent inside a fraction is too small to read on a projector
        String e = shift ? "\\exp(s''" + ij + " - m)" : "\\exp(s''" + ij + ")";
        String denominator = shift ? "\\sum_j \\exp(s''_{" + (i + 1) + ",j} - m)" : "\\sum_j \\exp(s''_{" + (i + 1) + ",j})";
        if (masked == Double.NEGATIVE_INFINITY) {
            // e^−∞ = 0 exactly: the point of adding −∞
            return b.append(alpha).append(" = \\frac{e^{-\\infty}}{").append(denominator).append("} = \\frac{0}{")
                    .append(num(sum, DECIMALS)).append("} = 0").toString();
        }
        double numerator = Math.exp(shift ? masked - max : masked);
        b.append(alpha).append(" = \\frac{").append(e).append("}{").append(denominator).append("} = \\frac{")
                .append(num(numerator, DECIMALS)).append("}{").append(num(sum, DECIMALS)).append("} = ")
                .append(num(t.weights().get(i, j), DECIMALS));
        return b.toString();
    }

    /**
     * For the highlighted row, when it has a masked key: softmax after multiplying by 0 against
     * softmax after adding −∞. Empty otherwise.
     */
    public static String zeroed(Result r) {
        Cell c = r == null ? null : r.cell();
        if (c == null || c.row() >= r.mask().rows()) {
            return "";
        }
        int i = c.row();
        boolean anyMasked = false;
        for (int j = 0; j < r.mask().cols(); j++) {
            anyMasked |= r.mask().get(i, j) != 0;
        }
        if (!anyMasked) {
            return "";
        }
        String n = Integer.toString(i + 1);
        return "\\mathrm{softmax}(s_{" + n + "} \\odot m_{" + n + "}) = " + row(r.zeroed(), i) + " \\neq "
                + "\\mathrm{softmax}(s_{" + n + "} + M_{" + n + "}) = " + row(r.trace().weights(), i);
    }

    /**
     * The inference step against training: {@code α^{(2)} = [0.2689, 0.7311] = A_{2,1..2}}.
     * Empty in training mode.
     */
    public static String inference(Result r) {
        Inference inf = r == null ? null : r.inference();
        if (inf == null) {
            return "";
        }
        int t = inf.step() + 1;
        return "\\alpha^{(" + t + ")} = " + row(inf.trace().weights(), 0) + ", \\qquad A^{\\mathrm{train}}_{" + t
                + ",\\,1..} = " + row(inf.trainingRow(), 0);
    }

    private static String row(Matrix m, int i) {
        StringBuilder b = new StringBuilder("\\begin{bmatrix} ");
        for (int j = 0; j < Math.min(m.cols(), MAX_TERMS); j++) {
            if (j > 0) {
                b.append(" & ");
            }
            double x = m.get(i, j);
            b.append(x == 0 ? "0" : num(x, DECIMALS));
        }
        if (m.cols() > MAX_TERMS) {
            b.append(" & \\cdots");
        }
        return b.append(" \\end{bmatrix}").toString();
    }
}

package org.attentionlab.ui.qkv;

import static org.attentionlab.ui.widgets.LatexText.num;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.LatexText;

/**
 * The Q/K/V view's formulas as LaTeX (section 3.2.1): each stage's definition, and the same
 * formula with the numbers of the selected weight α_ij substituted ("α₂,₁ = e^0.6879 / Σⱼ e^s₂ⱼ =
 * 1.9895 / 6.6139 = 0.3008"). Every number is read from the engine's trace or is the plain
 * arithmetic between two traced numbers, as in {@link Derivation}. Indices count from 1, as the
 * row labels x₁, x₂, … do.
 */
public final class QkvFormulas {

    static final int DECIMALS = 4;
    /** Most terms of a sum written out before "⋯". */
    static final int MAX_TERMS = 4;
    /** Most keys whose weighted values are written out in z_i (longer rows would not fit a card). */
    static final int OUTPUT_TERMS = 3;
    /** Exponentials above e^this are written shifted by the row maximum, as the engine computes them. */
    static final double SHIFT_ABOVE = Derivation.SHIFT_ABOVE;

    private QkvFormulas() {
    }

    /** The stage's definition; {@code scaled} and {@code dK} fill in the scaling. */
    public static String definition(Stage stage, boolean scaled, int dK) {
        return switch (stage) {
            case X -> "X \\quad (T \\times d_{\\mathrm{model}})";
            case WQ -> "W_Q \\quad (d_{\\mathrm{model}} \\times d_k)";
            case WK -> "W_K \\quad (d_{\\mathrm{model}} \\times d_k)";
            case WV -> "W_V \\quad (d_{\\mathrm{model}} \\times d_v)";
            case Q -> "Q = XW_Q";
            case K -> "K = XW_K";
            case V -> "V = XW_V";
            case SCORES -> "S = QK^{T}";
            case SCALED -> scaled ? "S' = \\frac{S}{\\sqrt{d_k}} = \\frac{S}{\\sqrt{" + dK + "}} = \\frac{S}{"
                    + num(Math.sqrt(dK), DECIMALS) + "}" : "S' = S";
            case MASKED -> "S'' = S' + M";
            case WEIGHTS -> "A = \\mathrm{softmax}(S'')";
            case OUTPUT -> "Z = AV";
        };
    }

    /**
     * The stage's formula for the selected weight (query i, key j), with numbers; empty for the
     * inputs and weights, and when nothing is selected.
     */
    public static String numbers(Stage stage, AttentionTrace t, Cell cell) {
        if (t == null || cell == null || cell.row() >= t.weights().rows() || cell.col() >= t.weights().cols()) {
            return "";
        }
        int i = cell.row();
        int j = cell.col();
        String si = Integer.toString(i + 1);
        String sj = Integer.toString(j + 1);
        String ij = "_{" + si + "," + sj + "}";
        return switch (stage) {
            case X, WQ, WK, WV -> "";
            case Q -> "q_{" + si + "} = x_{" + si + "}W_Q = " + row(t.q().row(i));
            case K -> "k_{" + sj + "} = x_{" + sj + "}W_K = " + row(t.k().row(j));
            case V -> "v_{" + sj + "} = x_{" + sj + "}W_V = " + row(t.v().row(j));
            case SCORES -> "s" + ij + " = q_{" + si + "} \\cdot k_{" + sj + "} = " + dot(t.q().row(i), t.k().row(j))
                    + " = " + num(t.scores().get(i, j), DECIMALS);
            case SCALED -> t.scale() != 1.0
                    ? "s'" + ij + " = \\frac{" + num(t.scores().get(i, j), DECIMALS) + "}{" + num(Math.sqrt(t.q().cols()),
                    DECIMALS) + "} = " + num(t.scaled().get(i, j), DECIMALS)
                    : "s'" + ij + " = s" + ij + " = " + num(t.scaled().get(i, j), DECIMALS);
            case MASKED -> "s''" + ij + " = " + num(t.scaled().get(i, j), DECIMALS) + (t.allowed(i, j) ? " + 0" : " + (-\\infty)")
                    + " = " + num(t.masked().get(i, j), DECIMALS);
            case WEIGHTS -> weight(t, i, j);
            case OUTPUT -> output(t, i);
        };
    }

    /** α_ij = e^{s''_ij} / Σ_j exp(s''_ij) = numerator / sum = weight, as the engine computes it. */
    static String weight(AttentionTrace t, int i, int j) {
        String si = Integer.toString(i + 1);
        String alpha = "\\alpha_{" + si + "," + (j + 1) + "}";
        double[] row = t.masked().row(i);
        double max = Double.NEGATIVE_INFINITY;
        for (double x : row) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return alpha + " = 0";
        }
        boolean shift = max > SHIFT_ABOVE;
        double sum = 0;
        for (double x : row) {
            sum += x == Double.NEGATIVE_INFINITY ? 0 : Math.exp(shift ? x - max : x);
        }
        String m = shift ? " - " + num(max, DECIMALS) : "";
        // exp(…) rather than e^{…}: a subscript inside an exponent inside a fraction is too small to read on a projector
        String denominator = "\\sum_j \\exp(s''_{" + si + ",j}" + m + ")";
        double s = row[j];
        if (s == Double.NEGATIVE_INFINITY) {
            return alpha + " = \\frac{e^{-\\infty}}{" + denominator + "} = \\frac{0}{" + num(sum, DECIMALS) + "} = 0";
        }
        return alpha + " = \\frac{e^{" + num(s, DECIMALS) + m + "}}{" + denominator + "} = \\frac{"
                + num(Math.exp(shift ? s - max : s), DECIMALS) + "}{" + num(sum, DECIMALS) + "} = "
                + num(t.weights().get(i, j), DECIMALS);
    }

    /** z_i = Σ_j α_ij v_j = [..], the terms written out for up to {@value #OUTPUT_TERMS} keys. */
    static String output(AttentionTrace t, int i) {
        return output(t, i, true);
    }

    /** z_i with its terms written out (short rows only) or just its value (a narrow panel). */
    public static String output(AttentionTrace t, int i, boolean terms) {
        String si = Integer.toString(i + 1);
        double[] w = t.weights().row(i);
        StringBuilder b = new StringBuilder("z_{" + si + "} = \\sum_j \\alpha_{" + si + ",j} v_j = ");
        if (terms && w.length <= OUTPUT_TERMS) {
            for (int n = 0; n < w.length; n++) {
                b.append(n == 0 ? num(w[n], DECIMALS) : " + " + num(w[n], DECIMALS)).append("\\,v_{").append(n + 1)
                        .append('}');
            }
            b.append(" = ");
        }
        return b.append(row(t.output().row(i))).toString();
    }

    private static String dot(double[] q, double[] k) {
        StringBuilder b = new StringBuilder();
        for (int m = 0; m < Math.min(q.length, MAX_TERMS); m++) {
            if (m > 0) {
                b.append(" + ");
            }
            b.append(LatexText.operand(q[m], DECIMALS)).append(" \\cdot ").append(LatexText.operand(k[m], DECIMALS));
        }
        if (q.length > MAX_TERMS) {
            b.append(" + \\cdots");
        }
        return b.toString();
    }

    private static String row(double[] v) {
        if (v.length <= 2 * MAX_TERMS) {
            return LatexText.row(v, DECIMALS);
        }
        double[] head = java.util.Arrays.copyOf(v, 2 * MAX_TERMS);
        String s = LatexText.row(head, DECIMALS);
        return s.replace(" \\end{bmatrix}", " & \\cdots \\end{bmatrix}");
    }
}

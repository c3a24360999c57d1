package org.attentionlab.ui.pe;

import static org.attentionlab.ui.widgets.LatexText.num;
import static org.attentionlab.ui.widgets.LatexText.row;

import org.attentionlab.ui.pe.PeViewModel.Result;
import org.attentionlab.ui.pe.PeViewModel.Rotation;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.LatexText;

/**
 * The positional-encoding view's formulas as LaTeX (section 3.5), with the numbers of the
 * highlighted cell and of the rotation substituted. The numbers are the engine's; the
 * intermediate ones (the angle, ω_i) are the formula's own arithmetic, written out so a student
 * can redo it.
 */
public final class PeFormulas {

    static final int DECIMALS = 4;

    /** The paper's definition. */
    public static final String DEFINITION = "PE_{(pos,\\,2i)} = \\sin\\!\\left(\\frac{pos}{10000^{2i/d}}\\right), \\qquad "
            + "PE_{(pos,\\,2i+1)} = \\cos\\!\\left(\\frac{pos}{10000^{2i/d}}\\right)";

    /** The rotation, symbolically. */
    public static final String ROTATION = "\\begin{bmatrix} PE_{pos+k,\\,2i} & PE_{pos+k,\\,2i+1} \\end{bmatrix} = "
            + "\\begin{bmatrix} PE_{pos,\\,2i} & PE_{pos,\\,2i+1} \\end{bmatrix} "
            + "\\begin{bmatrix} \\cos\\omega_i k & -\\sin\\omega_i k \\\\ \\sin\\omega_i k & \\cos\\omega_i k \\end{bmatrix}";

    /** Why the similarity depends on the offset only: sin a sin b + cos a cos b = cos(a − b). */
    public static final String SIMILARITY = "PE_{p} \\cdot PE_{p+k} = \\sum_{i=0}^{d/2-1} "
            + "\\left(\\sin\\omega_i p \\,\\sin\\omega_i (p+k) + \\cos\\omega_i p \\,\\cos\\omega_i (p+k)\\right) "
            + "= \\sum_{i=0}^{d/2-1} \\cos\\omega_i k";

    private PeFormulas() {
    }

    /**
     * The highlighted cell worked out: {@code PE_{(1,0)} = \sin(1/10000^{0/128}) = \sin(1.0000) =
     * 0.8415}; for a learned table only its value. Empty without a cell.
     */
    public static String cell(Result r) {
        Cell c = r == null ? null : r.cell();
        if (c == null || c.row() >= r.positions() || c.col() >= r.dim()) {
            return "";
        }
        int pos = c.row();
        int j = c.col();
        double value = r.table().get(pos, j);
        String lhs = "PE_{(" + pos + ",\\," + j + ")}";
        if (r.learned()) {
            return lhs + " = " + num(value, DECIMALS);
        }
        int twoI = j - j % 2;
        String fn = j % 2 == 0 ? "\\sin" : "\\cos";
        double angle = pos / Math.pow(10000.0, (double) twoI / r.dim());
        return lhs + " = " + fn + "\\!\\left(\\frac{" + pos + "}{10000^{" + twoI + "/" + r.dim() + "}}\\right) = "
                + fn + "(" + num(angle, DECIMALS) + ") = " + num(value, DECIMALS);
    }

    /**
     * The rotation with numbers: {@code [0.9093  −0.4161]·[[−0.9900  −0.1411] [0.1411  −0.9900]] =
     * [−0.9589  0.2837]}, and the same as PE entries. Empty for a learned table.
     */
    public static String rotation(Result r) {
        Rotation t = r == null ? null : r.rotation();
        if (t == null) {
            return "";
        }
        int a = 2 * t.pair();
        int b = a + 1;
        int to = t.pos() + t.offset();
        return "\\begin{bmatrix} PE_{" + t.pos() + ",\\," + a + "} & PE_{" + t.pos() + ",\\," + b + "} \\end{bmatrix} R_{"
                + t.offset() + "} = " + row(t.from(), DECIMALS) + LatexText.matrix(t.rotation(), DECIMALS) + " = "
                + row(t.product(), DECIMALS) + " = \\begin{bmatrix} PE_{" + to + ",\\," + a + "} & PE_{" + to + ",\\,"
                + b + "} \\end{bmatrix}";
    }

    /** ω_i and the angle of the rotation: {@code \omega_0 = 1/10000^{0/128} = 1.0000,\ \omega_0 k = 3.0000}. */
    public static String angle(Result r) {
        Rotation t = r == null ? null : r.rotation();
        if (t == null) {
            return "";
        }
        int i = t.pair();
        return "\\omega_{" + i + "} = \\frac{1}{10000^{" + 2 * i + "/" + r.dim() + "}} = " + num(t.omega(), DECIMALS)
                + ", \\qquad \\omega_{" + i + "} k = " + num(t.omega(), DECIMALS) + " \\times " + t.offset() + " = "
                + num(t.omega() * t.offset(), DECIMALS);
    }

    /**
     * The similarity of the highlighted position with the one k later:
     * {@code PE_{2}·PE_{5} = Σ cos(3ω_i) = 41.2345}, from the engine's table and from the formula.
     * Empty when p + k is past the similarity matrix.
     */
    public static String similarity(Result r) {
        Cell c = r == null ? null : r.cell();
        if (c == null || r.learned()) {
            return "";
        }
        int offset = r.offset();
        int p = c.row();
        int q = p + offset;
        if (q >= r.similarity().rows()) {
            return "";
        }
        double sum = 0;
        for (int i = 0; 2 * i < r.dim(); i++) {
            sum += Math.cos(offset / Math.pow(10000.0, (double) 2 * i / r.dim()));
        }
        return "PE_{" + p + "} \\cdot PE_{" + q + "} = " + num(r.similarity().get(p, q), DECIMALS)
                + ", \\qquad \\sum_{i} \\cos(" + offset + "\\,\\omega_i) = " + num(sum, DECIMALS);
    }
}

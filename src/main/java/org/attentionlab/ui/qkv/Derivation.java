package org.attentionlab.ui.qkv;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.ui.widgets.NumberText;

/**
 * How one attention weight α_ij came about, step by step, for the derivation panel ("why is this
 * number 0.45?"): q_i and k_j, their element-wise products and sum, the division by √d_k, the
 * mask, the exponentials of row i, their sum, the weight, and output row i as the weighted sum of
 * V's rows. Every number shown is either read from the engine's trace or is the plain arithmetic
 * that connects two traced numbers (the products, the exponentials); the weight and the output
 * row shown as results are the engine's own.
 *
 * @param row     i, the query (0-based)
 * @param col     j, the key (0-based)
 * @param steps   the lines of the panel, in order
 */
public record Derivation(int row, int col, List<Step> steps) {

    /** Most terms written out in one line before "…". */
    static final int MAX_TERMS = 8;
    /** Exponentials above e^this are shown shifted by the row maximum (as the engine computes them). */
    static final double SHIFT_ABOVE = 30;

    /**
     * One line: a caption (a message key with arguments, localised by the view) and the
     * arithmetic (language-neutral).
     *
     * @param captionKey  message key of the caption
     * @param captionArgs its arguments
     * @param math        the formula with numbers
     * @param result      whether this line is a result to highlight
     */
    public record Step(String captionKey, List<Object> captionArgs, String math, boolean result) {

        public Step {
            captionArgs = List.copyOf(captionArgs);
        }
    }

    public Derivation {
        steps = List.copyOf(steps);
    }

    /** The derivation of weight (i, j) of {@code t}; {@code tokens} label queries and keys alike (may be null). */
    public static Derivation of(AttentionTrace t, int i, int j, List<String> tokens, int decimals) {
        return of(t, i, j, tokens, tokens, decimals);
    }

    /**
     * The derivation of weight (i, j) of {@code t}, with the query rows labelled by
     * {@code queryTokens} and the key/value rows by {@code tokens} (they differ in cross-attention).
     */
    public static Derivation of(AttentionTrace t, int i, int j, List<String> queryTokens, List<String> tokens,
                                int decimals) {
        List<Step> steps = new ArrayList<>();
        String si = NumberText.subscript(i + 1);
        String sj = NumberText.subscript(j + 1);
        String ij = si + "," + sj;
        String qi = "q" + si;
        String kj = "k" + sj;
        double[] q = t.q().row(i);
        double[] k = t.k().row(j);
        String tokI = label(queryTokens, i);
        String tokJ = label(tokens, j);

        steps.add(new Step("qkv.derivation.query", List.of(tokI, i + 1), qi + " = " + vec(q, decimals), false));
        steps.add(new Step("qkv.derivation.key", List.of(tokJ, j + 1), kj + " = " + vec(k, decimals), false));

        double[] products = new double[q.length];
        StringBuilder pairs = new StringBuilder();
        StringBuilder sum = new StringBuilder();
        double dot = 0;
        for (int m = 0; m < q.length; m++) {
            products[m] = q[m] * k[m];
            dot += products[m];
            if (m < MAX_TERMS) {
                if (m > 0) {
                    pairs.append(", ");
                    sum.append(products[m] < 0 ? " − " : " + ");
                    sum.append(num(Math.abs(products[m]), decimals));
                } else {
                    sum.append(num(products[m], decimals));
                }
                pairs.append(num(q[m], decimals)).append("×").append(num(k[m], decimals));
            }
        }
        if (q.length > MAX_TERMS) {
            pairs.append(", …");
            sum.append(" + …");
        }
        steps.add(new Step("qkv.derivation.products", List.of(),
                qi + " ⊙ " + kj + " = [" + pairs + "] = " + vec(products, decimals), false));
        double score = t.scores().get(i, j);
        steps.add(new Step("qkv.derivation.sum", List.of(),
                qi + "·" + kj + " = " + sum + " = " + num(score, decimals), false));

        double scaled = t.scaled().get(i, j);
        int dK = t.q().cols();
        if (t.scale() != 1.0) {
            steps.add(new Step("qkv.derivation.scale", List.of(dK), "s" + ij + " = " + num(score, decimals) + " ÷ √"
                    + dK + " = " + num(score, decimals) + " ÷ " + num(Math.sqrt(dK), decimals) + " = "
                    + num(scaled, decimals), false));
        } else {
            steps.add(new Step("qkv.derivation.noScale", List.of(), "s" + ij + " = " + num(scaled, decimals), false));
        }

        boolean allowed = t.allowed(i, j);
        if (allowed) {
            steps.add(new Step("qkv.derivation.allowed", List.of(),
                    "s" + ij + " + 0 = " + num(t.masked().get(i, j), decimals), false));
        } else {
            steps.add(new Step("qkv.derivation.masked", List.of(),
                    "s" + ij + " + (" + NumberText.NEG_INFINITY + ") = " + NumberText.NEG_INFINITY, false));
        }

        double[] logits = t.masked().row(i);
        double max = Double.NEGATIVE_INFINITY;
        for (double x : logits) {
            max = Math.max(max, x);
        }
        boolean anyAllowed = max != Double.NEGATIVE_INFINITY;
        boolean shift = anyAllowed && max > SHIFT_ABOVE;
        double[] exps = new double[logits.length];
        double expSum = 0;
        for (int n = 0; n < logits.length; n++) {
            exps[n] = logits[n] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(shift ? logits[n] - max : logits[n]);
            expSum += exps[n];
        }
        StringBuilder expTerms = new StringBuilder();
        StringBuilder sumTerms = new StringBuilder();
        for (int n = 0; n < Math.min(logits.length, MAX_TERMS); n++) {
            if (n > 0) {
                expTerms.append(", ");
                sumTerms.append(" + ");
            }
            String arg = logits[n] == Double.NEGATIVE_INFINITY ? NumberText.NEG_INFINITY
                    : num(shift ? logits[n] - max : logits[n], decimals);
            expTerms.append("e^").append(arg.startsWith(NumberText.MINUS) ? "(" + arg + ")" : arg);
            sumTerms.append(num(exps[n], decimals));
        }
        if (logits.length > MAX_TERMS) {
            expTerms.append(", …");
            sumTerms.append(" + …");
        }
        String e = shift ? "e^(s" + si + ",ⱼ − m)" : "e^s" + si + ",ⱼ";
        steps.add(new Step(shift ? "qkv.derivation.expShifted" : "qkv.derivation.exp",
                shift ? List.of(num(max, decimals)) : List.of(),
                e + " = [" + expTerms + "] = " + vec(exps, decimals), false));
        steps.add(new Step("qkv.derivation.rowSum", List.of(),
                "Σⱼ " + e + " = " + sumTerms + " = " + num(expSum, decimals), false));

        double weight = t.weights().get(i, j);
        String alpha = "α" + ij;
        if (!anyAllowed) {
            steps.add(new Step("qkv.derivation.allMasked", List.of(), alpha + " = 0", true));
        } else if (!allowed) {
            steps.add(new Step("qkv.derivation.weightMasked", List.of(), alpha + " = 0 ÷ " + num(expSum, decimals)
                    + " = 0", true));
        } else {
            steps.add(new Step("qkv.derivation.weight", List.of(), alpha + " = " + num(exps[j], decimals) + " ÷ "
                    + num(expSum, decimals) + " = " + num(weight, decimals), true));
        }

        double[] w = t.weights().row(i);
        String zi = "z" + si;
        StringBuilder combo = new StringBuilder();
        for (int n = 0; n < Math.min(w.length, MAX_TERMS); n++) {
            if (n > 0) {
                combo.append(" + ");
            }
            combo.append(num(w[n], decimals)).append("·v").append(NumberText.subscript(n + 1));
        }
        if (w.length > MAX_TERMS) {
            combo.append(" + …");
        }
        steps.add(new Step("qkv.derivation.output", List.of(tokI), zi + " = Σⱼ α" + si + ",ⱼ·vⱼ = " + combo, false));
        for (int n = 0; n < Math.min(w.length, MAX_TERMS); n++) {
            double[] v = t.v().row(n);
            double[] term = new double[v.length];
            for (int m = 0; m < v.length; m++) {
                term[m] = w[n] * v[m];
            }
            steps.add(new Step("qkv.derivation.term", List.of(n + 1, label(tokens, n)), num(w[n], decimals) + " × "
                    + vec(v, decimals) + " = " + vec(term, decimals), false));
        }
        steps.add(new Step("qkv.derivation.outputRow", List.of(tokI), zi + " = " + vec(t.output().row(i), decimals),
                true));
        return new Derivation(i, j, steps);
    }

    private static String label(List<String> tokens, int i) {
        return tokens != null && i < tokens.size() ? tokens.get(i) : Integer.toString(i + 1);
    }

    private static String num(double x, int decimals) {
        return NumberText.fixed(x, decimals);
    }

    private static String vec(double[] v, int decimals) {
        if (v.length <= MAX_TERMS) {
            return NumberText.vector(v, decimals);
        }
        double[] head = java.util.Arrays.copyOf(v, MAX_TERMS);
        String s = NumberText.vector(head, decimals);
        return s.substring(0, s.length() - 1) + ", …]";
    }
}

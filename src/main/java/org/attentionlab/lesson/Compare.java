package org.attentionlab.lesson;

import java.util.List;
import java.util.Locale;

import org.attentionlab.engine.trace.Matrix;

/** Compares what the engine computes with what a lesson states, in messages a teacher can act on. */
final class Compare {

    private Compare() {
    }

    static void number(List<String> out, String what, double actual, double stated, double tol) {
        if (!(Math.abs(actual - stated) <= tol)) {
            out.add(what + " is " + show(actual) + " but the lesson says " + show(stated) + " (tolerance " + show(tol) + ")");
        }
    }

    static void vector(List<String> out, String what, double[] actual, double[] stated, double tol) {
        if (actual.length != stated.length) {
            out.add(what + " has " + actual.length + " numbers but the lesson states " + stated.length);
            return;
        }
        for (int i = 0; i < actual.length; i++) {
            number(out, what + " item " + (i + 1), actual[i], stated[i], tol);
        }
    }

    static void matrix(List<String> out, String what, Matrix actual, Matrix stated, double tol) {
        if (actual.rows() != stated.rows() || actual.cols() != stated.cols()) {
            out.add(what + " is " + actual.rows() + "×" + actual.cols() + " but the lesson states a "
                    + stated.rows() + "×" + stated.cols() + " matrix");
            return;
        }
        for (int i = 0; i < actual.rows(); i++) {
            for (int j = 0; j < actual.cols(); j++) {
                double a = actual.get(i, j);
                double s = stated.get(i, j);
                String cell = actual.rows() == 1 ? "column " + (j + 1) : "row " + (i + 1) + ", column " + (j + 1);
                if (Double.isInfinite(a)) {
                    out.add(what + " " + cell + " is −∞ (masked) but the lesson says " + show(s));
                } else {
                    number(out, what + " " + cell, a, s, tol);
                }
            }
        }
    }

    static String show(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        String s = String.format(Locale.ROOT, "%.6g", x);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        s = s.contains(".") ? s.replaceAll("0+$", "") : s;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

package org.attentionlab.cli;

import java.io.PrintWriter;
import java.util.List;

import org.attentionlab.engine.trace.Matrix;

/** Aligned plain-text tables that a teacher can paste into slides. */
final class MatrixFormat {

    private MatrixFormat() {
    }

    /** Prints a titled matrix; −∞ cells print as "-inf". */
    static void print(PrintWriter out, String title, Matrix m, List<String> rowLabels, List<String> colLabels, int decimals) {
        out.println(title);
        String[][] cells = new String[m.rows()][m.cols()];
        int width = 0;
        for (String c : colLabels) {
            width = Math.max(width, c.length());
        }
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                double x = m.get(i, j);
                cells[i][j] = x == Double.NEGATIVE_INFINITY ? "-inf" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", x);
                width = Math.max(width, cells[i][j].length());
            }
        }
        int labelWidth = 0;
        for (String r : rowLabels) {
            labelWidth = Math.max(labelWidth, r.length());
        }
        StringBuilder header = new StringBuilder(" ".repeat(labelWidth));
        for (int j = 0; j < m.cols(); j++) {
            header.append("  ").append(pad(colLabels.get(j), width));
        }
        out.println(header.toString().stripTrailing());
        for (int i = 0; i < m.rows(); i++) {
            StringBuilder line = new StringBuilder(pad(rowLabels.get(i), labelWidth));
            for (int j = 0; j < m.cols(); j++) {
                line.append("  ").append(pad(cells[i][j], width));
            }
            out.println(line);
        }
        out.println();
    }

    static List<String> labels(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + (i + 1)).toList();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}

package org.attentionlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.attentionlab.engine.trace.Matrix;

/**
 * Matrices as CSV (RFC 4180, UTF-8, {@code \r\n} line ends) for spreadsheets and notebooks: the
 * first row is the matrix's name followed by the column labels, every further row a row label
 * followed by the numbers. Numbers are written so that they read back as exactly the same double
 * ({@link Double#toString}); a masked score (−∞) is written {@code -inf}, which
 * {@code numpy.genfromtxt}, {@code pandas.read_csv} and Python's {@code float()} all read as −∞.
 * Labels are quoted when they contain a comma, a quote or a line break.
 */
public final class MatrixCsv {

    /** How −∞ (a masked score) is written. */
    public static final String NEG_INFINITY = "-inf";

    private MatrixCsv() {
    }

    /** The CSV text of one matrix. */
    public static String toCsv(LabeledMatrix m) {
        Objects.requireNonNull(m, "matrix");
        Matrix x = m.matrix();
        StringBuilder b = new StringBuilder();
        b.append(field(m.name()));
        for (int j = 0; j < x.cols(); j++) {
            b.append(',').append(field(m.colLabels().isEmpty() ? Integer.toString(j + 1) : m.colLabels().get(j)));
        }
        b.append("\r\n");
        for (int i = 0; i < x.rows(); i++) {
            b.append(field(m.rowLabels().isEmpty() ? Integer.toString(i + 1) : m.rowLabels().get(i)));
            for (int j = 0; j < x.cols(); j++) {
                b.append(',').append(number(x.get(i, j)));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    /** Writes one matrix to {@code file}, atomically (replacing it if it exists: ask first). */
    public static void write(Path file, LabeledMatrix m) throws IOException {
        AtomicFiles.writeString(file, toCsv(m));
    }

    /**
     * The files {@link #writeAll} would write: {@code <stem>-<name>.csv} in {@code dir}, one per
     * matrix, the name reduced to letters, digits and '-' (a number is added when two names
     * reduce to the same file name).
     */
    public static List<Path> fileNames(Path dir, String stem, List<LabeledMatrix> matrices) {
        List<Path> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        String base = slug(stem).isEmpty() ? "matrix" : slug(stem);
        for (LabeledMatrix m : matrices) {
            String name = slug(m.name());
            String candidate = name.isEmpty() ? base : base + "-" + name;
            String unique = candidate;
            for (int n = 2; !used.add(unique); n++) {
                unique = candidate + "-" + n;
            }
            out.add(dir.resolve(unique + ".csv"));
        }
        return out;
    }

    /** Writes each matrix to its file from {@link #fileNames}; returns the files written. */
    public static List<Path> writeAll(Path dir, String stem, List<LabeledMatrix> matrices) throws IOException {
        List<Path> files = fileNames(dir, stem, matrices);
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        for (int k = 0; k < files.size(); k++) {
            write(files.get(k), matrices.get(k));
        }
        return files;
    }

    /** Lower-case ASCII letters and digits, other runs of characters as one '-'. */
    static String slug(String name) {
        StringBuilder b = new StringBuilder();
        boolean dash = false;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && b.length() > 0) {
                    b.append('-');
                }
                b.append(c);
                dash = false;
            } else {
                dash = true;
            }
        }
        return b.toString();
    }

    static String number(double x) {
        if (x == Double.NEGATIVE_INFINITY) {
            return NEG_INFINITY;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (x == 0 && 1 / x < 0) {
            return "-0.0";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x); // masks and counts read as 1 and 0, not 1.0 and 0.0
        }
        return Double.toString(x);
    }

    static String field(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))))) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}

package org.attentionlab.lesson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.attentionlab.engine.trace.Matrix;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The type of a state key or check input: how to read it from YAML, what it means in a message
 * ("a whole number from 1 to 64"), and its limits. Types are values, so that a new view declares
 * its keys as data in {@link ViewCatalog} without a new class.
 */
public final class ValueType {

    /** Largest matrix a lesson may write out by hand. */
    public static final int MAX_CELLS = 10_000;
    /** Longest list a lesson may write. */
    public static final int MAX_ITEMS = 1_000;

    @FunctionalInterface
    interface Reader {
        /** The value, or null after recording a problem. */
        StateValue read(Node node, NodeReader r, String field);
    }

    private final String description;
    private final Predicate<Node> shape;
    private final Reader reader;

    private ValueType(String description, Predicate<Node> shape, Reader reader) {
        this.description = description;
        this.shape = shape;
        this.reader = reader;
    }

    /** For messages and the README: "true or false", "a matrix (a list of rows of numbers)". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    StateValue read(Node node, NodeReader r, String field) {
        return reader.read(node, r, field);
    }

    // ---- scalars --------------------------------------------------------------------------

    /** Any non-empty text. */
    public static ValueType text() {
        return new ValueType("a non-empty text", ValueType::isScalar, (n, r, f) -> {
            String s = r.text(n, f);
            return s == null ? null : new StateValue.Text(s);
        });
    }

    /** One of the given words. */
    public static ValueType oneOf(String... choices) {
        List<String> allowed = List.of(choices);
        String d = "one of " + String.join(", ", allowed);
        return new ValueType(d, ValueType::isScalar, (n, r, f) -> {
            if (n instanceof ScalarNode s && allowed.contains(s.getValue())) {
                return new StateValue.Text(s.getValue());
            }
            r.problem(n, f + " is " + NodeReader.found(n) + "; expected " + d);
            return null;
        });
    }

    public static ValueType bool() {
        return new ValueType("true or false", ValueType::isScalar, (n, r, f) -> {
            if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                return new StateValue.Bool(Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT)));
            }
            r.problem(n, f + " is " + NodeReader.found(n) + "; expected true or false");
            return null;
        });
    }

    /** A whole number in [min, max]. */
    public static ValueType integer(long min, long max) {
        String d = "a whole number from " + min + " to " + max;
        return new ValueType(d, n -> n instanceof ScalarNode s && s.getTag().equals(Tag.INT), (n, r, f) -> {
            Long v = parseInt(n);
            if (v == null || v < min || v > max) {
                r.problem(n, f + " is " + NodeReader.found(n) + "; expected " + d);
                return null;
            }
            return new StateValue.Int(v);
        });
    }

    /** A finite number in [min, max]. */
    public static ValueType number(double min, double max) {
        String d = "a number from " + fmt(min) + " to " + fmt(max);
        return new ValueType(d, ValueType::isScalar, (n, r, f) -> {
            Double v = parseNumber(n);
            if (v == null || v < min || v > max) {
                r.problem(n, f + " is " + NodeReader.found(n) + "; expected " + d);
                return null;
            }
            return new StateValue.Num(v);
        });
    }

    /** A finite number. */
    public static ValueType number() {
        return new ValueType("a number", ValueType::isScalar, (n, r, f) -> {
            Double v = parseNumber(n);
            if (v == null) {
                r.problem(n, f + " is " + NodeReader.found(n) + "; expected a finite number");
                return null;
            }
            return new StateValue.Num(v);
        });
    }

    // ---- lists ----------------------------------------------------------------------------

    /** A non-empty list of finite numbers, [a, b, …]. */
    public static ValueType vector() {
        String d = "a list of numbers such as [0.1, 0.2, 0.7]";
        return new ValueType(d, ValueType::isList, (n, r, f) -> {
            double[] v = readNumbers(n, r, f, d);
            return v == null ? null : new StateValue.Vector(v);
        });
    }

    /** A non-empty rectangular list of rows of finite numbers. */
    public static ValueType matrix() {
        return new ValueType("a matrix (a list of rows of numbers, such as [[1, 0], [0, 1]])", ValueType::isList,
                (n, r, f) -> {
                    double[][] m = readMatrix(n, r, f);
                    return m == null ? null : new StateValue.Mat(Matrix.of(m));
                });
    }

    /** A matrix of 0 and 1 (1 = may attend). */
    public static ValueType zeroOneMatrix() {
        return new ValueType("a matrix of 0 and 1 (1 = may attend)", ValueType::isList, (n, r, f) -> {
            double[][] m = readMatrix(n, r, f);
            if (m == null) {
                return null;
            }
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                    if (m[i][j] != 0 && m[i][j] != 1) {
                        r.problem(n, f + " row " + (i + 1) + ", column " + (j + 1) + " is " + fmt(m[i][j])
                                + "; expected 0 (masked) or 1 (may attend)");
                        return null;
                    }
                }
            }
            return new StateValue.Mat(Matrix.of(m));
        });
    }

    /** Two whole numbers ≥ min, such as a cell [row, column] (0-based) or a shape [rows, columns]. */
    public static ValueType pair(int min, String example) {
        String d = "two whole numbers ≥ " + min + " such as " + example;
        return new ValueType(d, ValueType::isList, (n, r, f) -> {
            List<Node> items = n instanceof SequenceNode s ? s.getValue() : null;
            if (items == null || items.size() != 2) {
                r.problem(n, f + " is " + NodeReader.found(n) + (items == null ? "" : " of " + items.size()) + "; expected " + d);
                return null;
            }
            Long a = parseInt(items.get(0));
            Long b = parseInt(items.get(1));
            if (a == null || b == null || a < min || b < min || a > Integer.MAX_VALUE || b > Integer.MAX_VALUE) {
                r.problem(n, f + " is [" + NodeReader.found(items.get(0)) + ", " + NodeReader.found(items.get(1))
                        + "]; expected " + d);
                return null;
            }
            return new StateValue.Pair(a.intValue(), b.intValue());
        });
    }

    /** A non-empty list of non-empty texts. */
    public static ValueType texts() {
        String d = "a list of texts such as [\"我 爱 你\", \"你 好\"]";
        return new ValueType(d, ValueType::isList, (n, r, f) -> {
            List<Node> items = r.list(n, f, d);
            if (items == null || !sized(items, n, r, f, d)) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String s = r.text(items.get(i), f + " item " + (i + 1));
                if (s == null) {
                    return null;
                }
                out.add(s);
            }
            return new StateValue.Texts(out);
        });
    }

    /** A non-empty list of whole numbers in [min, max]. */
    public static ValueType integers(long min, long max) {
        String d = "a list of whole numbers from " + min + " to " + max;
        return new ValueType(d, ValueType::isList, (n, r, f) -> {
            List<Node> items = r.list(n, f, d);
            if (items == null || !sized(items, n, r, f, d)) {
                return null;
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Long v = parseInt(items.get(i));
                if (v == null || v < min || v > max) {
                    r.problem(items.get(i), f + " item " + (i + 1) + " is " + NodeReader.found(items.get(i)) + "; expected " + d);
                    return null;
                }
                out.add(v.intValue());
            }
            return new StateValue.Ints(out);
        });
    }

    /** Words with one vector each, all the same length: {猫: [0.9, 0.1, 0.3], 狗: […]}. */
    public static ValueType wordVectors() {
        String d = "a mapping from words to vectors of the same length, such as {猫: [0.9, 0.1, 0.3]}";
        return new ValueType(d, n -> !isScalar(n) && !isList(n), (n, r, f) -> {
            Map<String, Node> fields = r.fields(n, f, d, null, null);
            if (fields == null) {
                return null;
            }
            if (fields.isEmpty()) {
                r.problem(n, f + " is empty; expected " + d);
                return null;
            }
            Map<String, StateValue.Vector> out = new LinkedHashMap<>();
            int len = -1;
            for (Map.Entry<String, Node> e : fields.entrySet()) {
                double[] v = readNumbers(e.getValue(), r, f + " word '" + e.getKey() + "'", "a list of numbers");
                if (v == null) {
                    return null;
                }
                if (len >= 0 && v.length != len) {
                    r.problem(e.getValue(), f + " word '" + e.getKey() + "' has " + v.length + " numbers but the first word has " + len);
                    return null;
                }
                len = v.length;
                out.put(e.getKey(), new StateValue.Vector(v));
            }
            return new StateValue.WordVectors(out);
        });
    }

    /** The first alternative whose shape fits the node (e.g. {@code none | causal | a 0/1 matrix}). */
    public static ValueType anyOf(ValueType... alternatives) {
        String d = String.join(", or ", Arrays.stream(alternatives).map(ValueType::description).toList());
        return new ValueType(d, n -> Arrays.stream(alternatives).anyMatch(a -> a.shape.test(n)), (n, r, f) -> {
            for (ValueType a : alternatives) {
                if (a.shape.test(n)) {
                    return a.read(n, r, f);
                }
            }
            r.problem(n, f + " is " + NodeReader.found(n) + "; expected " + d);
            return null;
        });
    }

    // ---- helpers --------------------------------------------------------------------------

    private static boolean isScalar(Node n) {
        return n instanceof ScalarNode && !NodeReader.isNull(n);
    }

    private static boolean isList(Node n) {
        return n instanceof SequenceNode;
    }

    private static boolean sized(List<Node> items, Node n, NodeReader r, String f, String d) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            r.problem(n, f + " has " + items.size() + " items; expected " + d + " (1 to " + MAX_ITEMS + " items)");
            return false;
        }
        return true;
    }

    private static double[] readNumbers(Node n, NodeReader r, String f, String d) {
        List<Node> items = r.list(n, f, d);
        if (items == null || !sized(items, n, r, f, d)) {
            return null;
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = parseNumber(items.get(i));
            if (v == null) {
                r.problem(items.get(i), f + " item " + (i + 1) + " is " + NodeReader.found(items.get(i)) + "; expected a number");
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    private static double[][] readMatrix(Node n, NodeReader r, String f) {
        String d = "a matrix (a list of rows of numbers, such as [[1, 0], [0, 1]])";
        List<Node> rows = r.list(n, f, d);
        if (rows == null) {
            return null;
        }
        if (rows.isEmpty()) {
            r.problem(n, f + " is an empty list; expected " + d);
            return null;
        }
        double[][] out = new double[rows.size()][];
        long cells = 0;
        for (int i = 0; i < rows.size(); i++) {
            Node row = rows.get(i);
            if (!(row instanceof SequenceNode rs)) {
                r.problem(row, f + " row " + (i + 1) + " is " + NodeReader.found(row) + "; expected a list of numbers (" + d + ")");
                return null;
            }
            List<Node> items = rs.getValue();
            if (items.isEmpty()) {
                r.problem(row, f + " row " + (i + 1) + " is empty; expected at least one number per row");
                return null;
            }
            if (i > 0 && items.size() != out[0].length) {
                r.problem(row, f + " row " + (i + 1) + " has " + items.size() + " numbers but row 1 has " + out[0].length);
                return null;
            }
            cells += items.size();
            if (cells > MAX_CELLS) {
                r.problem(n, f + " has more than " + MAX_CELLS + " numbers; write smaller examples (or let a view generate them)");
                return null;
            }
            out[i] = new double[items.size()];
            for (int j = 0; j < items.size(); j++) {
                Double v = parseNumber(items.get(j));
                if (v == null) {
                    r.problem(items.get(j), f + " row " + (i + 1) + ", column " + (j + 1) + " is "
                            + NodeReader.found(items.get(j)) + "; expected a number");
                    return null;
                }
                out[i][j] = v;
            }
        }
        return out;
    }

    /** A YAML 1.2 core-schema integer (also 0x…, 0o…), or null. */
    static Long parseInt(Node n) {
        if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            return null;
        }
        String v = s.getValue().replace("_", "");
        try {
            boolean negative = v.startsWith("-");
            String body = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
            long x;
            if (body.startsWith("0x")) {
                x = Long.parseLong(body.substring(2), 16);
            } else if (body.startsWith("0o")) {
                x = Long.parseLong(body.substring(2), 8);
            } else {
                x = Long.parseLong(body);
            }
            return negative ? -x : x;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finite number written as a YAML int or float, or null. */
    static Double parseNumber(Node n) {
        if (!(n instanceof ScalarNode s)) {
            return null;
        }
        if (s.getTag().equals(Tag.INT)) {
            Long x = parseInt(n);
            return x == null ? null : x.doubleValue();
        }
        if (!s.getTag().equals(Tag.FLOAT)) {
            return null;
        }
        try {
            double x = Double.parseDouble(s.getValue().replace("_", ""));
            return Double.isFinite(x) ? x : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%s", x);
    }
}

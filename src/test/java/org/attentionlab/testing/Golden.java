package org.attentionlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.Matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the golden JSON written by {@code src/test/python/make_golden.py} (numpy, float64) and
 * compares with tolerances. Shapes are checked before values.
 */
public final class Golden {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Golden() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("golden file /golden/" + name + " is missing from the test resources");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All cases of a file, for @MethodSource. */
    public static List<JsonNode> cases(String name) {
        List<JsonNode> out = new ArrayList<>();
        load(name).get("cases").forEach(out::add);
        return out;
    }

    /** A matrix; JSON null reads as −∞ (a masked score). */
    public static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    public static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int j = 0; j < n.size(); j++) {
            v[j] = n.get(j).isNull() ? Double.NEGATIVE_INFINITY : n.get(j).asDouble();
        }
        return v;
    }

    public static int[][] intMatrix(JsonNode n) {
        int[][] m = new int[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            m[i] = intVector(n.get(i));
        }
        return m;
    }

    public static int[] intVector(JsonNode n) {
        int[] v = new int[n.size()];
        for (int j = 0; j < n.size(); j++) {
            v[j] = n.get(j).asInt();
        }
        return v;
    }

    public static void assertAllClose(Matrix actual, double[][] expected, double rtol, double atol, String what) {
        assertAllClose(actual.toArray(), expected, rtol, atol, what);
    }

    /** Same shape, then |a − e| ≤ atol + rtol·|e| everywhere; infinities must match exactly. */
    public static void assertAllClose(double[][] actual, double[][] expected, double rtol, double atol, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": columns of row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                double a = actual[i][j];
                double e = expected[i][j];
                boolean ok = Double.isInfinite(e) || Double.isInfinite(a) ? a == e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
                if (!ok) {
                    fail(what + "[" + i + "][" + j + "]: expected " + e + " but was " + a + " (|diff| = " + Math.abs(a - e)
                            + ", rtol " + rtol + ", atol " + atol + ")");
                }
            }
        }
    }

    public static void assertAllClose(double[] actual, double[] expected, double rtol, double atol, String what) {
        assertAllClose(new double[][] {actual}, new double[][] {expected}, rtol, atol, what);
    }
}

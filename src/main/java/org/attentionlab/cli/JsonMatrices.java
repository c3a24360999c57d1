package org.attentionlab.cli;

import org.attentionlab.io.JsonErrors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads 2-D JSON arrays given on the command line, with messages that name the argument, the
 * row and the column: "--k: row 2 has 3 numbers but row 1 has 2".
 */
final class JsonMatrices {

    /**
     * NaN and Infinity are read (they are not JSON) only so that the message can name their row and
     * column; they are then refused like every other non-finite number. Text after the array is an
     * error, not silently ignored.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonMatrices() {
    }

    /** A non-empty rectangular matrix of finite numbers. */
    static double[][] parse(String json, String option) {
        JsonNode root = readTree(json, option);
        if (!root.isArray() || root.isEmpty()) {
            throw new BadInputException(option + ": expected a non-empty 2-D JSON array such as [[1,0],[0,1]]");
        }
        int cols = -1;
        double[][] out = new double[root.size()][];
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (!row.isArray()) {
                throw new BadInputException(option + ": row " + (i + 1) + " is " + describe(row)
                        + "; expected an array of numbers (a 2-D array such as [[1,0],[0,1]])");
            }
            if (cols < 0) {
                cols = row.size();
                if (cols == 0) {
                    throw new BadInputException(option + ": row 1 is empty; expected at least one number per row");
                }
            } else if (row.size() != cols) {
                throw new BadInputException(option + ": row " + (i + 1) + " has " + row.size()
                        + " numbers but row 1 has " + cols + " (the array is ragged)");
            }
            out[i] = new double[cols];
            for (int j = 0; j < cols; j++) {
                JsonNode cell = row.get(j);
                if (!cell.isNumber()) {
                    throw new BadInputException(option + ": row " + (i + 1) + ", column " + (j + 1) + " is "
                            + describe(cell) + "; expected a number");
                }
                double x = cell.doubleValue();
                if (!Double.isFinite(x)) {
                    throw new BadInputException(option + ": row " + (i + 1) + ", column " + (j + 1) + " is "
                            + (Double.isNaN(x) ? "NaN" : "infinite or too large for a double (beyond ±1.8e308)")
                            + "; expected a finite number");
                }
                out[i][j] = x;
            }
        }
        return out;
    }

    /** A 0/1 matrix (1 = may attend). */
    static int[][] parseZeroOne(String json, String option) {
        double[][] m = parse(json, option);
        int[][] out = new int[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (m[i][j] != 0 && m[i][j] != 1) {
                    throw new BadInputException(option + ": row " + (i + 1) + ", column " + (j + 1) + " is " + m[i][j]
                            + "; expected 0 (masked) or 1 (may attend)");
                }
                out[i][j] = (int) m[i][j];
            }
        }
        return out;
    }

    private static JsonNode readTree(String json, String option) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new BadInputException(option + ": empty; expected a 2-D JSON array such as [[1,0],[0,1]]");
            }
            return node;
        } catch (StreamConstraintsException e) {
            // e.g. nesting deeper than Jackson's limit of 1000: no location comes with it
            throw new BadInputException(option + ": not a matrix (" + JsonErrors.plain(e)
                    + "); expected a 2-D array such as [[1,0],[0,1]]");
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new BadInputException(option + ": not valid JSON (" + JsonErrors.plain(e) + at
                    + "); expected a 2-D array such as [[1,0],[0,1]]");
        }
    }

    private static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "the text \"" + n.asText() + "\"";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }
}

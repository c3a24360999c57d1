package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The headless commands through {@link Cli#run}, as a user runs them: output, exit codes, errors. */
class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static final String H = "[[1,0],[0,1],[1,1]]";

    @Test
    void attendJsonHasExactlyTheFiveStagesAndTheLectureNumbers() throws Exception {
        Result r = run("attend", "--q", "[[0.5,0.5]]", "--k", H, "--v", H, "--no-scale", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> keys = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("scores", "scaled", "masked", "weights", "output"), keys);
        assertEquals(0.2741, j.get("weights").get(0).get(0).asDouble(), 5e-5);
        assertEquals(0.4519, j.get("weights").get(0).get(2).asDouble(), 5e-5);
        assertEquals(0.7259, j.get("output").get(0).get(1).asDouble(), 5e-5);
    }

    @Test
    void maskedCellsAreNullInJson() throws Exception {
        Result r = run("attend", "--q", H, "--k", H, "--v", H, "--mask", "causal", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("masked").get(0).get(1).isNull());
        assertTrue(j.get("masked").get(1).get(1).isNumber());
        assertEquals(0.0, j.get("weights").get(0).get(1).asDouble(), 0.0);
        assertEquals(1.0, j.get("weights").get(0).get(0).asDouble(), 0.0);
        assertEquals(1.0 / Math.sqrt(2), j.get("scaled").get(2).get(2).asDouble() / 2, 1e-12);
    }

    @Test
    void attendTextIsAnAlignedTable() {
        Result r = run("attend", "--q", "[[1,1]]", "--k", H, "--v", H, "--no-scale", "--mask", "[[1,1,0]]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4. weights = softmax(masked) by row"));
        assertTrue(r.out().contains("q1  0.5000  0.5000  0.0000"), r.out());
        assertTrue(r.out().contains("-inf"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheArgument() {
        assertBad(run("attend", "--q", "[[1,2]]", "--k", "[[1,2,3]]", "--v", "[[1]]"), "K has 3 columns but Q has 2");
        assertBad(run("attend", "--q", "[[1,2],[3]]", "--k", H, "--v", H), "--q: row 2 has 1 numbers but row 1 has 2");
        assertBad(run("attend", "--q", "[[1,\"x\"]]", "--k", H, "--v", H), "--q: row 1, column 2 is the text \"x\"; expected a number");
        assertBad(run("attend", "--q", "[[1,2]", "--k", H, "--v", H), "--q: not valid JSON");
        assertBad(run("attend", "--q", "[[1,2]]", "--k", H, "--v", "[[1]]"), "V has 1 rows but K has 3");
        assertBad(run("attend", "--q", "[[1,2]]", "--k", H, "--v", H, "--mask", "causal"), "--mask causal needs as many queries as keys");
        assertBad(run("attend", "--q", "[[1,2]]", "--k", H, "--v", H, "--mask", "[[1,2,0]]"), "expected 0 (masked) or 1");
        assertBad(run("attend", "--q", "[[1,2]]", "--k", H, "--v", H, "--mask", "diagonal"), "--mask is 'diagonal'");
        assertBad(run("attend", "--q", "[[1,2]]", "--k", H, "--v", H, "--format", "xml"), "--format is 'xml'");
        assertBad(run("attend", "--k", H, "--v", H), "Missing required option: '--q=JSON'");
        assertBad(run("pe", "--positions", "-1", "--dim", "4"), "--positions is -1");
        assertBad(run("pe", "--positions", "x", "--dim", "4"), "'x' is not an int");
        assertBad(run("nosuchcommand"), "Unmatched argument");
    }

    private static void assertBad(Result r, String fragment) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(fragment), "stderr should contain «" + fragment + "» but was «" + r.err() + "»");
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void peJsonAndCsv() throws Exception {
        Result json = run("pe", "--positions", "3", "--dim", "4");
        assertEquals(0, json.code(), json.err());
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals(3, j.size());
        assertEquals(Math.sin(1), j.get(1).get(0).asDouble(), 1e-15);
        assertEquals(Math.cos(2 / 100.0), j.get(2).get(3).asDouble(), 1e-15);
        Result csv = run("pe", "--positions", "2", "--dim", "2", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("position,dim_0,dim_1", lines.get(0));
        assertEquals("0,0.0,1.0", lines.get(1));
    }

    @Test
    void infoNamesTheBackend() throws Exception {
        Result r = run("info", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("CPU", j.get("backend").asText());
        assertEquals("OpenBLAS", j.get("blas").asText());
        assertTrue(j.get("threads").asInt() >= 1);
        Result text = run("info");
        assertTrue(text.out().contains("backend:"), text.out());
    }

    @Test
    void helpAndVersionExitZero() {
        assertEquals(0, run("--help").code());
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("Attention Lab "));
    }
}

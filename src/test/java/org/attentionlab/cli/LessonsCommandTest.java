package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code lessons list} and {@code lessons validate} through {@link Cli#run}, as a teacher runs them. */
class LessonsCommandTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static final String GOOD = """
            id: cross-attention
            order: 4
            title: {zh: 交叉注意力, en: Cross-attention}
            summary: {zh: 解码器的状态当查询。, en: The decoder state is the query.}
            steps:
              - id: weights
                view: qkv
                state: {queries: [[0.5, 0.5]], keys: [[1, 0], [0, 1], [1, 1]], values: [[1, 0], [0, 1], [1, 1]], scaled: false}
                text: {zh: 权重约为 0.452。, en: The weight is about 0.452.}
                checks:
                  - {id: alpha, kind: attention, row: 0, expect: {weights: [[0.274, 0.274, 0.452]]}}
            """;

    static Path lesson(Path root, String folder, String yaml) throws Exception {
        Path f = root.resolve(folder);
        Files.createDirectories(f);
        Files.writeString(f.resolve("lesson.yaml"), yaml);
        return f;
    }

    @Test
    void validateTheRealLessonsExitsZero() {
        Result r = run("lessons", "validate", "lessons");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("\\d+ lessons, \\d+ steps, \\d+ checks: all valid\\R"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validateDefaultsToTheLessonsFolder() {
        assertEquals(0, run("lessons", "validate").code());
    }

    @Test
    void validateListsEveryProblemOnePerLineAndExitsTwo(@TempDir Path root) throws Exception {
        lesson(root, "04-cross-attention", GOOD);
        lesson(root, "05-wrong-number", GOOD.replace("order: 4", "order: 5").replace("id: cross-attention", "id: wrong-number")
                .replace("0.452]]", "0.46]]"));
        lesson(root, "06-typo", GOOD.replace("order: 4", "order: 6").replace("id: cross-attention", "id: typo")
                .replace("view: qkv", "view: heatmapp").replace("title: {zh: 交叉注意力, en: Cross-attention}", "title: {zh: 交叉注意力}"));
        Result r = run("lessons", "validate", root.toString());
        assertEquals(2, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of(
                root.resolve("05-wrong-number/lesson.yaml") + ":11: step 'weights': check 'alpha' (attention): weights (query row 0) column 3"
                        + " is 0.451863 but the lesson says 0.46 (tolerance 0.0005)",
                root.resolve("06-typo/lesson.yaml") + ":3: title: missing field 'en'",
                root.resolve("06-typo/lesson.yaml") + ":7: step 'weights': unknown view 'heatmapp' (known: qkv, multihead, pe, mask, bleu,"
                        + " tokenizer, embedding, text, model, training, cross-attention, decoding)"), lines);
        assertEquals("3 problems in 2 of 3 lessons\n", r.out().replace("\r", ""));
    }

    @Test
    void listAsJson(@TempDir Path root) throws Exception {
        lesson(root, "04-cross-attention", GOOD);
        lesson(root, "06-typo", GOOD.replace("order: 4", "order: 6").replace("view: qkv", "view: heatmapp"));
        Result r = run("lessons", "list", root.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.size());
        JsonNode good = j.get(0);
        assertEquals("cross-attention", good.get("id").asText());
        assertEquals(4, good.get("order").asInt());
        assertEquals("交叉注意力", good.get("title").get("zh").asText());
        assertEquals(1, good.get("steps").asInt());
        assertEquals(1, good.get("checks").asInt());
        assertEquals("qkv", good.get("views").get(0).asText());
        assertTrue(good.get("ok").asBoolean());
        JsonNode broken = j.get(1);
        assertEquals("06-typo", broken.get("folder").asText());
        assertEquals(false, broken.get("ok").asBoolean());
        assertTrue(broken.get("problems").get(0).asText().endsWith("unknown view 'heatmapp' (known: qkv, multihead, pe, mask, bleu, tokenizer, embedding, text, model, training, cross-attention, decoding)"));
    }

    @Test
    void listTheRealLessonsAsText() {
        Result r = run("lessons", "list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" 4  cross-attention"), r.out());
        assertTrue(r.out().contains("交叉注意力"), r.out());
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo(@TempDir Path root) {
        Result r = run("lessons", "validate", root.resolve("nope").toString());
        assertEquals(2, r.code());
        assertEquals("validate: no lessons folder at '" + root.resolve("nope")
                + "' (expected a folder of lesson folders such as 04-cross-attention/lesson.yaml)\n", r.err().replace("\r", ""));
        Result f = run("lessons", "list", "lessons", "--format", "xml");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("--format is 'xml'; expected one of text, json"), f.err());
    }
}

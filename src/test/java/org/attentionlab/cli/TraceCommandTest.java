package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code trace} on the golden checkpoints, compared with the numpy reference; and its errors. */
class TraceCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path golden(String name) {
        try {
            return Path.of(TraceCommandTest.class.getResource("/bert/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode goldenCase(String name, String caseName) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(golden(name).resolve("expected.json")));
        for (JsonNode c : root.get("cases")) {
            if (c.get("name").asText().equals(caseName)) {
                return c;
            }
        }
        throw new IllegalArgumentException(caseName);
    }

    private static void assertMatches(JsonNode actual, JsonNode expected) {
        assertEquals(expected.get("input_ids"), actual.get("input_ids"));
        assertEquals(expected.get("token_type_ids"), actual.get("token_type_ids"));
        assertEquals(expected.get("attention_mask"), actual.get("attention_mask"));
        JsonNode ea = expected.get("attentions");
        assertEquals(ea.size(), actual.get("attentions").size());
        for (int l = 0; l < ea.size(); l++) {
            for (int h = 0; h < ea.get(l).size(); h++) {
                Golden.assertAllClose(Golden.matrix(actual.get("attentions").get(l).get(h)), Golden.matrix(ea.get(l).get(h)),
                        0, 1e-4, "attention " + l + "/" + h);
            }
        }
        JsonNode eh = expected.get("hidden_states");
        assertEquals(eh.size(), actual.get("hidden_states").size());
        for (int l = 0; l < eh.size(); l++) {
            Golden.assertAllClose(Golden.matrix(actual.get("hidden_states").get(l)), Golden.matrix(eh.get(l)), 0, 1e-4,
                    "hidden state " + l);
        }
        Golden.assertAllClose(Golden.matrix(actual.get("last_hidden_state")), Golden.matrix(eh.get(eh.size() - 1)), 0, 1e-4,
                "last hidden state");
    }

    @Test
    void idsWithPaddingMatchTheReference() throws IOException {
        Result r = run("trace", "--model", golden("plain-f32").toString(), "--ids", "2,5,10,11,3,0,0",
                "--attention-mask", "1,1,1,1,1,0,0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "tokens", "input_ids", "token_type_ids", "attention_mask", "truncated", "notice",
                "attentions", "hidden_states", "last_hidden_state", "pooler_output"), keys);
        assertEquals("[\"[CLS]\",\"the\",\"dog\",\"ran\",\"[SEP]\",\"[PAD]\",\"[PAD]\"]", j.get("tokens").toString());
        assertMatches(j, goldenCase("plain-f32", "padded"));
        Golden.assertAllClose(Golden.vector(j.get("pooler_output")), Golden.vector(goldenCase("plain-f32", "padded")
                .get("pooler_output")), 0, 1e-4, "pooler");
    }

    @Test
    void aSentencePairIsTokenizedWithTheFoldersVocabulary() throws IOException {
        Result r = run("trace", "--model", golden("bert-prefix-mlm-f32").toString(), "--text", "The animal didn't cross",
                "--pair", "it was tired");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[\"[CLS]\",\"the\",\"animal\",\"didn\",\"'\",\"t\",\"cross\",\"[SEP]\",\"it\",\"was\",\"tired\",\"[SEP]\"]",
                j.get("tokens").toString());
        assertMatches(j, goldenCase("bert-prefix-mlm-f32", "pair"));
        assertFalse(j.get("truncated").asBoolean());
    }

    @Test
    void textLongerThanTheModelIsTruncatedWithANotice() throws IOException {
        Result r = run("trace", "--model", golden("legacy-gamma-beta-f64").toString(), "--text",
                "the cat sat on the mat and the dog sat on the mat too");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("truncated").asBoolean());
        assertEquals("input has 16 tokens; truncated to 12 (max_position_embeddings), keeping [SEP]", j.get("notice").asText());
        assertEquals(12, j.get("input_ids").size());
        assertEquals("[SEP]", j.get("tokens").get(11).asText());
        assertEquals(12, j.get("attentions").get(0).get(0).size());

        Result ids = run("trace", "--model", golden("legacy-gamma-beta-f64").toString(), "--ids", "2,5,6,7,8,5,9,33,5,10,7,8,5,9,3");
        assertEquals(0, ids.code(), ids.err());
        JsonNode k = new ObjectMapper().readTree(ids.out());
        assertEquals("input has 15 tokens; only the first 12 were used (max_position_embeddings is 12)", k.get("notice").asText());
        assertEquals(12, k.get("tokens").size());
    }

    private static void assertBad(Result r, String fragment) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(fragment), "stderr should contain «" + fragment + "» but was «" + r.err() + "»");
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        String m = golden("plain-f32").toString();
        assertBad(run("trace", "--model", m), "give either --text or --ids (exactly one)");
        assertBad(run("trace", "--model", m, "--ids", "1,2", "--text", "hi"), "give either --text or --ids");
        assertBad(run("trace", "--model", m, "--ids", "2,x,3"), "--ids: entry 2 is 'x'; expected a whole number");
        assertBad(run("trace", "--model", m, "--ids", "2,99"), "input_ids[1] is 99; expected 0 to 39 (vocab_size is 40)");
        assertBad(run("trace", "--model", m, "--ids", "2,3", "--token-type-ids", "0"), "--token-type-ids has 1 entries but --ids has 2");
        assertBad(run("trace", "--model", m, "--ids", "2,3", "--attention-mask", "0,0"), "attention_mask is all 0");
        assertBad(run("trace", "--model", m, "--ids", "2,3", "--format", "csv"), "--format is 'csv'; expected one of json");
        assertBad(run("trace", "--model", m, "--ids", "2,3", "--pair", "x"), "--pair needs --text");
        assertBad(run("trace", "--model", dir.resolve("missing").toString(), "--ids", "2"), "no such folder");

        Path hostile = Files.createDirectories(dir.resolve("hostile"));
        Files.copy(golden("plain-f32").resolve("config.json"), hostile.resolve("config.json"));
        Files.write(hostile.resolve("model.safetensors"), new byte[] {(byte) 0xff, -1, -1, -1, -1, -1, -1, 0x7f, '{', '}'});
        assertBad(run("trace", "--model", hostile.toString(), "--ids", "2"),
                "model.safetensors: header length is 9223372036854775807 bytes; expected at most 104857600");

        Path noVocab = Files.createDirectories(dir.resolve("novocab"));
        Files.copy(golden("plain-f32").resolve("config.json"), noVocab.resolve("config.json"));
        Files.copy(golden("plain-f32").resolve("model.safetensors"), noVocab.resolve("model.safetensors"));
        assertBad(run("trace", "--model", noVocab.toString(), "--text", "the cat"), "--text needs a vocabulary");
        Result ok = run("trace", "--model", noVocab.toString(), "--ids", "2,3");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(new ObjectMapper().readTree(ok.out()).get("tokens").isNull());
    }
}

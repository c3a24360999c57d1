package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code bench}: the JSON shape the issue asks for, on the two quickest cases; bad arguments. */
class BenchCommandTest {

    @Test
    void jsonHasTheAgreedShape() throws Exception {
        CliTest.Result r = CliTest.run("bench", "--smoke", "--cases", "tokenizer,bleu-corpus", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String key : List.of("backend", "threads", "peak_gflops", "cases")) {
            assertTrue(j.has(key), "has " + key);
        }
        assertEquals("CPU", j.get("backend").asText());
        assertTrue(j.get("peak_gflops").asDouble() > 0, "sgemm rate measured");
        assertTrue(j.get("threads").asInt() >= 1);
        List<String> cases = new ArrayList<>();
        for (JsonNode c : j.get("cases")) {
            cases.add(c.get("case").asText());
            for (String key : List.of("case", "tokens", "impl", "ms")) {
                assertTrue(c.has(key), c + " has " + key);
            }
            assertEquals("attention-lab", c.get("impl").asText());
            assertTrue(c.get("ms").asDouble() > 0, c.toString());
        }
        assertEquals(List.of("tokenizer", "bleu-corpus"), cases);
        assertTrue(j.get("cases").get(0).get("lines_per_s").asDouble() > 0);
        assertTrue(j.get("cases").get(1).get("segments_per_s").asDouble() > 0);
        assertTrue(j.get("onnxruntime").asText().startsWith("unavailable") || j.get("onnxruntime").asText().startsWith("ONNX Runtime"));
    }

    @Test
    void unknownCaseIsBadInput() {
        CliTest.Result r = CliTest.run("bench", "--cases", "mha,warp-drive");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--cases: unknown case 'warp-drive'"), r.err());
        CliTest.Result f = CliTest.run("bench", "--save-json", "/no/such/folder/bench.json");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("--save-json /no/such/folder/bench.json: expected a file in an existing folder"), f.err());
        CliTest.Result t = CliTest.run("bench", "--tokens", "0");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--tokens: 0 is out of range"), t.err());
    }
}

package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.attentionlab.bleu.BleuSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code bleu} command through {@link Cli#run}: exit codes, output formats, and one-line
 * error messages. Expected scores are sacreBLEU 2.6.0's published values (its test_corpus_bleu
 * case: 48.53 with 13a and exp) and the lecture's example (23.17).
 */
class BleuCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private Path sacreHyp() throws IOException {
        return file("hyp.txt", "The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
    }

    private Path sacreRef1() throws IOException {
        return file("ref1.txt", "The dog bit the man.", "It was not unexpected.", "The man bit him first.");
    }

    private Path sacreRef2() throws IOException {
        return file("ref2.txt", "The dog had bit the man.", "No one was surprised.", "The man had bitten the dog.");
    }

    @Test
    void corpusTextOutputIsSacreBleusLine() throws IOException {
        Run r = run("bleu", sacreRef1().toString(), sacreRef2().toString(), "-i", sacreHyp().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:" + BleuSignature.ourVersion()
                + " = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", r.out().trim());
        assertEquals("", r.err());
    }

    @Test
    void jsonHasTheDocumentedKeys() throws IOException {
        Run r = run("bleu", sacreRef1().toString(), sacreRef2().toString(), "-i", sacreHyp().toString(), "-f", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String key : List.of("name", "score", "signature", "verbose_score", "counts", "totals", "precisions", "bp", "sys_len", "ref_len")) {
            assertTrue(j.has(key), "missing key " + key + " in " + r.out());
        }
        assertEquals("BLEU", j.get("name").asText());
        assertEquals(48.53, j.get("score").asDouble(), 0.0);
        assertEquals("[14,7,5,3]", j.get("counts").toString());
        assertEquals("[17,14,11,8]", j.get("totals").toString());
        assertEquals(17, j.get("sys_len").asInt());
        assertEquals(18, j.get("ref_len").asInt());
        assertEquals("82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", j.get("verbose_score").asText());
    }

    @Test
    void sentenceLevelJsonIsOneObjectPerLineWithEffectiveOrder() throws IOException {
        Path hyp = file("h.txt", "男孩 踢 足球", "男孩 踢 足球");
        Path ref = file("r.txt", "一个 小 男孩 在 踢 足球", "一个 小 男孩 在 踢 足球");
        Run r = run("bleu", ref.toString(), "-i", hyp.toString(), "--sentence-level", "-f", "json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length);
        for (String line : lines) {
            JsonNode j = new ObjectMapper().readTree(line);
            assertEquals(23.17, j.get("score").asDouble(), 0.0);
            assertTrue(j.get("signature").asText().contains("eff:yes"));
        }
        Run addK = run("bleu", ref.toString(), "-i", hyp.toString(), "-sl", "-s", "add-k");
        assertTrue(addK.out().startsWith("BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:add-k[1.00]|version:"), addK.out());
        assertTrue(addK.out().contains(" = 27.95 "), addK.out());
    }

    @Test
    void zhTokenizerAndCharacterCounts() throws IOException {
        Path hyp = file("h.txt", "男孩踢足球");
        Path ref = file("r.txt", "一个小男孩在踢足球");
        Run r = run("bleu", ref.toString(), "-i", hyp.toString(), "-tok", "zh", "-s", "none", "-f", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(5, j.get("sys_len").asInt());
        assertEquals(9, j.get("ref_len").asInt());
        assertEquals("[5,3,1,0]", j.get("counts").toString());
        assertEquals(0.0, j.get("score").asDouble(), 0.0);
    }

    @Test
    void nltkModeUsesNltkSemantics() throws IOException {
        Path hyp = file("h.txt", "It is a guide to action which ensures that the military always obeys the commands of the party");
        Path ref = file("r.txt", "It is a guide to action that ensures that the military will forever heed Party commands");
        Run r = run("bleu", ref.toString(), "-i", hyp.toString(), "--nltk-smoothing", "method2", "-f", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        // NLTK's published doctest value for method2 on this pair (see the published cases).
        assertEquals(0.4452945001507636, j.get("score").asDouble(), 1e-12);
        assertEquals("BLEU-NLTK", j.get("name").asText());
    }

    @Test
    void lineCountMismatchIsExitTwoWithOneLine() throws IOException {
        Path hyp = file("h.txt", "a b c", "d e f");
        Path ref = file("r.txt", "a b c");
        Run r = run("bleu", ref.toString(), "-i", hyp.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertEquals(1, r.err().trim().split("\n").length, r.err());
        assertTrue(r.err().contains("r.txt has 1 lines but HYP_FILE"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFileIsExitTwo() throws IOException {
        Run r = run("bleu", dir.resolve("nope.txt").toString(), "-i", sacreHyp().toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("nope.txt: no such file"), r.err());
        assertEquals(1, r.err().trim().split("\n").length);
    }

    @Test
    void invalidUtf8NamesFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', 'f', 'i', 'n', 'e', '\n', 'b', 'a', (byte) 0xFF, 'd', '\n'});
        Path hyp = file("h.txt", "ok", "fine", "bad");
        Run r = run("bleu", bad.toString(), "-i", hyp.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("bad.txt: line 3 is not valid UTF-8"), r.err());
        assertTrue(r.err().contains("0xFF"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badOptionValuesAreExitTwo() throws IOException {
        String ref = sacreRef1().toString();
        String hyp = sacreHyp().toString();
        assertEquals(Cli.BAD_INPUT, run("bleu", ref, "-i", hyp, "-tok", "moses").code());
        assertEquals(Cli.BAD_INPUT, run("bleu", ref, "-i", hyp, "-s", "laplace").code());
        assertEquals(Cli.BAD_INPUT, run("bleu", ref, "-i", hyp, "-s", "exp", "-sv", "0.5").code());
        assertEquals(Cli.BAD_INPUT, run("bleu", ref, "-i", hyp, "--max-ngram-order", "0").code());
        assertEquals(Cli.BAD_INPUT, run("bleu", ref, "-i", hyp, "-f", "xml").code());
        assertEquals(Cli.BAD_INPUT, run("bleu", ref, "-i", hyp, "--nltk-smoothing", "method9").code());
        assertEquals(Cli.BAD_INPUT, run("bleu", ref).code(), "missing -i");
        Run r = run("bleu", ref, "-i", hyp, "-tok", "moses");
        assertTrue(r.err().contains("moses"), r.err());
    }

    @Test
    void floorValueAppearsInTheSignature() throws IOException {
        Run r = run("bleu", sacreRef1().toString(), "-i", sacreHyp().toString(), "-s", "floor", "-sv", "0.01", "-lc", "-tok", "intl");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BLEU|nrefs:1|case:lc|eff:no|tok:intl|smooth:floor[0.01]|version:"), r.out());
    }
}

package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.io.SafetensorsFile;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code train}, {@code translate} and {@code evaluate} as a user runs them: output, files, exit codes, errors. */
class TrainCommandsTest {

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

    static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                lines.add(new ObjectMapper().readTree(l));
            }
        }
        return lines;
    }

    @Test
    void trainSimpleAttentionPrintsTheReferenceLossCurveAsJsonLines() throws IOException {
        Result r = run("train", "simple-attention", "--format", "json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = jsonLines(r.out());
        assertEquals(20, lines.size());
        double[] golden = Golden.vector(Golden.cases("simple_attention.json").get(0).get("losses"));
        for (int i = 0; i < 20; i++) {
            JsonNode l = lines.get(i);
            assertEquals(i + 1, l.get("step").asInt());
            assertEquals(golden[i], l.get("loss").asDouble(), 1e-9 * golden[i]);
            assertEquals(0.01, l.get("lr").asDouble(), 0.0);
        }
        assertEquals(r.out(), run("train", "simple-attention", "--format", "json").out(), "same seed, same curve to the last digit");
        assertTrue(!r.out().equals(run("train", "simple-attention", "--seed", "7", "--format", "json").out()));
    }

    @Test
    void trainSimpleAttentionAsTextWritesItsModel() throws IOException {
        Path out = dir.resolve("sa");
        Result r = run("train", "simple-attention", "--steps", "3", "--lr", "0.05", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("step 1/3  loss 1.786190  lr 0.05  grad_norm "), lines[0]);
        assertEquals("train: wrote the model to " + out + "\n", r.err());
        JsonNode cfg = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(3, cfg.get("losses").size());
        assertEquals(0.05, cfg.get("learning_rate").asDouble(), 0.0);
        try (SafetensorsFile st = SafetensorsFile.open(out.resolve("simple-attention.safetensors"))) {
            assertEquals(List.of(3L, 4L), java.util.Arrays.stream(st.tensor("W_Q.weight").orElseThrow().shape()).boxed().toList());
            assertEquals(8, st.tensors().size());
        }
    }

    @Test
    void trainCopyWritesAModelThatTranslateReads() {
        Path out = dir.resolve("copy");
        Result r = run("train", "copy", "--steps", "4", "--log-every", "2", "--format", "json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().split("\n").length, "steps 2 and 4");
        Result t = run("translate", "--model", out.toString(), "--text", "3 1 4");
        assertEquals(0, t.code(), t.err());
        assertEquals(1, t.out().split("\n").length);
    }

    @Test
    void translateGivesTheReferencesOfHeldOutSentences() throws IOException {
        ParallelCorpus test = ParallelCorpus.load(Path.of(ParallelCorpus.SHIPPED_PATH), "test");
        Result one = run("translate", "--text", test.source().get(0));
        assertEquals(0, one.code(), one.err());
        assertEquals(test.target().get(0) + "\n", one.out());
        Path in = dir.resolve("in.en");
        Files.writeString(in, String.join("\n", test.source().subList(1, 6)) + "\n");
        Result many = run("translate", "-i", in.toString());
        assertEquals(0, many.code(), many.err());
        assertEquals(String.join("\n", test.target().subList(1, 6)) + "\n", many.out());
        assertEquals("", many.err());
    }

    @Test
    void translateNotesUnknownWordsAndRejectsBadInput() throws IOException {
        Result unk = run("translate", "--text", "the zebra visits the european economic area");
        assertEquals(0, unk.code());
        assertEquals("translate: not in the model's vocabulary, read as <unk>: zebra\n", unk.err());
        Path withBlank = dir.resolve("blank.en");
        Files.writeString(withBlank, "the dog is green\n\nthe house is green\n");
        Result blank = run("translate", "-i", withBlank.toString());
        assertEquals("le chien est vert\n\nla maison est verte\n", blank.out(), "an empty line stays empty");
        Result empty = run("translate", "--text", "  ");
        assertEquals(2, empty.code());
        assertEquals("translate: --text is empty; give the sentence to translate\n", empty.err());
        Result neither = run("translate");
        assertEquals(2, neither.code());
        assertEquals("translate: give either --text or -i FILE (exactly one)\n", neither.err());
        Result missing = run("translate", "--model", dir.resolve("nope").toString(), "--text", "a cat");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("translate: --model " + dir.resolve("nope")), missing.err());
        Path longFile = dir.resolve("long.en");
        Files.writeString(longFile, "a cat\n" + "the cat ".repeat(13) + "\n");
        Result tooLong = run("translate", "-i", longFile.toString());
        assertEquals(2, tooLong.code());
        assertEquals("translate: -i " + longFile + ": line 2 has 26 words but the model reads at most 23\n", tooLong.err());
    }

    @Test
    void evaluatePrintsSacreBleuWithItsSignature() throws IOException {
        ParallelCorpus test = ParallelCorpus.load(Path.of(ParallelCorpus.SHIPPED_PATH), "test");
        Path small = dir.resolve("small");
        Files.createDirectories(small);
        Files.writeString(small.resolve("test.en"), String.join("\n", test.source().subList(0, 8)) + "\n");
        Files.writeString(small.resolve("test.fr"), String.join("\n", test.target().subList(0, 8)) + "\n");
        Result text = run("evaluate", "--test", small.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:"), text.out());
        assertTrue(text.out().contains(" = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 "), text.out());
        assertTrue(text.out().endsWith("8 of 8 sentences exactly right\n"), text.out());
        Result json = run("evaluate", "--test", small.toString(), "--format", "json");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals(100.0, j.get("score").asDouble(), 0.0);
        assertEquals(8, j.get("exact").asInt());
        assertTrue(j.get("signature").asText().startsWith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:"));
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        Result bad = run("train", "gpt");
        assertEquals(2, bad.code());
        assertEquals("train: EXPERIMENT is 'gpt'; expected one of simple-attention, copy, reverse, translator\n", bad.err());
        Result steps = run("train", "copy", "--steps", "0");
        assertEquals(2, steps.code());
        assertEquals("train: --steps is 0; expected a positive whole number\n", steps.err());
        Result corpus = run("train", "copy", "--corpus", "x");
        assertEquals("train: --corpus only applies to the translator experiment\n", corpus.err());
        Result noCorpus = run("train", "translator", "--corpus", dir.toString());
        assertEquals(2, noCorpus.code());
        assertTrue(noCorpus.err().startsWith("train: --corpus " + dir + ": "), noCorpus.err());
        Result format = run("evaluate", "--format", "xml");
        assertEquals(2, format.code());
        assertEquals("evaluate: --format is 'xml'; expected one of text, json\n", format.err());
    }
}

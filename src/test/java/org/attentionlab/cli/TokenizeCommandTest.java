package org.attentionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@code tokenize} command through {@link Cli#run}, as a user would call it. */
class TokenizeCommandTest {

    private static final String VOCAB = "assets/vocab/attention-lab-vocab.txt";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonNode json(Result r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<Integer> ints(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asInt).toList();
    }

    @Test
    void jsonHasTheNotebooksKeys() throws IOException {
        JsonNode root = json(run("tokenize", "--vocab", VOCAB, "--text", "我爱你。I love you!", "--format", "json"));
        assertEquals(List.of("tokens", "input_ids", "token_type_ids", "attention_mask", "decoded"),
                java.util.stream.StreamSupport.stream(((Iterable<String>) root::fieldNames).spliterator(), false).toList());
        assertEquals(List.of("[CLS]", "我", "爱", "你", "。", "i", "love", "you", "!", "[SEP]"), strings(root.get("tokens")));
        assertEquals(101, root.get("input_ids").get(0).asInt());
        assertEquals(102, root.get("input_ids").get(9).asInt());
        assertEquals("我 爱 你 。 i love you!", root.get("decoded").asText());
    }

    @Test
    void pairWithMaxLengthTruncatesAndPads() throws IOException {
        JsonNode root = json(run("tokenize", "--text", "this movie is great", "--pair", "i like it",
                "--max-length", "8", "--format", "json"));
        // 4 + 3 words, budget 8 - 3 = 5: both must be cut, so they share it and the longer (first)
        // sentence keeps the odd token: 3 + 2.
        assertEquals(List.of("[CLS]", "this", "movie", "is", "[SEP]", "i", "like", "[SEP]"), strings(root.get("tokens")));
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1), ints(root.get("token_type_ids")));
        JsonNode padded = json(run("tokenize", "--text", "猫", "--pair", "狗", "--max-length", "7", "--format", "json"));
        assertEquals(List.of("[CLS]", "猫", "[SEP]", "狗", "[SEP]", "[PAD]", "[PAD]"), strings(padded.get("tokens")));
        assertEquals(List.of(1, 1, 1, 1, 1, 0, 0), ints(padded.get("attention_mask")));
        assertEquals(List.of(0, 0, 0, 1, 1, 0, 0), ints(padded.get("token_type_ids")));
        assertEquals(0, padded.get("input_ids").get(6).asInt());
    }

    @Test
    void casedKeepsCapitalsAndAccents() throws IOException {
        assertEquals(List.of("[CLS]", "je", "suis", "etudiant", "[SEP]"),
                strings(json(run("tokenize", "--text", "Je suis étudiant", "--format", "json")).get("tokens")));
        assertEquals(List.of("[CLS]", "[UNK]", "suis", "[UNK]", "[SEP]"),
                strings(json(run("tokenize", "--text", "Je suis étudiant", "--cased", "--format", "json")).get("tokens")));
    }

    @Test
    void textTableIsAligned() {
        Result r = run("tokenize", "--text", "猫 cat", "--max-length", "5");
        assertEquals(0, r.code(), r.err());
        assertEquals(String.join("\n",
                "#  token  id    type  mask",
                "0  [CLS]  101   0     1",
                "1  猫     793   0     1",
                "2  cat    1159  0     1",
                "3  [SEP]  102   0     1",
                "4  [PAD]  0     0     0",
                "",
                "decoded: 猫 cat",
                ""), r.out().replace("\r\n", "\n"));
    }

    @Test
    void defaultFormatIsTheTableAndMentionsTruncation() {
        Result r = run("tokenize", "--text", "猫狗爱跑", "--max-length", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("truncated: 2 token(s) cut to fit max_length 4"), r.out());
    }

    @Test
    void missingVocabularyIsBadInput() {
        Path missing = dir.resolve("nope.txt");
        Result r = run("tokenize", "--vocab", missing.toString(), "--text", "hi");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertEquals("tokenize: --vocab " + missing + ": no such file\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out());
    }

    @Test
    void emptyVocabularyIsBadInput() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        Result r = run("tokenize", "--vocab", empty.toString(), "--text", "hi");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("tokenize: " + empty + ": the vocabulary file is empty"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void vocabularyWithoutUnkIsBadInput() throws IOException {
        Path noUnk = Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[CLS]\n[SEP]\nhi\n");
        Result r = run("tokenize", "--vocab", noUnk.toString(), "--text", "hi");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("tokenize: " + noUnk + ": the vocabulary has no [UNK] token"), r.err());
    }

    @Test
    void invalidUtf8VocabularyNamesTheLine() throws IOException {
        Path bad = dir.resolve("latin1.txt");
        Files.write(bad, "[UNK]\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Result r = run("tokenize", "--vocab", bad.toString(), "--text", "hi");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("tokenize: " + bad + " line 2: invalid UTF-8"), r.err());
    }

    @Test
    void folderAsVocabularyIsBadInput() {
        Result r = run("tokenize", "--vocab", dir.toString(), "--text", "hi");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("is a folder"), r.err());
    }

    @Test
    void tooSmallMaxLengthIsBadInput() {
        Result r = run("tokenize", "--text", "a", "--pair", "b", "--max-length", "2");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("tokenize: --max-length: max_length 2 is too small"), r.err());
    }

    @Test
    void missingTextIsAUsageError() {
        Result r = run("tokenize", "--vocab", VOCAB);
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--text"), r.err());
    }

    @Test
    void shippedVocabularyIsFoundFromTheRepositoryRoot() {
        assertEquals(Path.of("").toAbsolutePath().resolve(VOCAB), TokenizeCommand.locateShippedVocabulary());
    }

    @Test
    void displayWidthCountsChineseAsTwoColumns() {
        assertEquals(2, TokenizeCommand.displayWidth("猫"));
        assertEquals(2, TokenizeCommand.displayWidth("，"));
        assertEquals(5, TokenizeCommand.displayWidth("[CLS]"));
        assertEquals(1, TokenizeCommand.displayWidth("e\u0301"));
    }
}

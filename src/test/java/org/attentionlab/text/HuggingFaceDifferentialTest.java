package org.attentionlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * Our {@link BertTokenizer} against Hugging Face's tokenizers library (the Rust code behind
 * {@code BertTokenizerFast}, loaded through DJL's JNI binding, offline), both given the shipped
 * vocabulary: {@code src/test/resources/text/tokenizer-{uncased,cased}.json} describe it with
 * BertNormalizer + BertPreTokenizer + WordPiece + a [CLS]/[SEP] TemplateProcessing, written by
 * {@code tools/vocab/build_vocab.py}.
 *
 * <p>Every corpus line is encoded alone and paired with another line, without and with
 * truncation + padding to several {@code max_length}s, in both cased and uncased mode; tokens,
 * input_ids, token_type_ids and attention_mask must be identical, and decoding the ids (without
 * the clean-up, which the Rust decoder does differently; see {@link BertTokenizer}) must give the
 * same text.
 */
class HuggingFaceDifferentialTest {

    private static final int[] SINGLE_MAX_LENGTHS = {2, 3, 5, 8, 16, 64};
    private static final int[] PAIR_MAX_LENGTHS = {3, 4, 7, 12, 20, 64};

    private static final Map<String, HuggingFaceTokenizer> HF = new HashMap<>();
    private static Vocabulary vocabulary;
    private static List<Corpus.Line> corpus;
    private static List<Setup> setups;

    /** A vocabulary and the directory holding its tokenizer-{uncased,cased}.json. */
    private record Setup(String name, Vocabulary vocabulary, Path jsonDir) {
        Path json(boolean lowerCase) {
            return jsonDir.resolve(lowerCase ? "tokenizer-uncased.json" : "tokenizer-cased.json");
        }
    }

    @BeforeAll
    static void load() throws IOException {
        vocabulary = Corpus.shippedVocabulary();
        corpus = Corpus.lines();
        setups = List.of(new Setup("shipped vocabulary", vocabulary, Corpus.RESOURCES), probeSetup());
    }

    /**
     * The shipped vocabulary turns most exotic words into [UNK] on both sides, which would hide
     * a difference in normalisation. The probe vocabulary holds every code point of the corpus
     * (also after NFD and lower-casing, computed with the JDK, not with the code under test),
     * each as a word start and as a ## piece, so every word is spelled out one character at a
     * time and the tokens show exactly what each normaliser produced.
     */
    private static Setup probeSetup() throws IOException {
        java.util.TreeSet<Integer> cps = new java.util.TreeSet<>();
        for (Corpus.Line line : corpus) {
            String t = line.text();
            String nfd = java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFD);
            for (String v : List.of(t, nfd, t.toLowerCase(java.util.Locale.ROOT), nfd.toLowerCase(java.util.Locale.ROOT))) {
                v.codePoints().forEach(cps::add);
            }
        }
        List<String> tokens = new ArrayList<>(List.of(BertTokenizer.PAD, BertTokenizer.UNK, BertTokenizer.CLS,
                BertTokenizer.SEP, BertTokenizer.MASK));
        java.util.Set<String> seen = new java.util.HashSet<>(tokens);
        for (int cp : cps) {
            for (String tok : List.of(Character.toString(cp), "##" + Character.toString(cp))) {
                if (seen.add(tok)) {
                    tokens.add(tok);
                }
            }
        }
        Path dir = Path.of("target", "tokenizer-probe");
        Files.createDirectories(dir);
        Vocabulary probe = Vocabulary.of("probe vocabulary", tokens);
        ObjectMapper mapper = new ObjectMapper();
        for (boolean lower : new boolean[] {true, false}) {
            Path template = Corpus.RESOURCES.resolve(lower ? "tokenizer-uncased.json" : "tokenizer-cased.json");
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(Files.readString(template, StandardCharsets.UTF_8));
            com.fasterxml.jackson.databind.node.ObjectNode vocab = mapper.createObjectNode();
            for (int id = 0; id < tokens.size(); id++) {
                vocab.put(tokens.get(id), id);
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("model")).set("vocab", vocab);
            for (JsonNode added : root.get("added_tokens")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) added).put("id", tokens.indexOf(added.get("content").asText()));
            }
            for (JsonNode special : root.get("post_processor").get("special_tokens")) {
                com.fasterxml.jackson.databind.node.ArrayNode ids = mapper.createArrayNode();
                ids.add(tokens.indexOf(special.get("id").asText()));
                ((com.fasterxml.jackson.databind.node.ObjectNode) special).set("ids", ids);
            }
            Files.writeString(dir.resolve(template.getFileName()), mapper.writeValueAsString(root), StandardCharsets.UTF_8);
        }
        return new Setup("probe vocabulary", probe, dir);
    }

    @AfterAll
    static void close() {
        HF.values().forEach(HuggingFaceTokenizer::close);
        HF.clear();
    }

    /** A Hugging Face tokenizer for the setup, casing and max_length (-1: no truncation, no padding). */
    private static synchronized HuggingFaceTokenizer hf(Setup setup, boolean lowerCase, int maxLength) {
        return HF.computeIfAbsent(setup.name() + "/" + lowerCase + "/" + maxLength, k -> {
            Map<String, String> options = new HashMap<>();
            if (maxLength < 0) {
                options.put("truncation", "false");
                options.put("padding", "false");
            } else {
                options.put("truncation", "longest_first");
                options.put("padding", "max_length");
                options.put("maxLength", Integer.toString(maxLength));
            }
            try {
                return HuggingFaceTokenizer.newInstance(setup.json(lowerCase), options);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static Path json(boolean lowerCase) {
        return setups.get(0).json(lowerCase);
    }

    @Test
    void corpusIsBigAndVaried() {
        assertTrue(corpus.size() >= 200, "corpus has " + corpus.size() + " lines, want >= 200");
        assertTrue(corpus.stream().anyMatch(l -> l.text().codePoints().anyMatch(BasicTokenizer::isCjk)), "Chinese");
        assertTrue(corpus.stream().anyMatch(l -> l.text().codePoints().anyMatch(cp -> cp > 0xFFFF)), "emoji");
        assertTrue(corpus.stream().anyMatch(l -> l.text().codePoints().anyMatch(cp -> cp < 32 && cp != '\t')), "control");
        assertTrue(corpus.stream().anyMatch(l -> l.text().codePoints().anyMatch(cp -> Character.getType(cp) == Character.NON_SPACING_MARK)), "combining");
    }

    @Test
    void tokenizerJsonDescribesTheShippedVocabulary() throws IOException {
        for (boolean lower : new boolean[] {true, false}) {
            JsonNode root = new ObjectMapper().readTree(Files.readString(json(lower), StandardCharsets.UTF_8));
            JsonNode vocab = root.path("model").path("vocab");
            assertEquals(vocabulary.size(), vocab.size(), json(lower) + " vocab size; rerun tools/vocab/build_vocab.py");
            for (int id = 0; id < vocabulary.size(); id++) {
                assertEquals(id, vocab.path(vocabulary.token(id)).asInt(-1), json(lower) + ": id of " + vocabulary.token(id));
            }
            assertEquals(lower, root.path("normalizer").path("lowercase").asBoolean());
        }
    }

    @TestFactory
    Stream<DynamicNode> singleSentences() {
        return setups.stream().map(setup -> DynamicContainer.dynamicContainer(setup.name(), singleSentences(setup)));
    }

    private Stream<DynamicNode> singleSentences(Setup setup) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (boolean lower : new boolean[] {true, false}) {
            BertTokenizer ours = new BertTokenizer(setup.vocabulary(), lower);
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(container("no truncation", corpus.stream().map(line -> DynamicTest.dynamicTest(line.toString(), () -> {
                ai.djl.huggingface.tokenizers.Encoding theirs = hf(setup, lower, -1).encode(line.text());
                Encoding mine = ours.encode(line.text());
                assertSame(theirs, mine, line.toString());
                assertDecodeSame(hf(setup, lower, -1), ours, mine, line.toString());
            }))));
            for (int max : SINGLE_MAX_LENGTHS) {
                cases.add(container("max_length " + max, corpus.stream().map(line -> DynamicTest.dynamicTest(line.toString(), () ->
                        assertSame(hf(setup, lower, max).encode(line.text()), ours.encode(line.text(), max), line + " max_length " + max)))));
            }
            nodes.add(DynamicContainer.dynamicContainer(lower ? "uncased" : "cased", cases));
        }
        return nodes.stream();
    }

    @TestFactory
    Stream<DynamicNode> sentencePairs() {
        return setups.stream().map(setup -> DynamicContainer.dynamicContainer(setup.name(), sentencePairs(setup)));
    }

    private Stream<DynamicNode> sentencePairs(Setup setup) {
        List<DynamicNode> nodes = new ArrayList<>();
        int n = corpus.size();
        for (boolean lower : new boolean[] {true, false}) {
            BertTokenizer ours = new BertTokenizer(setup.vocabulary(), lower);
            List<DynamicNode> cases = new ArrayList<>();
            for (int max : concat(-1, PAIR_MAX_LENGTHS)) {
                List<DynamicTest> tests = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Corpus.Line a = corpus.get(i);
                    Corpus.Line b = corpus.get((i * 7 + 3) % n);
                    String label = a + " + " + b;
                    tests.add(DynamicTest.dynamicTest(label, () -> {
                        ai.djl.huggingface.tokenizers.Encoding theirs = hf(setup, lower, max).encode(a.text(), b.text());
                        Encoding mine = max < 0 ? ours.encode(a.text(), b.text()) : ours.encode(a.text(), b.text(), max);
                        assertSame(theirs, mine, label + " max_length " + max);
                        assertDecodeSame(hf(setup, lower, max), ours, mine, label);
                    }));
                }
                cases.add(container(max < 0 ? "no truncation" : "max_length " + max, tests.stream()));
            }
            nodes.add(DynamicContainer.dynamicContainer(lower ? "uncased" : "cased", cases));
        }
        return nodes.stream();
    }

    /**
     * Every split of a pair budget, including the ties where Hugging Face's Rust library and
     * Python's BertTokenizer disagree (two sequences of equal length, odd budget).
     */
    @TestFactory
    Stream<DynamicTest> pairTruncationSplits() {
        BertTokenizer ours = new BertTokenizer(vocabulary, true);
        List<DynamicTest> tests = new ArrayList<>();
        String letters = "abcdefghijklmnopqrstuvwxyz";
        for (int lenA = 0; lenA <= 9; lenA++) {
            for (int lenB = 0; lenB <= 9; lenB++) {
                String a = String.join(" ", letters.substring(0, lenA).split(""));
                String b = String.join(" ", letters.substring(10, 10 + lenB).split(""));
                for (int max = 3; max <= 21; max++) {
                    int m = max;
                    tests.add(DynamicTest.dynamicTest(lenA + "+" + lenB + " tokens, max_length " + m, () ->
                            assertSame(hf(setups.get(0), true, m).encode(a, b), ours.encode(a, b, m), "'" + a + "' + '" + b + "' max_length " + m)));
                }
            }
        }
        return tests.stream();
    }

    private static DynamicContainer container(String name, Stream<DynamicTest> tests) {
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static int[] concat(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void assertSame(ai.djl.huggingface.tokenizers.Encoding theirs, Encoding mine, String what) {
        assertEquals(Arrays.asList(theirs.getTokens()), mine.tokens(), what + ": tokens");
        assertEquals(toList(theirs.getIds()), mine.inputIds(), what + ": input_ids");
        assertEquals(toList(theirs.getTypeIds()), mine.tokenTypeIds(), what + ": token_type_ids");
        assertEquals(toList(theirs.getAttentionMask()), mine.attentionMask(), what + ": attention_mask");
    }

    private static void assertDecodeSame(HuggingFaceTokenizer hf, BertTokenizer ours, Encoding mine, String what) {
        long[] ids = mine.inputIds().stream().mapToLong(Integer::longValue).toArray();
        assertEquals(hf.decode(ids, true), ours.decode(mine.inputIds(), true, false), what + ": decode skipping special tokens");
        assertEquals(hf.decode(ids, false), ours.decode(mine.inputIds(), false, false), what + ": decode keeping special tokens");
    }

    private static List<Integer> toList(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).boxed().toList();
    }
}

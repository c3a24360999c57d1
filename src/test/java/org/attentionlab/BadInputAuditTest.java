package org.attentionlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.attentionlab.cli.Cli;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.LessonLoader;
import org.attentionlab.lesson.LessonProblem;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.widgets.NumberText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit of every way in (issue 10): for each source and each bad case, what the app or the
 * command answers. Every case checks that the answer names the source (file, line, field,
 * option, cell) and what was expected, that the command line exits 2 with one stderr line and no
 * stack trace, and that the view keeps its previous good state with no NaN or ∞ in any heatmap.
 * The answers are also written to {@code target/robustness-audit.md}, one table row per case.
 */
class BadInputAuditTest {

    private static final Nd4jEngineService ENGINE = new Nd4jEngineService();
    private static final I18n EN = new I18n(Locale.ENGLISH);
    private static final List<String> TABLE = new ArrayList<>();
    private static Path dir;
    private static Path bert;

    /** What came back: how it ended and the message the user sees. */
    record Answer(String kind, String message) {
        @Override
        public String toString() {
            return kind + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /** One case: the way in, what is wrong with it, how to run it, and what the answer must say. */
    record Case(String source, String name, Supplier<Answer> run, String expectedKind, String expectedFragment) {
        @Override
        public String toString() {
            return source + " · " + name;
        }
    }

    static void files() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("audit");
            bert = Path.of("src/test/resources/bert/plain-f32");
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        Path out = Path.of("target", "robustness-audit.md");
        Files.createDirectories(out.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("| way in | case | answer |");
        lines.add("|---|---|---|");
        TABLE.stream().sorted().forEach(lines::add);
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputHasADefinedAnswer(Case c) {
        Answer a = c.run().get();
        TABLE.add("| " + c.source() + " | " + c.name() + " | " + a.toString().replace("|", "\\|").replace("\n", " ") + " |");
        assertEquals(c.expectedKind(), a.kind(), c + " → " + a);
        assertTrue(a.message().contains(c.expectedFragment()),
                c + ": the answer should contain «" + c.expectedFragment() + "» but was «" + a.message() + "»");
    }

    static Stream<Arguments> cases() throws IOException {
        files();
        List<Case> all = new ArrayList<>();
        all.addAll(jsonMatrices());
        all.addAll(configJson());
        all.addAll(safetensors());
        all.addAll(vocab());
        all.addAll(bleuFiles());
        all.addAll(lessons());
        all.addAll(cells());
        all.addAll(sentences());
        return all.stream().map(Arguments::of);
    }

    // ---------------------------------------------------------------- the command line

    /** Runs a command; exit 2 must come with one stderr line and no stack trace. */
    static Answer cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        String e = err.toString().strip();
        if (code == Cli.BAD_INPUT) {
            assertEquals(1, e.lines().count(), "one stderr line: " + e);
            assertFalse(e.contains("\tat ") || e.contains("Exception"), "no stack trace or exception name: " + e);
        }
        if (code == Cli.OK) {
            String o = out.toString();
            assertFalse(o.contains("NaN") || o.contains("Infinity"), "no NaN or ∞ printed: " + o);
            return new Answer("exit 0", o.contains("\"notice\":\"") ? o.replaceAll("(?s).*\"notice\":\"([^\"]*)\".*", "$1") : "");
        }
        return new Answer("exit " + code, e);
    }

    static String big(int bytes) {
        StringBuilder b = new StringBuilder("[");
        while (b.length() < bytes) {
            b.append(b.length() > 1 ? "," : "").append("[0.25,-1.5]");
        }
        return b.append(']').toString();
    }

    static List<Case> jsonMatrices() {
        String ok = "[[1,0],[0,1]]";
        String src = "JSON matrix (attend --q)";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "ragged [[1,0],[0,1,2]]", () -> cli("attend", "--q", "[[1,0],[0,1,2]]", "--k", ok, "--v", ok),
                "exit 2", "--q: row 2 has 3 numbers but row 1 has 2"));
        c.add(new Case(src, "NaN literal", () -> cli("attend", "--q", "[[NaN,0],[0,1]]", "--k", ok, "--v", ok),
                "exit 2", "--q: row 1, column 1 is NaN; expected a finite number"));
        c.add(new Case(src, "Infinity literal", () -> cli("attend", "--q", "[[0,Infinity],[0,1]]", "--k", ok, "--v", ok),
                "exit 2", "--q: row 1, column 2 is infinite"));
        c.add(new Case(src, "-Infinity literal", () -> cli("attend", "--q", "[[0,1],[-Infinity,1]]", "--k", ok, "--v", ok),
                "exit 2", "--q: row 2, column 1 is infinite"));
        c.add(new Case(src, "1e400", () -> cli("attend", "--q", "[[1e400,0],[0,1]]", "--k", ok, "--v", ok),
                "exit 2", "--q: row 1, column 1 is infinite or too large for a double"));
        c.add(new Case(src, "a number of 1001 digits", () -> cli("attend", "--q", "[[1" + "0".repeat(1000) + "]]", "--k", ok, "--v", ok),
                "exit 2", "--q: not a matrix (Number value length"));
        c.add(new Case(src, "nested 5000 deep", () -> cli("attend", "--q", "[".repeat(5000) + "]".repeat(5000), "--k", ok, "--v", ok),
                "exit 2", "--q: not a matrix (Document nesting depth (1001) exceeds the maximum allowed (1000))"));
        c.add(new Case(src, "nested 3 deep", () -> cli("attend", "--q", "[[[1]]]", "--k", ok, "--v", ok),
                "exit 2", "--q: row 1, column 1 is an array; expected a number"));
        c.add(new Case(src, "text after the array", () -> cli("attend", "--q", "[[1,0]] [[2]]", "--k", ok, "--v", ok),
                "exit 2", "--q: not valid JSON (there is more text after the end of the JSON value at column 9)"));
        c.add(new Case(src, "empty", () -> cli("attend", "--q", "", "--k", ok, "--v", ok), "exit 2", "--q: empty"));
        c.add(new Case(src, "10 MB (read in full, then V does not fit K)", () -> cli("attend", "--q", big(10 << 20), "--k", "[[1,0]]",
                "--v", ok), "exit 2", "V has 2 rows but K has 1; every key needs a value"));
        String k4097 = "[" + "[1,0],".repeat(4096) + "[1,0]]";
        c.add(new Case(src, "10 MB of Q against 4097 keys (3.6·10⁹ scores)", () -> cli("attend", "--q", big(10 << 20), "--k", k4097,
                "--v", k4097), "exit 2", "Q has 873814 rows, K has 4097 and V has 2 columns: the scores would have 3580015958 cells"));
        c.add(new Case(src, "scores overflow float64 (1e200·1e200)", () -> cli("attend", "--q", "[[1e200,0],[0,1]]", "--k",
                "[[1e200,0],[0,1]]", "--v", ok), "exit 2", "the numbers overflow float64: 1. scores = Q·Kᵀ is Infinity at row 1, column 1"));
        c.add(new Case(src, "1e39 with --precision float32", () -> cli("attend", "--q", "[[1e39,0]]", "--k", ok, "--v", ok,
                "--precision", "float32"), "exit 2", "--q: row 1, column 1 is 1.0E39, beyond float32's range"));
        c.add(new Case(src, "mask with NaN", () -> cli("attend", "--q", "[[1,0]]", "--k", ok, "--v", ok, "--mask", "[[1,NaN]]"),
                "exit 2", "--mask: row 1, column 2 is NaN"));
        c.add(new Case(src, "fully masked row", () -> cli("attend", "--q", "[[1,0]]", "--k", ok, "--v", ok, "--mask", "[[0,0]]"),
                "exit 0", ""));
        return c;
    }

    // ---------------------------------------------------------------- model folders

    static Path copyOfBert(String name) {
        try {
            Path d = Files.createDirectories(dir.resolve(name));
            try (Stream<Path> s = Files.list(bert)) {
                for (Path p : s.toList()) {
                    Files.copy(p, d.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Supplier<Answer> traceWith(String name, String file, byte[] content, String... args) {
        return () -> {
            Path d = copyOfBert(name);
            try {
                Files.write(d.resolve(file), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> a = new ArrayList<>(List.of("trace", "--model", d.toString()));
            a.addAll(args.length == 0 ? List.of("--ids", "2,5,3") : List.of(args));
            return cli(a.toArray(String[]::new));
        };
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Case> configJson() throws IOException {
        String src = "config.json (trace --model)";
        String good = Files.readString(bert.resolve("config.json"));
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "empty file", traceWith("cfg-empty", "config.json", new byte[0]), "exit 2",
                "config.json: expected a JSON object of settings"));
        c.add(new Case(src, "not JSON", traceWith("cfg-broken", "config.json", utf8("{\"hidden_size\": 16,")), "exit 2",
                "config.json: not valid JSON"));
        c.add(new Case(src, "invalid UTF-8", traceWith("cfg-latin1", "config.json", new byte[] {'{', (byte) 0xE9, '}'}), "exit 2",
                "config.json: the file is not valid UTF-8 (byte 0xE9 at byte 2)"));
        c.add(new Case(src, "NaN layer_norm_eps", traceWith("cfg-nan", "config.json", utf8(good.replace("1e-12", "NaN"))),
                "exit 2", "config.json: not valid JSON ('NaN' is not a JSON number (JSON has no NaN or Infinity) at line 17"));
        c.add(new Case(src, "hidden_size 1e400", traceWith("cfg-huge", "config.json", utf8(good.replace("\"hidden_size\": 16", "\"hidden_size\": 1e400"))),
                "exit 2", "hidden_size is \"Infinity\"; expected a positive whole number"));
        c.add(new Case(src, "hidden_size \"16\"", traceWith("cfg-text", "config.json", utf8(good.replace("\"hidden_size\": 16", "\"hidden_size\": \"16\""))),
                "exit 2", "hidden_size is \"16\"; expected a positive whole number"));
        c.add(new Case(src, "vocab_size 2·10⁹ (does not match the weights)",
                traceWith("cfg-vocab", "config.json", utf8(good.replace("\"vocab_size\": 40", "\"vocab_size\": 2000000000"))),
                "exit 2", "embeddings.word_embeddings.weight has shape [40, 16], expected [2000000000, 16]"));
        c.add(new Case(src, "nested 5000 deep", traceWith("cfg-deep", "config.json", utf8("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")),
                "exit 2", "config.json: not valid JSON (Document nesting depth"));
        c.add(new Case(src, "2 MB", traceWith("cfg-2mb", "config.json", utf8("{\"x\":\"" + "a".repeat(2 << 20) + "\"}")),
                "exit 2", "a config.json is expected to be under 1048576"));
        return c;
    }

    static byte[] safetensors(long headerLength, String header, int dataBytes) {
        byte[] h = utf8(header);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(h);
        return b.array();
    }

    static List<Case> safetensors() {
        String src = "model.safetensors (trace --model)";
        String f = "model.safetensors";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "header claims 2⁶³ bytes", traceWith("st-2-63", f, safetensors(Long.MIN_VALUE, "{}", 0)), "exit 2",
                "model.safetensors: header length is 9223372036854775808 bytes; expected at most"));
        c.add(new Case(src, "a tensor claims 10¹² elements",
                traceWith("st-1e12", f, safetensors(96, String.format("%-96s",
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,8]}}"), 8)),
                "exit 2", "tensor \"w\": shape [1000000, 1000000] of F32 needs 4000000000000 bytes but data_offsets [0, 8] hold 8"));
        c.add(new Case(src, "empty file", traceWith("st-empty", f, new byte[0]), "exit 2", "model.safetensors: truncated"));
        c.add(new Case(src, "cut in half", () -> {
            Path d = copyOfBert("st-cut");
            try {
                byte[] all = Files.readAllBytes(d.resolve(f));
                Files.write(d.resolve(f), java.util.Arrays.copyOf(all, all.length / 2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cli("trace", "--model", d.toString(), "--ids", "2,5,3");
        }, "exit 2", "the file may be truncated"));
        c.add(new Case(src, "a weight holds NaN", () -> {
            Path d = copyOfBert("st-nan");
            try {
                byte[] all = Files.readAllBytes(d.resolve(f));
                long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) (8 + n), Float.NaN);
                Files.write(d.resolve(f), all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cli("trace", "--model", d.toString(), "--ids", "2,5,3");
        }, "exit 2", "holds NaN at index 0; expected finite numbers"));
        c.add(new Case(src, "a folder instead of a file", () -> {
            Path d = copyOfBert("st-dir");
            try {
                Files.delete(d.resolve(f));
                Files.createDirectories(d.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cli("trace", "--model", d.toString(), "--ids", "2,5,3");
        }, "exit 2", "model.safetensors: no such file"));
        return c;
    }

    static List<Case> vocab() {
        String src = "vocab.txt (trace, tokenize --vocab)";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "invalid UTF-8 on line 2", traceWith("v-latin1", "vocab.txt", new byte[] {'[', 'U', 'N', 'K', ']', '\n', (byte) 0xC3, '\n'},
                "--text", "hi"), "exit 2", "vocab.txt: line 2: invalid UTF-8 (byte 0xC3 at byte 1 of the line)"));
        c.add(new Case(src, "empty", traceWith("v-empty", "vocab.txt", new byte[0], "--text", "hi"), "exit 2",
                "the vocabulary file is empty"));
        c.add(new Case(src, "no [UNK]", traceWith("v-nounk", "vocab.txt", utf8("a\nb\n"), "--text", "hi"), "exit 2",
                "the vocabulary has no [UNK] token"));
        c.add(new Case(src, "more tokens than vocab_size", traceWith("v-long", "vocab.txt", utf8("[UNK]\n" + "w\n".repeat(100)), "--text", "hi"),
                "exit 2", "has 101 tokens but config.json says vocab_size is 40"));
        c.add(new Case(src, "tokenize --vocab with a binary file", () -> {
            Path v = dir.resolve("binary-vocab.txt");
            try {
                Files.write(v, new byte[] {0, (byte) 0xFF, (byte) 0xFE, 10});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cli("tokenize", "--vocab", v.toString(), "--text", "hi");
        }, "exit 2", "line 1: invalid UTF-8"));
        return c;
    }

    static Supplier<Answer> bleu(String name, byte[] hyp, byte[] ref) {
        return () -> {
            try {
                Path h = Files.write(dir.resolve(name + "-hyp.txt"), hyp);
                Path r = Files.write(dir.resolve(name + "-ref.txt"), ref);
                return cli("bleu", r.toString(), "-i", h.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static List<Case> bleuFiles() {
        String src = "BLEU files (bleu REF -i HYP)";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "hypothesis with invalid UTF-8 on line 2", bleu("b-latin1", new byte[] {'a', '\n', 'b', (byte) 0xE9, '\n'}, utf8("a\nb\n")),
                "exit 2", "HYP_FILE " + dir.resolve("b-latin1-hyp.txt") + ": line 2 is not valid UTF-8 (byte 0xE9 at byte 2 of the line)"));
        c.add(new Case(src, "reference with invalid UTF-8", bleu("b-ref", utf8("a\n"), new byte[] {(byte) 0xFF, '\n'}),
                "exit 2", "REF_FILE " + dir.resolve("b-ref-ref.txt") + ": line 1 is not valid UTF-8"));
        c.add(new Case(src, "3 hypothesis lines, 2 reference lines", bleu("b-count", utf8("a\nb\nc\n"), utf8("a\nb\n")),
                "exit 2", "has 2 lines but HYP_FILE " + dir.resolve("b-count-hyp.txt") + " has 3; every file needs one line per segment"));
        c.add(new Case(src, "both empty", bleu("b-empty", new byte[0], new byte[0]), "exit 0", ""));
        c.add(new Case(src, "a missing file", () -> cli("bleu", dir.resolve("nope.txt").toString(), "-i", dir.resolve("nope.txt").toString()),
                "exit 2", "no such file"));
        return c;
    }

    // ---------------------------------------------------------------- lesson files

    static Supplier<Answer> lesson(String name, byte[] content) {
        return () -> {
            try {
                Path folder = Files.createDirectories(dir.resolve("lessons-" + name).resolve("04-" + name));
                Files.write(folder.resolve("lesson.yaml"), content);
                LessonLoader.Result r = new LessonLoader().load(folder);
                return r.ok() ? new Answer("loaded", "") : new Answer("refused", r.problems().stream()
                        .map(LessonProblem::toString).reduce((a, b) -> a + " / " + b).orElse(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static List<Case> lessons() {
        String src = "lesson.yaml";
        String head = "id: x\norder: 4\ntitle: {zh: 标题, en: Title}\nsummary: {zh: 摘要, en: Summary}\nsteps:\n";
        String step = "  - id: a\n    view: qkv\n    state:\n      queries: %s\n      keys: [[1, 0]]\n      values: [[1, 0]]\n"
                + "    text: {zh: 中文, en: English}\n";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "invalid UTF-8", lesson("latin", new byte[] {'i', 'd', ':', ' ', (byte) 0xE9, '\n'}), "refused",
                "lesson.yaml: the file is not valid UTF-8; save it as UTF-8"));
        c.add(new Case(src, "a Java tag", lesson("tag", utf8("id: !!java/object:java.io.File [\"/\"]\n")), "refused",
                "lesson.yaml:1: the tag '!!java/object:java.io.File' is not allowed"));
        c.add(new Case(src, ".nan in a matrix", lesson("nan", utf8(head + String.format(step, "[[.nan, 0]]"))), "refused",
                "lesson.yaml:9: step 'a': state 'queries'"));
        c.add(new Case(src, ".inf in a matrix", lesson("inf", utf8(head + String.format(step, "[[.inf, 0]]"))), "refused",
                "lesson.yaml:9: step 'a': state 'queries'"));
        c.add(new Case(src, "a ragged matrix", lesson("ragged", utf8(head + String.format(step, "[[1, 0], [1]]"))), "refused",
                "lesson.yaml:9: step 'a': state 'queries'"));
        c.add(new Case(src, "2 MB", lesson("big", utf8("# " + "x".repeat(2 << 20) + "\n")), "refused",
                "a lesson file may be at most 1 MB"));
        c.add(new Case(src, "queries of 1e200 (the check's scores overflow; lessons validate)", () -> {
            Path root = dir.resolve("lessons-overflow");
            try {
                Path folder = Files.createDirectories(root.resolve("04-overflow"));
                Files.writeString(folder.resolve("lesson.yaml"), head + String.format(step, "[[1e200, 0]]").replace("keys: [[1, 0]]",
                        "keys: [[1e200, 0]]") + "    checks: [{id: w, kind: attention, expect: {weights: [[1]]}}]\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cli("lessons", "validate", root.toString());
        }, "exit 2", "lesson.yaml:13: step 'a': check 'w' (attention): weights column 1 is NaN but the lesson says 1"));
        c.add(new Case(src, "an image outside the folder", lesson("escape", utf8(head
                + "  - id: a\n    view: text\n    figure: {file: ../../secret.png, caption: {zh: 图, en: Figure}}\n    text: {zh: 中文, en: English}\n")),
                "refused", "figure file '../../secret.png' leaves the lesson folder"));
        return c;
    }

    // ---------------------------------------------------------------- the Q/K/V view

    /** Every stage of the view as shown, to compare before and after. */
    static Map<Stage, Matrix> shown(QkvViewModel vm) {
        Map<Stage, Matrix> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, vm.stage(s));
        }
        return m;
    }

    /** No NaN, no +∞, and −∞ only in the masked scores. */
    static void assertShownNumbersAreNumbers(QkvViewModel vm) {
        for (Stage s : Stage.values()) {
            Matrix m = vm.stage(s);
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    double x = m.get(i, j);
                    assertTrue(Double.isFinite(x) || (s == Stage.MASKED && x == Double.NEGATIVE_INFINITY),
                            s + " [" + i + ", " + j + "] is " + x);
                }
            }
        }
    }

    static String text(Message m) {
        return m == null ? "" : EN.format(m.key(), m.args().toArray());
    }

    /**
     * Types {@code typed} into cell (row, col) of a stage's heatmap, as the heatmap's editor does
     * when Enter is pressed: {@link NumberText#parse}, then the view-model's edit or its bad-cell
     * report.
     */
    static Supplier<Answer> typeInto(Stage stage, int row, int col, String typed) {
        return () -> {
            QkvViewModel vm = new QkvViewModel(ENGINE, UiExecutors.direct());
            Map<Stage, Matrix> before = shown(vm);
            try {
                double v = NumberText.parse(typed);
                if (stage == Stage.X) {
                    vm.editX(row, col, v);
                } else {
                    vm.editWeight(stage, row, col, v);
                }
            } catch (NumberFormatException e) {
                vm.reportBadCell(stage, e.getMessage());
            }
            assertShownNumbersAreNumbers(vm);
            if (vm.errorProperty().get() != null) {
                assertEquals(before, shown(vm), "a refused edit leaves every stage as it was");
                return new Answer("refused", text(vm.errorProperty().get()));
            }
            return new Answer("accepted", stage.symbol() + " [" + (row + 1) + ", " + (col + 1) + "] = "
                    + NumberText.exact(vm.stage(stage).get(row, col)));
        };
    }

    static List<Case> cells() {
        String src = "Heatmap cell (Q/K/V X, W_Q)";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "NaN", typeInto(Stage.X, 0, 0, "NaN"), "refused", "X: 'NaN' is not a finite number"));
        c.add(new Case(src, "∞", typeInto(Stage.X, 0, 0, "∞"), "refused", "X: '∞' is not a number"));
        c.add(new Case(src, "Infinity", typeInto(Stage.X, 0, 0, "Infinity"), "refused", "X: 'Infinity' is not a finite number"));
        c.add(new Case(src, "1e400", typeInto(Stage.X, 1, 1, "1e400"), "refused", "X: '1e400' is not a finite number"));
        c.add(new Case(src, "1e200 (finite, but QKᵀ would overflow)", typeInto(Stage.X, 2, 0, "1e200"), "refused",
                "X cell [3, 1]: 1.0000000e+200 is too large; type a number between −1000000 and 1000000"));
        c.add(new Case(src, "−2e6 in W_Q", typeInto(Stage.WQ, 0, 1, "-2e6"), "refused", "W_Q cell [1, 2]: −2000000 is too large"));
        c.add(new Case(src, "empty", typeInto(Stage.X, 0, 0, ""), "refused", "X: empty"));
        c.add(new Case(src, "abc", typeInto(Stage.X, 0, 0, "abc"), "refused", "X: 'abc' is not a number"));
        c.add(new Case(src, "0x10", typeInto(Stage.X, 0, 0, "0x10"), "refused", "X: '0x10' is not a"));
        c.add(new Case(src, "1,5 (decimal comma)", typeInto(Stage.X, 0, 0, "1,5"), "accepted", "X [1, 1] = 1.5"));
        c.add(new Case(src, "−0.25 (typographic minus)", typeInto(Stage.WQ, 1, 1, "−0.25"), "accepted", "W_Q [2, 2] = −0.25"));
        c.add(new Case(src, "1e6 (the largest allowed)", typeInto(Stage.X, 2, 1, "1e6"), "accepted", "X [3, 2] = 1000000"));
        return c;
    }

    /** Types {@code text} into the sentence box and presses Apply. */
    static Supplier<Answer> sentence(String text, QkvViewModel.Split split) {
        return () -> {
            QkvViewModel vm = new QkvViewModel(ENGINE, UiExecutors.direct());
            Map<Stage, Matrix> before = shown(vm);
            vm.splitProperty().set(split);
            vm.sentenceProperty().set(text);
            vm.applySentence();
            assertShownNumbersAreNumbers(vm);
            if (vm.errorProperty().get() != null) {
                assertEquals(before, shown(vm), "a refused sentence leaves every stage as it was");
                return new Answer("refused", text(vm.errorProperty().get()));
            }
            int t = vm.stage(Stage.WEIGHTS).rows();
            assertEquals(t, vm.tokensProperty().get().size());
            return new Answer("accepted", t + " tokens" + (vm.noticeProperty().get() == null ? "" : "; notice: " + text(vm.noticeProperty().get())));
        };
    }

    static List<Case> sentences() {
        String src = "Q/K/V sentence box";
        List<Case> c = new ArrayList<>();
        c.add(new Case(src, "empty", sentence("", QkvViewModel.Split.WHITESPACE), "refused", "The sentence is empty"));
        c.add(new Case(src, "only spaces and control characters", sentence(" \t\u0000\u0007 \u001b ", QkvViewModel.Split.WHITESPACE),
                "refused", "The sentence is empty"));
        c.add(new Case(src, "100 000 characters (words)", sentence("word ".repeat(20_000), QkvViewModel.Split.WHITESPACE),
                "accepted", "512 tokens; notice: The sentence has 20,000 tokens; only the first 512 are used."));
        c.add(new Case(src, "100 000 characters (split into characters)", sentence("字".repeat(100_000), QkvViewModel.Split.CHARACTERS),
                "accepted", "512 tokens; notice: The sentence has 100,000 tokens; only the first 512 are used."));
        c.add(new Case(src, "control characters inside words", sentence("a\u0007b c\u001b[31md", QkvViewModel.Split.WHITESPACE),
                "accepted", "2 tokens"));
        c.add(new Case(src, "emoji with skin tone and ZWJ", sentence("😀 👍🏽 👨‍👩‍👧", QkvViewModel.Split.WHITESPACE), "accepted", "3 tokens"));
        c.add(new Case(src, "emoji split into characters", sentence("👍🏽a", QkvViewModel.Split.CHARACTERS), "accepted", "3 tokens"));
        c.add(new Case(src, "right-to-left text", sentence("שלום עולם مرحبا", QkvViewModel.Split.WHITESPACE), "accepted", "3 tokens"));
        c.add(new Case(src, "bidi override characters", sentence("\u202Eevil\u202C text", QkvViewModel.Split.WHITESPACE), "accepted", "2 tokens"));
        c.add(new Case(src, "a lone surrogate", sentence("\uD800 x", QkvViewModel.Split.CHARACTERS), "accepted", "2 tokens"));
        return c;
    }
}

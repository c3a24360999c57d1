package org.attentionlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import org.attentionlab.lesson.Key;
import org.attentionlab.lesson.LessonLoader;
import org.attentionlab.lesson.LessonProblem;
import org.attentionlab.lesson.ViewCatalog;
import org.attentionlab.lesson.ViewSpec;

/**
 * Lessons from a generator that knows the format: the real field names, views, state keys and
 * check kinds, mixed with wrong names, wrong types, hostile text, .nan/.inf, huge numbers, deep
 * lists, anchors and aliases, tags. The loader never throws; it returns a lesson exactly when it
 * reports no problem, and every problem names the lesson file and a line inside it.
 */
class LessonPropertiesTest {

    private static final Path FOLDER = Path.of("target", "lesson-properties", "04-generated");
    private static final LessonLoader LOADER = new LessonLoader();
    private static final ViewCatalog VIEWS = ViewCatalog.standard();

    /** A YAML flow value of any kind, nested at most {@code depth} deep. */
    static Arbitrary<String> value(int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends String>>> kinds = new ArrayList<>();
        kinds.add(Tuple.of(4, Arbitraries.doubles().between(-10, 10).map(d -> Double.toString(d))));
        kinds.add(Tuple.of(2, Arbitraries.integers().between(-3, 600).map(i -> Integer.toString(i))));
        kinds.add(Tuple.of(1, Arbitraries.of(".nan", ".inf", "-.inf", "1e400", "1e200", "0x1F", "0o17", "true", "false", "null", "~",
                "'1'", "\"\"", "2147483648", "-9223372036854775809", "!!str 1", "!foo bar", "*a", "&a 1")));
        kinds.add(Tuple.of(3, HostileText.strings(4).map(LessonPropertiesTest::quoted)));
        kinds.add(Tuple.of(1, Arbitraries.of(VIEWS.names()).map(LessonPropertiesTest::quoted)));
        if (depth > 0) {
            kinds.add(Tuple.of(3, value(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]")));
            kinds.add(Tuple.of(2, Arbitraries.of("zh", "en", "fr", "file", "id", "kind", "expect", "tolerance")
                    .flatMap(k -> value(depth - 1).map(v -> "{" + quoted(k) + ": " + v + "}"))));
        }
        return Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
    }

    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }

    /** A state mapping for a view: mostly its real keys, some unknown ones, any values. */
    static Arbitrary<String> state(ViewSpec view) {
        List<String> names = new ArrayList<>(VIEWS.keys(view).stream().map(Key::name).toList());
        names.add("nonsense");
        Arbitrary<String> entry = Arbitraries.of(names).flatMap(k -> value(3).map(v -> quoted(k) + ": " + v));
        return entry.list().ofMaxSize(5).uniqueElements(e -> e.substring(0, e.indexOf("\": ") + 1))
                .map(l -> "{" + String.join(", ", l) + "}");
    }

    static Arbitrary<String> bilingual() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("{zh: 中文, en: English}", "{zh: 权重约为 0.27, en: The weight is about 0.27}")),
                Tuple.of(2, value(2)),
                Tuple.of(1, HostileText.strings(3).map(s -> "{zh: " + quoted(s) + ", en: " + quoted(s + "x") + "}")));
    }

    static Arbitrary<String> step() {
        Arbitrary<ViewSpec> view = Arbitraries.of(VIEWS.views());
        return view.flatMap(v -> Arbitraries.lazy(() -> state(v)).flatMap(st -> bilingual().flatMap(text ->
                Arbitraries.of("", "    checks: [{kind: attention, expect: {weights: [[0.274, 0.274, 0.452]]}}]\n",
                        "    checks: [{kind: softmax, scores: [[1, 2]], expect: {weights: [[0.2689, 0.7311]]}}]\n",
                        "    question: {prompt: {zh: 问, en: Q}, choices: [{zh: 一, en: one}, {zh: 二, en: two}], answer: 3,"
                                + " explanation: {zh: 因为, en: because}}\n",
                        "    figure: {file: ../x.png, caption: {zh: 图, en: figure}}\n", "    inherit: maybe\n")
                        .flatMap(extra -> Arbitraries.of("a", "b", "step-1", "Bad Id", "").map(id ->
                                "  - id: " + id + "\n    view: " + v.name() + "\n    state: " + st + "\n    text: " + text + "\n" + extra)))));
    }

    @Provide
    Arbitrary<String> lessons() {
        Arbitrary<String> head = Arbitraries.of(
                "id: generated\norder: 4\ntitle: {zh: 标题, en: Title}\nsummary: {zh: 摘要, en: Summary}\n",
                "id: Generated!\norder: -1\ntitle: Title\nsummary: {zh: 摘要}\n",
                "id: generated\norder: 4.5\ntitle: {zh: 标题, en: 标题}\nsummary: {zh: 摘要, en: Summary}\nauthor: someone\n");
        Arbitrary<String> steps = step().list().ofMinSize(0).ofMaxSize(4).map(l -> "steps:\n" + String.join("", l));
        Arbitrary<String> lesson = head.flatMap(h -> steps.map(s -> h + s));
        // and the same lessons cut short, or with a line dropped: broken indentation, open brackets
        return Arbitraries.frequencyOf(
                Tuple.of(6, lesson),
                Tuple.of(1, lesson.flatMap(l -> Arbitraries.integers().between(0, l.length()).map(n -> l.substring(0, n)))),
                Tuple.of(1, lesson.flatMap(l -> Arbitraries.integers().between(0, 40).map(n -> dropLine(l, n)))));
    }

    static String dropLine(String text, int n) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(n % lines.size());
        return String.join("\n", lines);
    }

    @Property(tries = 150)
    void anyLessonTextGetsALessonOrProblemsNamingFileAndLine(@ForAll("lessons") String yaml) {
        LessonLoader.Result r = LOADER.loadText(FOLDER, yaml);
        assertEquals(r.problems().isEmpty(), r.lesson().isPresent());
        long lines = yaml.lines().count() + 1;
        for (LessonProblem p : r.problems()) {
            assertTrue(p.toString().startsWith(FOLDER.resolve(LessonLoader.FILE_NAME).toString()), p.toString());
            assertTrue(p.line() >= 0 && p.line() <= lines, "line " + p.line() + " of " + lines + ": " + p);
        }
    }
}

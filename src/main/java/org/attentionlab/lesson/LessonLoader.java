package org.attentionlab.lesson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Loads and validates one lesson folder ({@code NN-slug/lesson.yaml}). Every problem of the file
 * is collected (with file, line and field), not just the first; a lesson comes back only when it
 * has none. Validates: required fields, both languages present and non-empty, unique step and
 * check ids, known views, state keys and their types for that view, question answers in range,
 * check kinds, inputs and shapes, and that every referenced file exists inside the folder.
 */
public final class LessonLoader {

    public static final String FILE_NAME = "lesson.yaml";
    public static final double DEFAULT_TOLERANCE = 0.0005;

    static final Pattern FOLDER = Pattern.compile("(\\d{2})-[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final long MAX_MARKDOWN_BYTES = 1024 * 1024;

    private static final List<String> LESSON_FIELDS = List.of("id", "order", "title", "summary", "steps");
    private static final List<String> STEP_FIELDS = List.of("id", "view", "inherit", "state", "text", "notes", "formula",
            "figure", "question", "checks");
    private static final List<String> QUESTION_FIELDS = List.of("prompt", "choices", "answer", "explanation");
    private static final List<String> CHECK_FIELDS = List.of("id", "kind", "tolerance", "expect");
    private static final List<String> LANGUAGES = List.of("zh", "en");

    private final ViewCatalog views;
    private final CheckCatalog checks;

    public LessonLoader(ViewCatalog views, CheckCatalog checks) {
        this.views = Objects.requireNonNull(views, "views");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    /** With the standard views and check kinds. */
    public LessonLoader() {
        this(ViewCatalog.standard(), CheckCatalog.standard());
    }

    public ViewCatalog views() {
        return views;
    }

    public CheckCatalog checks() {
        return checks;
    }

    /**
     * The outcome for one folder.
     *
     * @param folder   the lesson folder
     * @param lesson   the lesson, present only when there are no problems
     * @param problems every problem found, in file order
     */
    public record Result(Path folder, Optional<Lesson> lesson, List<LessonProblem> problems, int idLine, int orderLine) {
        public Result {
            problems = List.copyOf(problems);
        }

        Result(Path folder, Optional<Lesson> lesson, List<LessonProblem> problems) {
            this(folder, lesson, problems, 0, 0);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Loads {@code folder/lesson.yaml}; never throws for bad content. */
    public Result load(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isDirectory(folder)) {
            return new Result(folder, Optional.empty(), List.of(new LessonProblem(folder, 0, "not a folder; expected a lesson folder holding " + FILE_NAME)));
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Result(folder, Optional.empty(), List.of(new LessonProblem(folder, 0, "no " + FILE_NAME + " in this folder")));
        }
        if (!insideFolder(folder, file) || !Files.isRegularFile(file)) {
            return new Result(folder, Optional.empty(), List.of(new LessonProblem(file, 0,
                    "is not a regular file inside the lesson folder (a link leading elsewhere?)")));
        }
        SafeYaml.Result yaml = SafeYaml.read(file);
        if (yaml.root().isEmpty()) {
            return new Result(folder, Optional.empty(), yaml.problems());
        }
        Reading r = new Reading(folder, file);
        Lesson lesson = r.lesson(yaml.root().get());
        List<LessonProblem> problems = new ArrayList<>(yaml.problems());
        problems.addAll(r.in.problems);
        problems.sort(null);
        return new Result(folder, problems.isEmpty() ? Optional.ofNullable(lesson) : Optional.empty(), problems, r.idLine, r.orderLine);
    }

    /** Loads YAML text as if it were {@code folder/lesson.yaml} (for tests and editors). */
    public Result loadText(Path folder, String yamlText) {
        Path file = folder.resolve(FILE_NAME);
        SafeYaml.Result yaml = SafeYaml.parse(file, yamlText, new ArrayList<>());
        if (yaml.root().isEmpty()) {
            return new Result(folder, Optional.empty(), yaml.problems());
        }
        Reading r = new Reading(folder, file);
        Lesson lesson = r.lesson(yaml.root().get());
        List<LessonProblem> problems = new ArrayList<>(r.in.problems);
        problems.sort(null);
        return new Result(folder, problems.isEmpty() ? Optional.ofNullable(lesson) : Optional.empty(), problems, r.idLine, r.orderLine);
    }

    static boolean insideFolder(Path folder, Path p) {
        try {
            return p.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The state of one file's reading. */
    private final class Reading {
        final Path folder;
        final NodeReader in;
        int idLine;
        int orderLine;

        Reading(Path folder, Path file) {
            this.folder = folder;
            this.in = new NodeReader(file);
        }

        Lesson lesson(Node root) {
            Map<String, Node> f = in.fields(root, "", "a lesson (a mapping with id, order, title, summary, steps)", LESSON_FIELDS,
                    LESSON_FIELDS);
            if (f == null) {
                return null;
            }
            idLine = NodeReader.line(f.get("id"));
            orderLine = NodeReader.line(f.get("order"));
            String id = id(f.get("id"), "lesson id");
            Integer order = order(f.get("order"));
            Bilingual title = bilingual(f.get("title"), "", "title", false, false);
            Bilingual summary = bilingual(f.get("summary"), "", "summary", false, true);
            List<Step> steps = steps(f.get("steps"));
            if (id == null || order == null || title == null || summary == null || steps == null || steps.isEmpty()) {
                return null;
            }
            return new Lesson(id, order, title, summary, steps, folder, in.file);
        }

        String id(Node n, String what) {
            if (n == null) {
                return null;
            }
            String s = in.text(n, what);
            if (s != null && !ID.matcher(s).matches()) {
                in.problem(n, what + " is '" + s + "'; expected lower-case letters and digits joined by '-', such as 'cross-attention'");
                return null;
            }
            return s;
        }

        Integer order(Node n) {
            if (n == null) {
                return null;
            }
            Long v = ValueType.parseInt(n);
            if (v == null || v < 1 || v > 99) {
                in.problem(n, "order is " + NodeReader.found(n) + "; expected a whole number from 1 to 99");
                return null;
            }
            Path name = folder.toAbsolutePath().normalize().getFileName();
            Matcher m = FOLDER.matcher(name == null ? "" : name.toString());
            if (!m.matches()) {
                in.problem(n, "the folder is named '" + name + "'; expected NN-slug, such as '04-cross-attention'");
            } else if (Integer.parseInt(m.group(1)) != v) {
                in.problem(n, "order is " + v + " but the folder is named '" + name + "'; the number in the folder name and the order must agree");
            }
            return v.intValue();
        }

        /**
         * {zh: …, en: …}; with {@code files}, each language may instead be {file: name.md}. With
         * {@code chinese}, the zh text must contain Chinese characters (a copied English text is a
         * common slip).
         */
        Bilingual bilingual(Node n, String where, String field, boolean files, boolean chinese) {
            if (n == null) {
                return null;
            }
            String what = NodeReader.join(where, field);
            Map<String, Node> f = in.fields(n, what, "a text in both languages: {zh: …, en: …}", LANGUAGES, LANGUAGES);
            if (f == null) {
                return null;
            }
            Map<String, String> texts = new HashMap<>();
            for (String lang : LANGUAGES) {
                Node t = f.get(lang);
                if (t == null) {
                    continue;
                }
                String fieldName = what + "." + lang;
                String s = files && !(t instanceof ScalarNode) ? markdownFile(t, fieldName) : in.text(t, fieldName);
                if (s == null) {
                    continue;
                }
                if (s.isBlank()) {
                    in.problem(t, fieldName + " is empty; expected a non-empty text");
                    continue;
                }
                if (lang.equals("zh") && chinese && !HAN.matcher(s).find()) {
                    in.problem(t, fieldName + " has no Chinese characters; write the Chinese text here (is it a copy of the English?)");
                }
                if (files) {
                    markdownImages(t, fieldName, s);
                }
                texts.put(lang, s);
            }
            if (texts.size() == 2 && chinese && texts.get("zh").strip().equals(texts.get("en").strip())) {
                in.problem(n, what + ": zh and en are the same text; each language needs its own");
            }
            return texts.size() == 2 ? new Bilingual(texts.get("zh"), texts.get("en")) : null;
        }

        String markdownFile(Node n, String field) {
            Map<String, Node> f = in.fields(n, field, "a text, or {file: name.md}", List.of("file"), List.of("file"));
            if (f == null || !f.containsKey("file")) {
                return null;
            }
            Path p = asset(f.get("file"), field + ".file");
            if (p == null) {
                return null;
            }
            try {
                if (Files.size(p) > MAX_MARKDOWN_BYTES) {
                    in.problem(f.get("file"), field + ".file is larger than 1 MB");
                    return null;
                }
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString();
            } catch (IOException e) {
                in.problem(f.get("file"), field + ".file cannot be read as UTF-8 text: " + e.getMessage());
                return null;
            }
        }

        void markdownImages(Node at, String field, String markdown) {
            Matcher m = MARKDOWN_IMAGE.matcher(markdown);
            while (m.find()) {
                String ref = m.group(1);
                String where = field + ": image '" + ref + "'";
                if (ref.matches("(?i)[a-z][a-z0-9+.-]*:.*") || ref.startsWith("//")) {
                    in.problem(at, where + " is a link; the app works offline, so images must be files in the lesson folder");
                    continue;
                }
                checkPath(at, where, ref);
            }
        }

        /** A file named in the lesson, resolved inside the folder; null after a problem. */
        Path asset(Node n, String field) {
            String rel = in.text(n, field);
            return rel == null ? null : checkPath(n, field + " '" + rel + "'", rel);
        }

        Path checkPath(Node at, String what, String rel) {
            if (rel.contains("\\")) {
                in.problem(at, what + ": use '/' between folders, not '\\'");
                return null;
            }
            if (rel.startsWith("/") || rel.matches("(?i)[a-z]:.*") || Path.of(rel).isAbsolute()) {
                in.problem(at, what + " is an absolute path; expected a path relative to the lesson folder");
                return null;
            }
            for (String part : rel.split("/")) {
                if (part.equals("..")) {
                    in.problem(at, what + " leaves the lesson folder ('..'); files must be inside the lesson folder");
                    return null;
                }
            }
            Path p = folder.resolve(rel).normalize();
            if (!Files.exists(p)) {
                in.problem(at, what + ": no such file in the lesson folder");
                return null;
            }
            if (!insideFolder(folder, p)) {
                in.problem(at, what + " is a link that leads outside the lesson folder; files must be inside it");
                return null;
            }
            if (!Files.isRegularFile(p)) {
                in.problem(at, what + " is not a file");
                return null;
            }
            return p;
        }

        List<Step> steps(Node n) {
            if (n == null) {
                return null;
            }
            List<Node> items = in.list(n, "steps", "a list of steps");
            if (items == null) {
                return null;
            }
            if (items.isEmpty()) {
                in.problem(n, "steps is empty; a lesson needs at least one step");
                return null;
            }
            List<Step> out = new ArrayList<>();
            Map<String, Integer> ids = new HashMap<>();
            Step previous = null;
            boolean complete = true;
            for (int i = 0; i < items.size(); i++) {
                Step s = step(items.get(i), i, previous, ids);
                if (s == null) {
                    complete = false;
                } else {
                    out.add(s);
                }
                previous = s;
            }
            return complete ? out : null;
        }

        Step step(Node n, int index, Step previous, Map<String, Integer> ids) {
            String provisional = "step " + (index + 1);
            String peek = peekId(n);
            if (peek != null) {
                provisional = "step '" + peek + "'";
            }
            Map<String, Node> f = in.fields(n, provisional, "a step (a mapping with id, view, text, …)", STEP_FIELDS,
                    List.of("id", "view", "text"));
            if (f == null) {
                return null;
            }
            String id = f.containsKey("id") ? id(f.get("id"), provisional + ": id") : null;
            String where = id == null ? provisional : "step '" + id + "'";
            if (id != null) {
                Integer first = ids.putIfAbsent(id, NodeReader.line(f.get("id")));
                if (first != null) {
                    in.problem(f.get("id"), "step id '" + id + "' is used twice (first on line " + first + ")");
                }
            }
            String view = null;
            ViewSpec spec = null;
            if (f.containsKey("view")) {
                view = in.text(f.get("view"), where + ": view");
                if (view != null) {
                    spec = views.find(view).orElse(null);
                    if (spec == null) {
                        in.problem(f.get("view"), where + ": unknown view '" + view + "' (known: " + String.join(", ", views.names()) + ")");
                    }
                }
            }
            boolean inherit = true;
            if (f.containsKey("inherit")) {
                StateValue v = ValueType.bool().read(f.get("inherit"), in, where + ": inherit");
                inherit = v instanceof StateValue.Bool b ? b.value() : true;
            }
            int before = in.problems.size();
            StateMap declared = spec == null ? StateMap.empty() : state(f.get("state"), where, spec);
            // a check may read the state: with a broken view or state its inputs are unknown, so it waits for the fix
            boolean stateOk = spec != null && in.problems.size() == before;
            StateMap effective = declared;
            if (inherit && previous != null && spec != null && previous.view().equals(view)) {
                effective = previous.state().overlaidWith(declared);
            }
            Bilingual text = bilingual(f.get("text"), where, "text", true, true);
            Optional<Bilingual> notes = f.containsKey("notes")
                    ? Optional.ofNullable(bilingual(f.get("notes"), where, "notes", true, true)) : Optional.empty();
            Optional<String> formula = f.containsKey("formula")
                    ? Optional.ofNullable(in.text(f.get("formula"), where + ": formula")) : Optional.empty();
            Optional<Figure> figure = f.containsKey("figure") ? Optional.ofNullable(figure(f.get("figure"), where)) : Optional.empty();
            Optional<Question> question = f.containsKey("question")
                    ? Optional.ofNullable(question(f.get("question"), where)) : Optional.empty();
            List<CheckSpec> checkSpecs = f.containsKey("checks") && stateOk ? checks(f.get("checks"), where, effective) : List.of();
            if (id == null || view == null || spec == null || text == null || checkSpecs == null
                    || (f.containsKey("notes") && notes.isEmpty()) || (f.containsKey("formula") && formula.isEmpty())
                    || (f.containsKey("figure") && figure.isEmpty()) || (f.containsKey("question") && question.isEmpty())) {
                return null;
            }
            return new Step(id, view, effective, declared, text, notes, formula, question, figure, checkSpecs, NodeReader.line(n));
        }

        /** The step's id as written, for naming it in messages before its fields are read. */
        private String peekId(Node n) {
            if (n instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
                for (org.snakeyaml.engine.v2.nodes.NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id") && t.getValueNode() instanceof ScalarNode v
                            && ID.matcher(v.getValue()).matches()) {
                        return v.getValue();
                    }
                }
            }
            return null;
        }

        StateMap state(Node n, String where, ViewSpec spec) {
            if (n == null || NodeReader.isNull(n)) {
                return StateMap.empty();
            }
            List<Key> keys = views.keys(spec);
            List<String> names = keys.stream().map(Key::name).toList();
            Map<String, Node> f = in.fields(n, where + ": state", "a mapping of state keys for view '" + spec.name() + "'", null, null);
            if (f == null) {
                return StateMap.empty();
            }
            Map<String, StateValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : f.entrySet()) {
                Optional<Key> key = keys.stream().filter(k -> k.name().equals(e.getKey())).findFirst();
                if (key.isEmpty()) {
                    in.problem(e.getValue(), where + ": state key '" + e.getKey() + "' is not understood by view '" + spec.name()
                            + "' (known: " + String.join(", ", names) + ")");
                    continue;
                }
                StateValue v = key.get().type().read(e.getValue(), in, where + ": state '" + e.getKey() + "'");
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            }
            if (out.get("panels") instanceof StateValue.Texts panels) {
                for (String p : panels.values()) {
                    if (!spec.panels().contains(p)) {
                        in.problem(f.get("panels"), where + ": state 'panels' names '" + p + "', which view '" + spec.name()
                                + "' does not have (" + (spec.panels().isEmpty() ? "it has no panels" : "panels: " + String.join(", ", spec.panels())) + ")");
                    }
                }
            }
            return StateMap.of(out);
        }

        Figure figure(Node n, String where) {
            Map<String, Node> f = in.fields(n, where + ": figure", "{file: image.png, caption: {zh: …, en: …}}", List.of("file", "caption"),
                    List.of("file", "caption"));
            if (f == null || !f.containsKey("file") || !f.containsKey("caption")) {
                return null;
            }
            Path p = asset(f.get("file"), where + ": figure file");
            Bilingual caption = bilingual(f.get("caption"), where, "figure caption", false, false);
            String name = p == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (p != null && !name.matches(".*\\.(png|jpe?g|gif|svg)")) {
                in.problem(f.get("file"), where + ": figure file '" + p.getFileName() + "' is not an image; expected .png, .jpg, .gif or .svg");
                return null;
            }
            return p == null || caption == null ? null : new Figure(p, ((ScalarNode) f.get("file")).getValue(), caption);
        }

        Question question(Node n, String where) {
            String what = where + ": question";
            Map<String, Node> f = in.fields(n, what, "a question with prompt, choices, answer, explanation", QUESTION_FIELDS,
                    QUESTION_FIELDS);
            if (f == null || f.size() < QUESTION_FIELDS.size()) {
                if (f != null) {
                    // still read what is there, to report every problem
                    f.forEach((k, v) -> {
                        if (!k.equals("choices") && !k.equals("answer")) {
                            bilingual(v, what, k, false, false);
                        }
                    });
                }
                return null;
            }
            Bilingual prompt = bilingual(f.get("prompt"), what, "prompt", false, false);
            Bilingual explanation = bilingual(f.get("explanation"), what, "explanation", false, false);
            List<Node> items = in.list(f.get("choices"), what + " choices", "a list of at least two choices, each {zh: …, en: …}");
            List<Bilingual> choices = new ArrayList<>();
            if (items != null) {
                if (items.size() < 2 || items.size() > 8) {
                    in.problem(f.get("choices"), what + " has " + items.size() + " choices; expected 2 to 8");
                    items = null;
                } else {
                    for (int i = 0; i < items.size(); i++) {
                        choices.add(bilingual(items.get(i), what, "choice " + (i + 1), false, false));
                    }
                }
            }
            Long answer = ValueType.parseInt(f.get("answer"));
            if (answer == null || answer < 0) {
                in.problem(f.get("answer"), what + " answer is " + NodeReader.found(f.get("answer"))
                        + "; expected the index of the right choice, counting from 0");
                return null;
            }
            if (items != null && answer >= items.size()) {
                in.problem(f.get("answer"), what + " answer is " + answer + " but there are only " + items.size()
                        + " choices (0 to " + (items.size() - 1) + ", counting from 0)");
                return null;
            }
            if (prompt == null || explanation == null || items == null || choices.contains(null)) {
                return null;
            }
            return new Question(prompt, choices, answer.intValue(), explanation);
        }

        List<CheckSpec> checks(Node n, String where, StateMap stepState) {
            List<Node> items = in.list(n, where + ": checks", "a list of checks");
            if (items == null) {
                return null;
            }
            List<CheckSpec> out = new ArrayList<>();
            Map<String, Integer> ids = new HashMap<>();
            boolean complete = true;
            for (int i = 0; i < items.size(); i++) {
                CheckSpec c = check(items.get(i), where, i, stepState, ids);
                if (c == null) {
                    complete = false;
                } else {
                    out.add(c);
                }
            }
            return complete ? out : null;
        }

        CheckSpec check(Node n, String where, int index, StateMap stepState, Map<String, Integer> ids) {
            String provisional = where + ": check " + (index + 1);
            Map<String, Node> f = in.fields(n, provisional, "a check (a mapping with kind, expect and the kind's inputs)", null,
                    List.of("kind", "expect"));
            if (f == null) {
                return null;
            }
            String id = f.containsKey("id") ? id(f.get("id"), provisional + ": id") : "check-" + (index + 1);
            if (id == null) {
                return null;
            }
            String what = where + ": check '" + id + "'";
            Integer first = ids.putIfAbsent(id, NodeReader.line(f.containsKey("id") ? f.get("id") : n));
            if (first != null) {
                in.problem(f.containsKey("id") ? f.get("id") : n, where + ": check id '" + id + "' is used twice (first on line " + first + ")");
            }
            if (!f.containsKey("kind")) {
                return null;
            }
            String kindName = in.text(f.get("kind"), what + ": kind");
            if (kindName == null) {
                return null;
            }
            CheckKind kind = checks.find(kindName).orElse(null);
            if (kind == null) {
                String hint = Set.of("arithmetic", "expression", "eval", "formula", "script").contains(kindName)
                        ? "; lessons cannot contain expressions or code, only named computations" : "";
                in.problem(f.get("kind"), what + ": unknown kind '" + kindName + "' (known: " + String.join(", ", checks.names()) + ")" + hint);
                return null;
            }
            what = where + ": check '" + id + "' (" + kindName + ")";
            double tolerance = DEFAULT_TOLERANCE;
            if (f.containsKey("tolerance")) {
                StateValue t = ValueType.number(0, 1e6).read(f.get("tolerance"), in, what + ": tolerance");
                if (t == null) {
                    return null;
                }
                tolerance = ((StateValue.Num) t).value();
            }
            // inputs: every field other than id/kind/tolerance/expect
            List<String> inputNames = kind.inputs().stream().map(Key::name).toList();
            Map<String, StateValue> given = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, Node> e : f.entrySet()) {
                if (CHECK_FIELDS.contains(e.getKey())) {
                    continue;
                }
                Optional<Key> key = kind.inputs().stream().filter(k -> k.name().equals(e.getKey())).findFirst();
                if (key.isEmpty()) {
                    in.problem(e.getValue(), what + ": unknown input '" + e.getKey() + "' (inputs: " + String.join(", ", inputNames)
                            + "; and id, kind, tolerance, expect)");
                    ok = false;
                    continue;
                }
                StateValue v = key.get().type().read(e.getValue(), in, what + ": " + e.getKey());
                if (v == null) {
                    ok = false;
                } else {
                    given.put(e.getKey(), v);
                }
            }
            Map<String, StateValue> inputs = new LinkedHashMap<>(kind.defaults().asMap());
            for (String k : kind.fromState()) {
                stepState.get(k).ifPresent(v -> inputs.put(k, v));
            }
            inputs.putAll(given);
            for (Key k : kind.inputs()) {
                if (k.required() && !inputs.containsKey(k.name()) && !f.containsKey(k.name())) {
                    in.problem(n, what + ": missing input '" + k.name() + "'"
                            + (kind.fromState().contains(k.name()) ? " (give it here or in the step's state)" : ""));
                    ok = false;
                }
            }
            StateMap expect = StateMap.empty();
            if (f.containsKey("expect")) {
                List<String> expNames = kind.expectations().stream().map(Key::name).toList();
                Map<String, Node> ef = in.fields(f.get("expect"), what + ": expect",
                        "a mapping of stated values (" + String.join(", ", expNames) + ")", expNames, null);
                if (ef == null) {
                    return null;
                }
                if (ef.isEmpty()) {
                    in.problem(f.get("expect"), what + ": expect states nothing; give at least one of " + String.join(", ", expNames));
                    return null;
                }
                Map<String, StateValue> ev = new LinkedHashMap<>();
                for (Map.Entry<String, Node> e : ef.entrySet()) {
                    Key key = kind.expectations().stream().filter(k -> k.name().equals(e.getKey())).findFirst().orElseThrow();
                    StateValue v = key.type().read(e.getValue(), in, what + ": expect " + e.getKey());
                    if (v == null) {
                        ok = false;
                    } else {
                        ev.put(e.getKey(), v);
                    }
                }
                expect = StateMap.of(ev);
            }
            if (!ok || !f.containsKey("expect")) {
                return null;
            }
            StateMap in1 = StateMap.of(inputs);
            List<String> semantic = kind.validate(in1, expect);
            for (String s : semantic) {
                in.problem(n, what + ": " + s);
            }
            return semantic.isEmpty() ? new CheckSpec(id, kindName, in1, expect, tolerance, NodeReader.line(n)) : null;
        }
    }
}

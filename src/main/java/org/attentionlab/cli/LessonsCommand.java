package org.attentionlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attentionlab.lesson.CheckRunner;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.LessonProblem;
import org.attentionlab.lesson.Step;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The step-through lessons: list them, validate them (format and every stated number). */
@Command(name = "lessons", mixinStandardHelpOptions = true,
        description = {"Step-through lessons (folders NN-slug/lesson.yaml; the format is in lessons/README.md).",
            "'lessons list' shows them, 'lessons validate' checks the files and recomputes every number they state."},
        subcommands = {LessonsCommand.ListLessons.class, LessonsCommand.ValidateLessons.class})
public final class LessonsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The lessons folder both sub-commands read (a picocli mixin). */
    static final class LessonsDir {

        @Parameters(index = "0", arity = "0..1", defaultValue = "lessons", paramLabel = "DIR",
                description = "the lessons folder (default: ${DEFAULT-VALUE}, relative to the working directory)")
        Path dir;

        LessonLibrary load() {
            return LessonLibrary.load(dir);
        }
    }

    /** Lists the lessons of a folder, good and broken. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the lessons of DIR by order: id, steps, checks, title; broken lessons are listed with their problem count."
                    + " Exit 0 (use 'lessons validate' to fail on problems).")
    static final class ListLessons implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LessonsDir lessons;

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() throws Exception {
            Options.requireOneOf("--format", format, "text", "json");
            LessonLibrary library = lessons.load();
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (LessonLibrary.Entry e : library.entries()) {
                    rows.add(json(e));
                }
                rows.sort((a, b) -> Integer.compare((int) a.getOrDefault("order", 999), (int) b.getOrDefault("order", 999)));
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } else {
                for (Lesson l : library.lessons()) {
                    out.printf("%2d  %-22s %2d steps %3d checks  %s / %s%n", l.order(), l.id(), l.steps().size(), l.checkCount(),
                            l.title().en(), l.title().zh());
                }
                for (LessonLibrary.Entry e : library.entries()) {
                    if (!e.ok()) {
                        out.printf("--  %-22s BROKEN: %d problem%s (run 'lessons validate %s')%n", e.name(), e.problems().size(),
                                e.problems().size() == 1 ? "" : "s", lessons.dir);
                    }
                }
            }
            out.flush();
            return 0;
        }

        private static Map<String, Object> json(LessonLibrary.Entry e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folder", e.name());
            m.put("ok", e.ok());
            e.lesson().ifPresent(l -> {
                m.put("id", l.id());
                m.put("order", l.order());
                m.put("title", Map.of("zh", l.title().zh(), "en", l.title().en()));
                m.put("summary", Map.of("zh", l.summary().zh(), "en", l.summary().en()));
                m.put("steps", l.steps().size());
                m.put("checks", l.checkCount());
                LinkedHashSet<String> views = new LinkedHashSet<>();
                l.steps().stream().map(Step::view).forEach(views::add);
                m.put("views", List.copyOf(views));
            });
            m.put("problems", e.problems().stream().map(LessonProblem::toString).toList());
            return m;
        }
    }

    /** Validates every lesson and runs every check. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Validate every lesson of DIR (format, views, state keys, assets, formulas) and recompute every number the lessons state.",
                "Exit 0 when all are valid; exit 2 listing every problem, one per line, as FILE:LINE: message."})
    static final class ValidateLessons implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LessonsDir lessons;

        @Override
        public Integer call() {
            LessonLibrary library = lessons.load();
            List<LessonProblem> problems = new ArrayList<>(library.problems());
            java.util.Set<Path> brokenFolders = new java.util.HashSet<>();
            LatexFormulaCheck formulas = new LatexFormulaCheck();
            for (Lesson l : library.lessons()) {
                List<LessonProblem> bad = formulas.problems(l);
                problems.addAll(bad);
                if (!bad.isEmpty()) {
                    brokenFolders.add(l.folder());
                }
            }
            List<CheckRunner.Outcome> outcomes = new CheckRunner().run(library.lessons());
            problems.addAll(CheckRunner.problems(outcomes));
            problems.sort(null);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            long lessons = library.entries().size();
            long steps = library.lessons().stream().mapToLong(l -> l.steps().size()).sum();
            if (problems.isEmpty()) {
                out.printf("%d lessons, %d steps, %d checks: all valid%n", lessons, steps, outcomes.size());
                out.flush();
                return Cli.OK;
            }
            problems.forEach(p -> err.println(p));
            library.entries().stream().filter(e -> !e.ok()).forEach(e -> brokenFolders.add(e.folder()));
            outcomes.stream().filter(o -> !o.passed()).forEach(o -> brokenFolders.add(o.lesson().folder()));
            long broken = brokenFolders.size();
            out.printf("%d problem%s in %d of %d lessons%n", problems.size(), problems.size() == 1 ? "" : "s", broken, lessons);
            out.flush();
            err.flush();
            return Cli.BAD_INPUT;
        }
    }
}

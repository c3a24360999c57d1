package org.attentionlab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * All lesson folders of a directory, loaded independently: a broken lesson reports its problems
 * and the others still load. Lessons are ordered by {@code order}; lesson ids and orders must be
 * unique across the library.
 */
public final class LessonLibrary {

    /**
     * One lesson folder.
     *
     * @param folder   the folder
     * @param lesson   the lesson when it loaded without problems
     * @param problems its problems (empty for a good lesson)
     */
    public record Entry(Path folder, Optional<Lesson> lesson, List<LessonProblem> problems) {
        public Entry {
            problems = List.copyOf(problems);
        }

        public String name() {
            return folder.getFileName().toString();
        }

        public boolean ok() {
            return problems.isEmpty() && lesson.isPresent();
        }
    }

    private final Path directory;
    private final List<Entry> entries;

    private LessonLibrary(Path directory, List<Entry> entries) {
        this.directory = directory;
        this.entries = List.copyOf(entries);
    }

    /** Loads every sub-folder of {@code directory} (hidden ones skipped) with the standard catalogues. */
    public static LessonLibrary load(Path directory) {
        return load(directory, new LessonLoader());
    }

    /**
     * Loads every sub-folder of {@code directory}.
     *
     * @throws IllegalArgumentException when the directory does not exist or cannot be listed
     */
    public static LessonLibrary load(Path directory, LessonLoader loader) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no lessons folder at '" + directory
                    + "' (expected a folder of lesson folders such as 04-cross-attention/lesson.yaml)");
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(directory)) {
            folders = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the lessons folder '" + directory + "': " + e.getMessage(), e);
        }
        List<LessonLoader.Result> results = folders.stream().map(loader::load).toList();
        // ids and orders must be unique across lessons: the later folder gets the problem
        Map<String, Path> ids = new HashMap<>();
        Map<Integer, Path> orders = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (LessonLoader.Result r : results) {
            List<LessonProblem> problems = new ArrayList<>(r.problems());
            if (r.lesson().isPresent()) {
                Lesson l = r.lesson().get();
                Path firstId = ids.putIfAbsent(l.id(), l.file());
                if (firstId != null) {
                    problems.add(new LessonProblem(l.file(), r.idLine(), "lesson id '" + l.id()
                            + "' is already used by " + firstId));
                }
                Path firstOrder = orders.putIfAbsent(l.order(), l.file());
                if (firstOrder != null) {
                    problems.add(new LessonProblem(l.file(), r.orderLine(), "order " + l.order()
                            + " is already used by " + firstOrder));
                }
            }
            entries.add(new Entry(r.folder(), problems.isEmpty() ? r.lesson() : Optional.empty(), problems));
        }
        return new LessonLibrary(directory, entries);
    }

    public Path directory() {
        return directory;
    }

    /** Every folder, in folder-name order, good or not. */
    public List<Entry> entries() {
        return entries;
    }

    /** The lessons that loaded without problems, by order. */
    public List<Lesson> lessons() {
        return entries.stream().flatMap(e -> e.lesson().stream()).sorted(Comparator.comparingInt(Lesson::order)).toList();
    }

    public Optional<Lesson> find(String id) {
        return lessons().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** Every problem of every lesson, by file and line. */
    public List<LessonProblem> problems() {
        return entries.stream().flatMap(e -> e.problems().stream()).sorted().toList();
    }

    public boolean ok() {
        return entries.stream().allMatch(Entry::ok);
    }
}

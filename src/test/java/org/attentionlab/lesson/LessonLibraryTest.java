package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library of folders: broken lessons report, the others load; ids and orders are unique. */
class LessonLibraryTest {

    @Test
    void aBrokenLessonDoesNotStopTheOthers(@TempDir Path root) throws Exception {
        LessonTexts.write(root, "04-cross-attention", LessonTexts.VALID);
        LessonTexts.write(root, "05-broken", LessonTexts.VALID.replace("order: 4", "order: 5").replace("id: cross-attention", "id: broken")
                .replace("view: qkv", "view: heatmapp"));
        LessonTexts.folder(root, "06-empty");
        LessonTexts.folder(root, ".git");
        LessonLibrary lib = LessonLibrary.load(root);
        assertEquals(List.of("cross-attention"), lib.lessons().stream().map(Lesson::id).toList());
        assertEquals(3, lib.entries().size());
        assertFalse(lib.ok());
        assertEquals(List.of(
                root.resolve("05-broken/lesson.yaml") + ":9: step 'weights': unknown view 'heatmapp' (known: qkv, multihead, pe, mask, bleu, tokenizer, embedding, text, model, training, cross-attention, decoding)",
                root.resolve("06-empty") + ": no lesson.yaml in this folder"),
                lib.problems().stream().map(LessonProblem::toString).toList());
    }

    @Test
    void lessonIdsAndOrdersAreUniqueAcrossTheLibrary(@TempDir Path root) throws Exception {
        LessonTexts.write(root, "04-cross-attention", LessonTexts.VALID);
        LessonTexts.write(root, "04-copy", LessonTexts.VALID);
        LessonLibrary lib = LessonLibrary.load(root);
        assertEquals(List.of(
                root.resolve("04-cross-attention/lesson.yaml") + ":1: lesson id 'cross-attention' is already used by " + root.resolve("04-copy/lesson.yaml"),
                root.resolve("04-cross-attention/lesson.yaml") + ":2: order 4 is already used by " + root.resolve("04-copy/lesson.yaml")),
                lib.problems().stream().map(LessonProblem::toString).toList());
        assertEquals(1, lib.lessons().size());
    }

    @Test
    void aMissingFolderIsOneClearError(@TempDir Path root) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LessonLibrary.load(root.resolve("nope")));
        assertEquals("no lessons folder at '" + root.resolve("nope") + "' (expected a folder of lesson folders such as 04-cross-attention/lesson.yaml)",
                e.getMessage());
    }

    @Test
    void aNewViewNeedsNoFormatChange(@TempDir Path root) throws Exception {
        String yaml = LessonTexts.VALID + """
                  - id: beam
                    view: beam-search
                    state: {beams: 4}
                    text: {zh: 束宽为 4。, en: A beam of 4.}
                """;
        Path folder = LessonTexts.write(root, "04-cross-attention", yaml);
        assertFalse(new LessonLoader().load(folder).ok());
        ViewCatalog more = ViewCatalog.standard().with(new ViewSpec("beam-search", "beam search",
                List.of(Key.optional("beams", ValueType.integer(1, 1000), "beams")), List.of("beams")));
        LessonLoader.Result r = new LessonLoader(more, CheckCatalog.standard()).load(folder);
        assertEquals(List.of(), r.problems());
        assertEquals(4L, r.lesson().orElseThrow().steps().get(1).state().integer("beams").orElseThrow());
        Files.delete(folder.resolve("lesson.yaml"));
    }
}

package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.embedding.EmbeddingView;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.tokenizer.TokenizerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Every step of every lesson that shows the tokenizer or the embedding view, applied to the real
 * view in the window (as the lesson player does): the view computes without an error, shows what
 * the step's text says, and each lesson's first such step is saved as a screenshot in both languages.
 */
@ExtendWith(ApplicationExtension.class)
class TokenEmbeddingLessonsWindowTest {

    /** Steps photographed (in English) besides each lesson's first: BERT's input sums, the [UNK], the PCA. */
    private static final List<String> EXTRA_SHOTS = List.of("three-embeddings", "why-unk", "flatten");

    @RegisterExtension
    final TestWindow window = TestWindow.opening();

    /** Shows the step's view and applies its complete state; returns the view once it has computed. */
    private LessonView apply(FxRobot robot, Step step) throws Exception {
        robot.interact(() -> assertTrue(window.ui().shell().show(step.view()), "a page for view " + step.view()));
        String id = step.view().equals("tokenizer") ? "#tokenizer-view" : "#embedding-view";
        LessonView view = (LessonView) robot.lookup(id).query();
        assertEquals(step.view(), view.lessonViewName());
        robot.interact(() -> view.applyLessonState(step.state()));
        waitUntil(() -> !view.busyProperty().get());
        return view;
    }

    @Test
    void everyTokenizerAndEmbeddingStepShowsWhatItsTextSays(FxRobot robot) throws Exception {
        LessonLibrary library = LessonLibrary.load(Path.of("lessons"));
        List<String> shot = new ArrayList<>();
        int steps = 0;
        for (Lesson lesson : library.lessons()) {
            for (Step step : lesson.steps()) {
                if (!step.view().equals("tokenizer") && !step.view().equals("embedding")) {
                    continue;
                }
                LessonView view = apply(robot, step);
                steps++;
                String where = lesson.id() + "/" + step.id();
                if (view instanceof TokenizerView t) {
                    assertNull(t.viewModel().errorProperty().get(), where);
                    assertTrue(!t.viewModel().chipsProperty().get().isEmpty(), where);
                } else {
                    EmbeddingView e = (EmbeddingView) view;
                    assertNull(e.viewModel().errorProperty().get(), where);
                    assertTrue(e.viewModel().inputProperty().get() != null, where);
                }
                robot.interact(() -> showsWhatTheTextSays(where, view));
                boolean first = !shot.contains(lesson.id());
                if (first || EXTRA_SHOTS.contains(step.id())) {
                    shot.add(lesson.id());
                    String name = "lesson-" + lesson.order() + "-" + step.id();
                    window.save(name + "-en");
                    if (first) {
                        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
                        window.save(name + "-zh");
                        robot.interact(() -> window.i18n().setLocale(Locale.ENGLISH));
                    }
                }
            }
        }
        assertTrue(steps >= 15, "steps on the tokenizer and embedding views: " + steps);
        assertTrue(shot.containsAll(List.of("bert-input", "tokenizer", "word-embeddings")), shot.toString());
    }

    /** The numbers a few steps' texts state, as the view shows them (the checks recompute them too). */
    private static void showsWhatTheTextSays(String where, LessonView view) {
        switch (where) {
            case "tokenizer/why-unk" -> {
                var chip = ((TokenizerView) view).viewModel().focusedProperty().get();
                assertEquals("[UNK]", chip.token(), where);
                assertEquals(100, chip.id(), where);
                assertEquals(103, ((TokenizerView) view).viewModel().chipsProperty().get().size(), where);
            }
            case "tokenizer/truncation" -> {
                assertEquals(16, ((TokenizerView) view).viewModel().chipsProperty().get().size(), where);
                assertEquals(6, ((TokenizerView) view).viewModel().encodingProperty().get().truncatedTokens(), where);
            }
            case "word-embeddings/distance" -> {
                EmbeddingView e = (EmbeddingView) view;
                e.applyCss();
                e.layout();
                assertEquals("0.0866", e.heatmap("distances").cellText(0, 1), where);
                assertEquals("0.8441", e.heatmap("distances").cellText(0, 2), where);
            }
            case "word-embeddings/dot-product" -> {
                EmbeddingView e = (EmbeddingView) view;
                e.applyCss();
                e.layout();
                assertEquals("0.7600", e.heatmap("similarities").cellText(0, 2), where);
                assertEquals("0.3600", e.heatmap("similarities").cellText(0, 1), where);
                assertTrue(e.viewModel().pairReadoutProperty().get().args().contains("0.7600"), "the pair 猫–爱 is spelt out");
            }
            case "word-embeddings/flatten" ->
                    assertTrue(((EmbeddingView) view).viewModel().pcaKeptProperty().get().args().contains("99.996\u00A0%"), where);
            default -> {
            }
        }
    }
}

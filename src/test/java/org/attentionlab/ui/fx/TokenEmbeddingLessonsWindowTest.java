package org.attentionlab.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.embedding.EmbeddingView;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.tokenizer.TokenizerView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every step of every lesson that shows the tokenizer or the embedding view, applied to the real
 * view in the window (as the lesson player does): the view computes without an error, shows what
 * the step's text says, and each lesson's first such step is saved as a screenshot in both languages.
 */
@ExtendWith(ApplicationExtension.class)
class TokenEmbeddingLessonsWindowTest {

    static {
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    /** Steps photographed besides each lesson's first: BERT's input sums and the PCA. */
    private static final List<String> EXTRA_SHOTS = List.of("three-embeddings", "flatten");

    private AttentionLabApp.Ui ui;
    private I18n i18n;
    private ExecutorService engineThread;
    private javafx.stage.Stage stage;

    @Start
    void start(javafx.stage.Stage stage) {
        this.stage = stage;
        engineThread = AttentionLabApp.newEngineThread();
        i18n = new I18n(Locale.ENGLISH);
        ui = AttentionLabApp.compose(i18n, new Appearance(), new Nd4jEngineService(), new UiExecutors(engineThread, Platform::runLater));
        ui.window().attach(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1920);
        stage.setHeight(1080);
        stage.show();
    }

    @AfterEach
    void stop() {
        engineThread.shutdownNow();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows the step's view and applies its complete state; returns the view once it has computed. */
    private LessonView apply(FxRobot robot, Step step) throws Exception {
        robot.interact(() -> assertTrue(ui.shell().show(step.view()), "a page for view " + step.view()));
        String id = step.view().equals("tokenizer") ? "#tokenizer-view" : "#embedding-view";
        LessonView view = (LessonView) robot.lookup(id).query();
        assertEquals(step.view(), view.lessonViewName());
        robot.interact(() -> view.applyLessonState(step.state()));
        waitUntil(() -> !view.busyProperty().get());
        return view;
    }

    @Test
    void everyTokenizerAndEmbeddingStepShowsWithoutAnError(FxRobot robot) throws Exception {
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
                if (!shot.contains(lesson.id()) || EXTRA_SHOTS.contains(step.id())) {
                    shot.add(lesson.id());
                    FxScreens.save(stage.getScene(), "lesson-" + lesson.order() + "-" + step.id() + "-en");
                    robot.interact(() -> i18n.setLocale(Locale.SIMPLIFIED_CHINESE));
                    FxScreens.save(stage.getScene(), "lesson-" + lesson.order() + "-" + step.id() + "-zh");
                    robot.interact(() -> i18n.setLocale(Locale.ENGLISH));
                }
            }
        }
        assertTrue(steps >= 15, "steps on the tokenizer and embedding views: " + steps);
        assertTrue(shot.containsAll(List.of("bert-input", "tokenizer", "word-embeddings")), shot.toString());
    }

    @Test
    void theTokenizerLessonShowsTheNotebooksUnk(FxRobot robot) throws Exception {
        Lesson lesson = LessonLibrary.load(Path.of("lessons")).find("tokenizer").orElseThrow();
        TokenizerView view = (TokenizerView) apply(robot, lesson.step("why-unk").orElseThrow());
        var chip = view.viewModel().focusedProperty().get();
        assertEquals("[UNK]", chip.token());
        assertEquals(100, chip.id());
        assertEquals(103, view.viewModel().chipsProperty().get().size());
        FxScreens.save(stage.getScene(), "lesson-15-why-unk-en");
        view = (TokenizerView) apply(robot, lesson.step("truncation").orElseThrow());
        assertEquals(16, view.viewModel().chipsProperty().get().size());
        assertEquals(6, view.viewModel().encodingProperty().get().truncatedTokens());
    }

    @Test
    void theWordEmbeddingLessonShowsTheNumbersItsTextStates(FxRobot robot) throws Exception {
        Lesson lesson = LessonLibrary.load(Path.of("lessons")).find("word-embeddings").orElseThrow();
        EmbeddingView view = (EmbeddingView) apply(robot, lesson.step("distance").orElseThrow());
        waitUntil(() -> view.heatmap("distances").cellText(0, 1) != null);
        assertEquals("0.0866", view.heatmap("distances").cellText(0, 1));
        assertEquals("0.8441", view.heatmap("distances").cellText(0, 2));
        apply(robot, lesson.step("dot-product").orElseThrow());
        waitUntil(() -> "0.7600".equals(view.heatmap("similarities").cellText(0, 2)));
        assertEquals("0.3600", view.heatmap("similarities").cellText(0, 1));
        robot.interact(() -> i18n.setLocale(Locale.SIMPLIFIED_CHINESE));
        FxScreens.save(stage.getScene(), "lesson-17-dot-product-zh");
        apply(robot, lesson.step("flatten").orElseThrow());
        assertTrue(view.viewModel().pcaKeptProperty().get().args().contains("99.996 %"));
    }
}

package org.attentionlab.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.lessons.LessonPlayer;
import org.attentionlab.ui.lessons.LessonPlayerViewModel;
import org.attentionlab.ui.lessons.LessonPlayerViewModel.Placement;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.widgets.FormulaRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lesson player in the real window at 1920×1080, headless: the library, lesson 4 stepped with
 * the keyboard (a clicker's keys), a question answered before the step reveals itself, the numbers
 * the view shows, going back, presenter mode and the teacher's window, and resuming after a
 * restart with the same settings file. Screenshots in both languages.
 */
@ExtendWith(ApplicationExtension.class)
class LessonPlayerWindowTest {

    static {
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    private static Path settingsDir;
    private AttentionLabApp.Ui ui;
    private I18n i18n;
    private Appearance appearance;
    private ExecutorService engineThread;
    private javafx.stage.Stage stage;
    private Path settingsFile;

    @BeforeAll
    static void folder() throws Exception {
        settingsDir = Files.createTempDirectory("attention-lab-player-test");
    }

    @Start
    void start(javafx.stage.Stage primary) throws Exception {
        this.stage = primary;
        engineThread = AttentionLabApp.newEngineThread();
        i18n = new I18n(Locale.ENGLISH);
        appearance = new Appearance();
        settingsFile = Files.createTempFile(settingsDir, "settings", ".json");
        Files.delete(settingsFile);
        ui = compose(SettingsStore.open(settingsFile));
        ui.window().attach(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1920);
        stage.setHeight(1080);
        stage.show();
        ui.shell().loadBackend();
    }

    private AttentionLabApp.Ui compose(SettingsStore settings) {
        return AttentionLabApp.compose(new Services(i18n, appearance, new Nd4jEngineService(),
                new UiExecutors(engineThread, Platform::runLater),
                new FormulaRenderer(CjkFonts.choose(javafx.scene.text.Font.getFamilies()).orElse(null)), settings));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (ui.lessons().presentingProperty().get()) {
                ui.lessons().togglePresenter();
            }
            ui.lessons().showTeacher(false);
            stage.setScene(null); // the old window lets go before its engine thread stops
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        engineThread.shutdownNow();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private LessonPlayerViewModel player() {
        return ui.lessons().viewModel();
    }

    private QkvView qkv(FxRobot robot) {
        return robot.lookup("#qkv-view").queryAs(QkvView.class);
    }

    private void waitForView(FxRobot robot) throws Exception {
        waitUntil(() -> ui.shell().backendStateProperty().get() == ShellViewModel.BackendState.READY);
        waitUntil(() -> !robot.lookup("#qkv-view").queryAll().isEmpty() && !qkv(robot).busyProperty().get()
                && qkv(robot).heatmap(Stage.WEIGHTS).getData() != null);
    }

    /** Waits for the step shown: its Q/K/V view when it has one (lesson 5 opens with a text step). */
    private void waitForStep(FxRobot robot) throws Exception {
        waitUntil(() -> player().stepProperty().get() != null);
        if ("qkv".equals(WaitForAsyncUtils.asyncFx(() -> player().stepProperty().get().view()).get())) {
            waitForView(robot);
        } else {
            waitUntil(() -> ui.shell().backendStateProperty().get() == ShellViewModel.BackendState.READY);
        }
    }

    private Map<Stage, Matrix> shown(QkvView view) {
        Map<Stage, Matrix> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, view.heatmap(s).getData());
        }
        return m;
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private boolean showsText(FxRobot robot, String parentId, String fragment) {
        Node parent = robot.lookup(parentId).query();
        return parent.lookupAll(".md-text").stream().anyMatch(n -> n instanceof javafx.scene.text.Text t && t.getText().contains(fragment))
                || parent.lookupAll(".label").stream().anyMatch(n -> n instanceof Label l && l.getText().contains(fragment));
    }

    private void openLibrary(FxRobot robot) throws Exception {
        robot.interact(() -> ui.shell().show(LessonPlayer.PAGE_ID));
        waitUntil(() -> player().items().size() >= 13 && !robot.lookup("#lesson-card-cross-attention").queryAll().isEmpty());
    }

    @Test
    void theLibraryOpensLessonFourStepsWithTheKeyboardAndRevealsAfterTheAnswer(FxRobot robot) throws Exception {
        openLibrary(robot);
        assertEquals("lessons", ui.shell().pages().get(0).id(), "the lessons come first in the navigation");
        assertTrue(text(robot, "#lesson-progress-cross-attention").startsWith("Not started"));
        FxScreens.save(stage.getScene(), "lessons-library-en");

        robot.clickOn("#lesson-open-cross-attention");
        waitForView(robot);
        assertEquals(Placement.VIEW, player().placementProperty().get());
        assertEquals("qkv", ui.shell().selectedPageProperty().get().id());
        assertSame(robot.lookup("#step-panel").query(), ui.window().root().getRight(), "the step panel is docked beside the view");
        QkvView view = qkv(robot);
        assertEquals("Step 1 of 4", text(robot, "#step-counter"));
        assertEquals("1.00", view.heatmap(Stage.SCORES).cellText(0, 2), "H₂·h₃ = 1.0");
        assertEquals(List.of("H₂"), view.viewModel().queryTokensProperty().get());

        robot.type(KeyCode.RIGHT);
        waitForView(robot);
        assertEquals(1, player().stepIndexProperty().get());
        assertFalse(player().revealedProperty().get());
        assertTrue(view.getOpacity() < 0.1, "the view is veiled until the student predicts");
        assertTrue(robot.lookup("#step-text").queryAll().isEmpty(), "the text would give the answer away");
        FxScreens.save(stage.getScene(), "lesson-04-question-en");

        robot.type(KeyCode.DIGIT3); // 高兴 (h₃)
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(player().revealedProperty().get());
        assertEquals(1.0, view.getOpacity());
        assertEquals("✓ Right: 高兴 (h₃).", text(robot, "#question-feedback"));
        assertTrue(showsText(robot, "#step-text", "0.452"));
        // the highlighted weight α₁,₃ as the view shows it: the cell and its derivation
        assertEquals("0.45", view.heatmap(Stage.WEIGHTS).cellText(0, 2));
        assertTrue(showsText(robot, "#qkv-derivation", "0.4519"), "the derivation ends in 0.4519");
        Map<Stage, Matrix> atWeights = shown(view);
        FxScreens.save(stage.getScene(), "lesson-04-weights-en");

        robot.type(KeyCode.PAGE_DOWN); // a clicker's "next"
        waitForView(robot);
        assertEquals(2, player().stepIndexProperty().get());
        assertEquals("0.73", view.heatmap(Stage.OUTPUT).cellText(0, 0));
        assertEquals(Stage.OUTPUT, view.viewModel().focusProperty().get());

        robot.type(KeyCode.END);
        waitForView(robot);
        assertEquals(3, player().stepIndexProperty().get());
        assertEquals("0.42", view.heatmap(Stage.WEIGHTS).cellText(0, 2), "scaled: 0.416");

        robot.type(KeyCode.LEFT);
        waitForView(robot);
        robot.type(KeyCode.PAGE_UP);
        waitForView(robot);
        assertEquals(1, player().stepIndexProperty().get());
        assertEquals(atWeights, shown(view), "going back shows exactly what the step showed before");
        assertTrue(player().revealedProperty().get(), "answered in this sitting");

        robot.type(KeyCode.HOME);
        waitForView(robot);
        assertEquals(0, player().stepIndexProperty().get());

        robot.interact(() -> player().goTo(1));
        waitForView(robot);
        robot.interact(() -> i18n.setLocale(Locale.SIMPLIFIED_CHINESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("第 2 步，共 4 步", text(robot, "#step-counter"));
        assertTrue(showsText(robot, "#step-text", "凑整"));
        FxScreens.save(stage.getScene(), "lesson-04-weights-zh");
        robot.interact(() -> ui.shell().show(LessonPlayer.PAGE_ID));
        waitUntil(() -> text(robot, "#lesson-progress-cross-attention").equals("✓ 已学完"));
        FxScreens.save(stage.getScene(), "lessons-library-zh");
    }

    @Test
    void aWrongAnswerSaysSoAndShowAnswerRevealsWithoutOne(FxRobot robot) throws Exception {
        openLibrary(robot);
        robot.interact(() -> player().open("cross-attention"));
        robot.interact(() -> player().goTo(1));
        waitForView(robot);
        robot.clickOn("#choice-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("✗ Not quite: you chose \"我 (h₁)\"; the answer is \"高兴 (h₃)\".", text(robot, "#question-feedback"));
        assertTrue(robot.lookup("#choice-0").queryAll().isEmpty(), "answered: the choices make room for the step");
        robot.interact(() -> player().open("self-attention"));
        waitForStep(robot);
        int question = -1;
        var steps = player().lessonProperty().get().steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).question().isPresent()) {
                question = i;
                break;
            }
        }
        int q = question;
        robot.interact(() -> player().goTo(q));
        waitForStep(robot);
        assertFalse(player().revealedProperty().get());
        robot.clickOn("#step-reveal");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(player().revealedProperty().get());
        assertTrue(text(robot, "#question-feedback").startsWith("The answer is"));
    }

    @Test
    void aRestartWithTheSameSettingsResumesWhereTheStudentWas(FxRobot robot) throws Exception {
        openLibrary(robot);
        robot.clickOn("#lesson-open-self-attention");
        waitForStep(robot);
        robot.type(KeyCode.RIGHT);
        waitForStep(robot);
        robot.type(KeyCode.RIGHT);
        waitForStep(robot);
        assertEquals(2, player().stepIndexProperty().get());
        int stepCount = player().lessonProperty().get().steps().size();
        String stepId = player().stepProperty().get().id();
        // saved in the background, atomically
        waitUntil(() -> Files.exists(settingsFile) && Files.readString(settingsFile).contains("\"lesson.self-attention.step\" : \"" + stepId + "\""));

        // a second run of the app with the same settings file
        AttentionLabApp.Ui[] second = new AttentionLabApp.Ui[1];
        javafx.stage.Stage[] window = new javafx.stage.Stage[1];
        robot.interact(() -> {
            second[0] = compose(SettingsStore.open(settingsFile));
            window[0] = new javafx.stage.Stage();
            second[0].window().attach(window[0]);
            window[0].setWidth(1920);
            window[0].setHeight(1080);
            window[0].show();
            second[0].shell().show(LessonPlayer.PAGE_ID);
        });
        LessonPlayerViewModel again = second[0].lessons().viewModel();
        waitUntil(() -> !again.items().isEmpty());
        Node card = window[0].getScene().lookup("#lesson-progress-self-attention");
        assertEquals("Step 3 of " + stepCount, ((Label) card).getText());
        assertEquals("Resume", ((javafx.scene.control.Button) window[0].getScene().lookup("#lesson-open-self-attention")).getText());
        robot.interact(() -> ((javafx.scene.control.Button) window[0].getScene().lookup("#lesson-open-self-attention")).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, again.stepIndexProperty().get());
        assertEquals(stepId, again.stepProperty().get().id());
        robot.interact(() -> window[0].hide());
    }

    @Test
    void presenterModeEnlargesTheTypeAndTheTeachersWindowShowsNotesNextStepAndTimer(FxRobot robot) throws Exception {
        openLibrary(robot);
        robot.interact(() -> player().open("gpt"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Placement.READING, player().placementProperty().get());
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ui.lessons().presentingProperty().get());
        assertEquals(LessonPlayer.PRESENTER_FONT_SIZE, appearance.getFontSize());
        assertTrue(ui.shell().fullScreenProperty().get());
        assertFalse(ui.lessons().teacherShownProperty().get(), "one screen: the teacher's window waits to be asked for");
        FxScreens.save(stage.getScene(), "lesson-16-presenter-question-en");
        robot.type(KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        FxScreens.save(stage.getScene(), "lesson-16-presenter-text-en");
        javafx.scene.control.ScrollPane text = robot.lookup("#step-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        assertEquals(0.0, text.getVvalue());
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        boolean longer = text.getContent().getLayoutBounds().getHeight() > text.getViewportBounds().getHeight();
        assertEquals(longer, text.getVvalue() > 0, "↓ scrolls a step text exactly when it is longer than the screen");
        assertEquals(0, player().stepIndexProperty().get(), "and does not step");

        robot.type(KeyCode.F6);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ui.lessons().teacherShownProperty().get());
        Scene teacher = ui.lessons().teacherScene().orElseThrow();
        assertTrue(((Label) teacher.lookup("#teacher-title")).getText().contains("Step 1 of 11"));
        assertTrue(teacher.lookup("#teacher-notes").lookupAll(".md-text").stream()
                .anyMatch(n -> ((javafx.scene.text.Text) n).getText().contains("BERT")), "the notes of step 1");
        assertTrue(((Label) teacher.lookup("#teacher-timer")).getText().startsWith("This step 0:0"));
        FxScreens.save(teacher, "lesson-16-teacher-window-en");

        // a clicker in the teacher's window steps the lesson too
        robot.interact(() -> teacher.getWindow().requestFocus());
        robot.interact(() -> javafx.event.Event.fireEvent(teacher.getRoot(), new javafx.scene.input.KeyEvent(
                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.PAGE_DOWN, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, player().stepIndexProperty().get());
        assertTrue(((Label) teacher.lookup("#teacher-title")).getText().contains("Step 2 of 11"));

        robot.interact(() -> player().goTo(3)); // causal-weights: a qkv step with a question
        waitForView(robot);
        robot.interact(() -> i18n.setLocale(Locale.SIMPLIFIED_CHINESE));
        WaitForAsyncUtils.waitForFxEvents();
        FxScreens.save(stage.getScene(), "lesson-16-presenter-question-zh");
        FxScreens.save(teacher, "lesson-16-teacher-window-zh");
        robot.interact(() -> player().answer(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0.50", qkv(robot).heatmap(Stage.WEIGHTS).cellText(2, 2), "0.503");
        FxScreens.save(stage.getScene(), "lesson-16-presenter-weights-zh");

        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ui.lessons().presentingProperty().get());
        assertEquals(Appearance.DEFAULT_FONT_SIZE, appearance.getFontSize());
        assertFalse(ui.lessons().teacherShownProperty().get());
    }

    @Test
    void aMaskStepShowsTheMaskViewAndABrokenLessonListsItsProblems(FxRobot robot) throws Exception {
        // (a step whose view is not in the build is covered by LessonPlayerViewModelTest: every view is in this one)
        openLibrary(robot);
        robot.interact(() -> player().open("gpt"));
        int mask = player().lessonProperty().get().indexOf("mask-training");
        robot.interact(() -> player().goTo(mask));
        waitUntil(() -> "mask".equals(ui.shell().selectedPageProperty().get().id()));
        assertEquals(Placement.VIEW, player().placementProperty().get());
        assertEquals("mask", ui.shell().selectedPageProperty().get().id());
        assertTrue(showsText(robot, "#step-text", "in parallel"));
        FxScreens.save(stage.getScene(), "lesson-16-mask-view-en");

        // a folder of the teacher's own: one good lesson with a figure and an image, one broken
        Path root = Files.createTempDirectory(settingsDir, "own");
        Path good = Files.createDirectories(root.resolve("42-own"));
        BufferedImage png = new BufferedImage(300, 120, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = png.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(10, 10, 280, 100);
        g.dispose();
        ImageIO.write(png, "png", good.resolve("figure.png").toFile());
        Files.writeString(good.resolve("lesson.yaml"), """
                id: own
                order: 42
                title: {zh: 自己的课, en: My own lesson}
                summary: {zh: 老师自己写的一节课。, en: A lesson a teacher wrote.}
                steps:
                  - id: one
                    view: text
                    text:
                      zh: |
                        看图：

                        ![图](figure.png)
                      en: |
                        Look:

                        ![a figure](figure.png)
                    figure: {file: figure.png, caption: {zh: 一张图, en: A figure}}
                """);
        Path bad = Files.createDirectories(root.resolve("43-broken"));
        Files.writeString(bad.resolve("lesson.yaml"), "id: broken\norder: 43\ntitle: {zh: 坏, en: Broken}\nsteps: []\n");
        robot.interact(() -> ui.lessons().openFolder(root));
        waitUntil(() -> !robot.lookup("#lesson-card-broken-43-broken").queryAll().isEmpty());
        Node broken = robot.lookup("#lesson-card-broken-43-broken").query();
        assertTrue(broken.lookupAll(".lesson-problem").stream().anyMatch(n -> ((Label) n).getText().startsWith("43-broken/lesson.yaml:")));
        FxScreens.save(stage.getScene(), "lessons-library-opened-folder-en");
        assertEquals(root.toAbsolutePath().normalize().toString(),
                SettingsStore.open(settingsFile).getString("lessons.openedFolder").orElse(""), "remembered for the next run");

        robot.interact(() -> player().open("own"));
        waitUntil(() -> robot.lookup("#step-text").query().lookupAll(".lesson-image").stream()
                .anyMatch(n -> !((javafx.scene.layout.StackPane) n).getChildren().isEmpty()));
        waitUntil(() -> robot.lookup("#step-panel").query().lookupAll(".image-view").size() == 2);
        for (Node n : robot.lookup("#step-panel").query().lookupAll(".image-view")) {
            assertEquals(300, ((ImageView) n).getImage().getWidth());
        }
        FxScreens.save(stage.getScene(), "lesson-own-figure-en");
    }
}

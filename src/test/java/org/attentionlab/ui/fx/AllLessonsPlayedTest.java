package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.scene.Node;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.CheckRunner;
import org.attentionlab.lesson.CheckSpec;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonProblem;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.lessons.LessonPlayer;
import org.attentionlab.ui.lessons.LessonPlayerViewModel;
import org.attentionlab.ui.lessons.LessonPlayerViewModel.Placement;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.shell.LessonView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every step of every lesson in {@code lessons/}, played headless through the player in the real
 * window: the step's state goes to its view through the shell's pages, the view computes, the
 * step's checks are recomputed by the engine, and where a check restates numbers of the step's
 * own state (an {@code attention} check that takes Q, K, V from the state) the numbers the view
 * shows must be those. Then every lesson is played backwards and each view must show exactly what
 * it showed going forwards. A step whose view is not in this build is reported as skipped, with
 * the view named (its checks still run first). The first step of each lesson is saved under
 * {@code target/screenshots/lessons/} in Chinese ({@code -Dattentionlab.lessonScreenshots=zh,en}
 * adds English).
 */
class AllLessonsPlayedTest {

    static {
        TestWindow.projectorScreen();
    }

    private static ExecutorService engineThread;
    private static AttentionLabApp.Ui ui;
    private static I18n i18n;
    private static javafx.stage.Stage stage;
    /** What each step's view showed going forwards, to compare going backwards. */
    private static final Map<String, Object> forwards = new HashMap<>();
    /** Steps not shown because their view is not in this build, by view. */
    private static final Map<String, Integer> skipped = new java.util.TreeMap<>();

    @BeforeAll
    static void app() throws Exception {
        FxToolkit.registerPrimaryStage();
        engineThread = AttentionLabApp.newEngineThread();
        i18n = new I18n(Locale.ENGLISH);
        FxToolkit.setupFixture(() -> {
            ui = AttentionLabApp.compose(i18n, new Appearance(), new Nd4jEngineService(),
                    new UiExecutors(engineThread, Platform::runLater));
            stage = new javafx.stage.Stage();
            TestWindow.show(ui, stage);
            ui.shell().loadBackend();
            ui.shell().show(LessonPlayer.PAGE_ID);
        });
        waitUntil(() -> !player().items().isEmpty());
    }

    @AfterAll
    static void close() throws Exception {
        if (!skipped.isEmpty()) {
            System.out.println("AllLessonsPlayedTest: steps skipped because their view is not in this build: " + skipped);
        }
        FxToolkit.setupFixture(() -> {
            stage.setScene(null);
            stage.hide();
        });
        WaitForAsyncUtils.waitForFxEvents();
        engineThread.shutdownNow();
    }

    private static LessonPlayerViewModel player() {
        return ui.lessons().viewModel();
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @TestFactory
    Stream<DynamicNode> everyStepOfEveryLesson() {
        List<DynamicNode> lessons = new ArrayList<>();
        List<Lesson> all = player().items().stream().flatMap(i -> i.lesson().stream()).toList();
        lessons.add(DynamicTest.dynamicTest("the library: every lesson loads, every formula reads", () -> {
            List<String> problems = player().items().stream().flatMap(i -> i.problems().stream()).map(LessonProblem::toString).toList();
            assertEquals(List.of(), problems);
            assertTrue(all.size() >= 13, "lessons: " + all.size());
        }));
        for (Lesson lesson : all) {
            List<DynamicNode> steps = new ArrayList<>();
            for (int i = 0; i < lesson.steps().size(); i++) {
                int index = i;
                Step step = lesson.steps().get(i);
                steps.add(DynamicTest.dynamicTest((i + 1) + " " + step.id() + " (" + step.view() + ")",
                        () -> play(lesson, index, true)));
            }
            for (int i = lesson.steps().size() - 2; i >= 0; i--) {
                int index = i;
                Step step = lesson.steps().get(i);
                steps.add(DynamicTest.dynamicTest("back to " + (i + 1) + " " + step.id(), () -> play(lesson, index, false)));
            }
            lessons.add(DynamicContainer.dynamicContainer(lesson.folder().getFileName().toString(), steps));
        }
        return lessons.stream();
    }

    private void play(Lesson lesson, int index, boolean forward) throws Exception {
        Step step = lesson.steps().get(index);
        String key = lesson.id() + "/" + step.id();
        fx(() -> {
            if (player().lessonProperty().get() != lesson) {
                player().open(lesson);
            }
            player().goTo(index);
        });
        waitUntil(() -> player().viewProperty().get() == null || !player().viewProperty().get().busyProperty().get());
        assertEquals(index, player().stepIndexProperty().get());

        if (forward) {
            // the numbers the text states, recomputed by the engine (even where the view is missing)
            CheckRunner runner = new CheckRunner();
            for (CheckSpec c : step.checks()) {
                CheckRunner.Outcome o = runner.run(lesson, step, c);
                assertTrue(o.passed(), key + ": " + o.problems());
            }
        }
        Placement placement = player().placementProperty().get();
        if (forward && index == 0) {
            screenshot(lesson);
        }
        if (placement == Placement.MISSING) {
            skipped.merge(step.view(), 1, Integer::sum);
            Assumptions.abort(lesson.folder().getFileName() + " step " + (index + 1) + " '" + step.id() + "': view '" + step.view()
                    + "' is not in this build, so it was not shown (" + (step.checks().isEmpty() ? "no checks"
                    : step.checks().size() + (step.checks().size() == 1 ? " check" : " checks") + " passed")
                    + "); rerun after merging it");
        }
        if (step.view().equals("text")) {
            assertEquals(Placement.READING, placement);
        } else {
            assertEquals(Placement.VIEW, placement);
            LessonView view = player().viewProperty().get();
            assertEquals(step.view(), view.lessonViewName());
            assertEquals(step.view(), ui.shell().selectedPageProperty().get().view() instanceof LessonView v
                    ? v.lessonViewName() : null, "the shell shows the step's view");
            Object shown = shown(view);
            if (view instanceof QkvView qkv) {
                WaitForAsyncUtils.asyncFx(() -> {
                    assertNull(qkv.viewModel().errorProperty().get(), key + ": " + qkv.viewModel().errorProperty().get());
                    viewShowsTheCheckedNumbers(key, step, qkv);
                }).get(10, TimeUnit.SECONDS);
            }
            if (forward) {
                forwards.put(key, shown);
            } else {
                assertEquals(forwards.get(key), shown, key + ": going back shows what the step showed before");
            }
        }
    }

    /**
     * What a view shows, as far as a test can read it: for Q/K/V every matrix, the labels, the
     * highlight, the focus and the panels; for another view the matrices it exports.
     */
    private static Object shown(LessonView view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            if (view instanceof QkvView qkv) {
                Map<Stage, Matrix> m = new EnumMap<>(Stage.class);
                for (Stage s : Stage.values()) {
                    m.put(s, qkv.heatmap(s).getData());
                }
                return List.of(m, qkv.viewModel().tokensProperty().get(), qkv.viewModel().queryTokensProperty().get(),
                        String.valueOf(qkv.viewModel().selectedProperty().get()), String.valueOf(qkv.viewModel().focusProperty().get()),
                        qkv.lessonPanels());
            }
            // another view: the matrices it shows (the Exportable contract), else its pixels
            if (view instanceof org.attentionlab.ui.shell.Exportable e) {
                return e.exportMatrices();
            }
            javafx.scene.image.Image img = ((Node) view).snapshot(null, null);
            int[] argb = new int[(int) img.getWidth() * (int) img.getHeight()];
            img.getPixelReader().getPixels(0, 0, (int) img.getWidth(), (int) img.getHeight(),
                    javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, (int) img.getWidth());
            return java.util.Arrays.hashCode(argb);
        }).get(30, TimeUnit.SECONDS);
    }

    /** An attention check that recomputes the step's own Q, K, V: the view must show the same numbers. */
    private static void viewShowsTheCheckedNumbers(String key, Step step, QkvView view) {
        StateMap state = step.state();
        for (CheckSpec c : step.checks()) {
            boolean sameInputs = c.kind().equals("attention") && !c.inputs().has("row") && !c.inputs().has("padding")
                    && List.of("queries", "keys", "values").stream().allMatch(k -> state.get(k).equals(c.inputs().get(k)))
                    && state.flag("scaled").orElse(true).equals(c.inputs().flag("scaled").orElse(true))
                    && state.get("mask").map(Object::toString).orElse("none").equals(c.inputs().get("mask").map(Object::toString)
                    .orElse("none"));
            if (!sameInputs) {
                continue;
            }
            Map<String, Stage> stages = Map.of("scores", Stage.SCORES, "scaledScores", Stage.SCALED, "weights", Stage.WEIGHTS,
                    "output", Stage.OUTPUT);
            c.expect().keys().forEach(e -> {
                Matrix stated = c.expect().matrix(e).orElseThrow();
                Matrix shown = view.heatmap(stages.get(e)).getData();
                assertNotNull(shown, key + ": " + e);
                assertEquals(stated.rows(), shown.rows(), key + ": rows of " + e);
                for (int r = 0; r < stated.rows(); r++) {
                    for (int col = 0; col < stated.cols(); col++) {
                        assertEquals(stated.get(r, col), shown.get(r, col), c.tolerance(),
                                key + ": the view shows " + e + "[" + r + "][" + col + "]");
                    }
                }
            });
        }
    }

    private static void screenshot(Lesson lesson) throws Exception {
        java.nio.file.Files.createDirectories(FxScreens.dir().resolve("lessons"));
        String name = "lessons/" + lesson.folder().getFileName();
        fx(() -> player().reveal());
        waitUntil(() -> player().viewProperty().get() == null || !player().viewProperty().get().busyProperty().get());
        // one language by default (a 1080p PNG costs about a second); -Dattentionlab.lessonScreenshots=zh,en for both
        for (String language : System.getProperty("attentionlab.lessonScreenshots", "zh").split(",")) {
            Locale locale = language.strip().equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
            fx(() -> i18n.setLocale(locale));
            FxScreens.save(stage.getScene(), name + "-" + locale.getLanguage());
        }
        fx(() -> i18n.setLocale(Locale.ENGLISH));
    }
}

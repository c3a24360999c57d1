package org.attentionlab.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.model.ModelView;
import org.attentionlab.ui.multihead.AttentionLines;
import org.attentionlab.ui.multihead.MultiHeadView;
import org.attentionlab.ui.multihead.MultiHeadViewModel;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Aggregate;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Source;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Stage;
import org.attentionlab.ui.shell.ShellViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The multi-head and model views in the real window, headless (Monocle) at 1920×1080: typing a
 * sentence, hovering and clicking in the lines view, the lecture's six steps in Chinese, a bad
 * setting, opening model folders (a 12 × 12 one, a masked-LM one, a broken one) and clicking a
 * thumbnail. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class MultiHeadWindowTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final TestWindow window = TestWindow.opening(ui -> ui.shell().loadBackend());

    @AfterEach
    void stop() throws Exception {
        // let work in flight finish (an engine answer may start a display computation) before the thread goes
        window.settle(90);
    }

    /** Scrolls the scroll pane {@code scrollId} so that {@code node} is in view. */
    private static void scrollTo(FxRobot robot, String scrollId, javafx.scene.Node node) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane sp = robot.lookup(scrollId).queryAs(javafx.scene.control.ScrollPane.class);
            Bounds b = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double room = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(room <= 0 ? 0 : Math.max(0, Math.min(1, (b.getMinY() - 20) / room)));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        TestWindow.waitUntil(90, condition);
    }

    private MultiHeadView multihead(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("multihead"));
        waitUntil(() -> window.ui().shell().backendStateProperty().get() == ShellViewModel.BackendState.READY);
        MultiHeadView view = robot.lookup("#multihead-view").queryAs(MultiHeadView.class);
        waitUntil(() -> view.viewModel().display() != null && !view.viewModel().busyProperty().get());
        return view;
    }

    private ModelView modelView(FxRobot robot) {
        robot.interact(() -> window.ui().shell().show("model"));
        return robot.lookup("#model-view").queryAs(ModelView.class);
    }

    private static Point2D centre(javafx.scene.Node node, Bounds local) {
        Bounds b = node.localToScreen(local);
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private Path checkpoint(String name) throws Exception {
        return Path.of(getClass().getResource("/bert/" + name).toURI());
    }

    @Test
    void typingASentenceRedrawsTheHeadsAndTheLines(FxRobot robot) throws Exception {
        MultiHeadView view = multihead(robot);
        MultiHeadViewModel vm = view.viewModel();
        assertEquals(Stage.ATTEND, vm.stageProperty().get());
        assertEquals(11, view.focusHeatmap().getData().rows());
        assertEquals(11, view.lines().leftTokensProperty().get().size());
        assertTrue(view.lines().drawnLines() > 0);
        window.save("multihead-attend-en");

        robot.clickOn("#multihead-text");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("deep learning is fun").type(KeyCode.ENTER);
        waitUntil(() -> vm.result().tokens().size() == 4 && vm.display().rowTokens().size() == 4);
        assertEquals(List.of("deep", "learning", "is", "fun"), view.lines().leftTokensProperty().get());
        assertEquals(4, view.focusHeatmap().getData().rows());
        assertNotNull(view.focusHeatmap().cellText(0, 0), "4 × 4 cells are big enough to carry their weights");
        assertNotNull(view.headHeatmap(7).getData(), "a heatmap for each of the 8 heads");
    }

    @Test
    void hoverAWordToSeeOnlyItsLinesAndClickHeadsOffAndInFocus(FxRobot robot) throws Exception {
        MultiHeadView view = multihead(robot);
        MultiHeadViewModel vm = view.viewModel();
        AttentionLines lines = view.lines();
        int all = lines.drawnLines();
        robot.moveTo(centre(lines, lines.tokenBounds(AttentionLines.Side.LEFT, 7)));
        waitUntil(() -> lines.hoveredTokenProperty().get() != null);
        assertEquals(new AttentionLines.Hover(AttentionLines.Side.LEFT, 7), lines.hoveredTokenProperty().get());
        assertTrue(lines.drawnLines() < all, "hovering shows fewer lines");
        assertTrue(lines.visibleLines().stream().allMatch(l -> l[1] == 7), "only the lines of 'it'");
        window.save("multihead-lines-hover-it-en");
        robot.moveTo(centre(lines, lines.tokenBounds(AttentionLines.Side.RIGHT, 1)));
        waitUntil(() -> new AttentionLines.Hover(AttentionLines.Side.RIGHT, 1).equals(lines.hoveredTokenProperty().get()));
        assertTrue(lines.visibleLines().stream().allMatch(l -> l[2] == 1), "only the lines into 'animal'");

        robot.moveTo(view.legendButton(0)); // leaves the lines view: every line again
        waitUntil(() -> lines.hoveredTokenProperty().get() == null);
        robot.clickOn(view.legendButton(0));
        waitUntil(() -> !vm.display().shown(0));
        assertTrue(lines.visibleLines().stream().noneMatch(l -> l[0] == 0), "head 0 is switched off");
        robot.clickOn(view.legendButton(0));
        waitUntil(() -> vm.display().shown(0));

        // the keyboard does what the mouse does
        robot.interact(lines::requestFocus);
        robot.type(KeyCode.DOWN, KeyCode.DOWN);
        waitUntil(() -> new AttentionLines.Hover(AttentionLines.Side.LEFT, 1).equals(lines.hoveredTokenProperty().get()));
        robot.type(KeyCode.RIGHT);
        waitUntil(() -> new AttentionLines.Hover(AttentionLines.Side.RIGHT, 1).equals(lines.hoveredTokenProperty().get()));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> lines.hoveredTokenProperty().get() == null);

        javafx.scene.Node card = robot.lookup("#multihead-head-card-3").queryAs(javafx.scene.Node.class);
        scrollTo(robot, "#multihead-visual-scroll", card);
        robot.clickOn(card, MouseButton.PRIMARY);
        waitUntil(() -> vm.headProperty().get() == 3);
        assertEquals(vm.display().heads().get(3), view.focusHeatmap().getData());
    }

    @Test
    void theLecturesSixStepsInChinese(FxRobot robot) throws Exception {
        MultiHeadView view = multihead(robot);
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        Lesson lesson = LessonLibrary.load(Path.of("lessons")).find("multihead").orElseThrow();
        int n = 1;
        for (Step step : lesson.steps()) {
            robot.interact(() -> view.applyLessonState(step.state()));
            waitUntil(() -> !view.busyProperty().get() && view.viewModel().result().tokens().size() == 2
                    && view.formula().imageView().getImage() != null);
            assertEquals("", view.formula().errorProperty().get(), step.id());
            window.save("multihead-step" + n++ + "-" + step.id() + "-zh");
        }
        assertEquals(Stage.CONCAT, view.viewModel().stageProperty().get());
        assertEquals(2, view.concatHeatmap().getData().rows());
        assertEquals(512, view.concatHeatmap().getData().cols());
        assertEquals(64, view.concatHeatmap().columnGroupProperty().get(), "a line between each head's 64 columns");
        assertFalse(robot.lookup("6  拼接后乘 W_O").queryAll().isEmpty(), "the step bar is in Chinese");
        assertNotNull(view.legendButton(7), "a legend button for each of the 8 heads");
        robot.interact(() -> view.applyLessonState(lesson.steps().get(3).state()));
        assertEquals(Stage.ATTEND, view.viewModel().stageProperty().get());
        assertEquals(3, view.viewModel().headProperty().get());

        // a teacher hides the controls and zooms in
        var state = new java.util.LinkedHashMap<>(lesson.steps().get(3).state().asMap());
        state.put("panels", new org.attentionlab.lesson.StateValue.Texts(List.of("steps", "lines", "heads")));
        state.put("zoom", new org.attentionlab.lesson.StateValue.Num(1.5));
        robot.interact(() -> view.applyLessonState(org.attentionlab.lesson.StateMap.of(state)));
        waitUntil(() -> !view.busyProperty().get());
        assertEquals(null, view.getLeft(), "controls hidden");
        assertTrue(view.panelShown("lines"));
        assertFalse(view.panelShown("formula"));
        assertTrue(robot.lookup("#multihead-lines-card").query().isVisible());
        assertEquals(1.5, view.zoomProperty().get());
        assertTrue(view.exportNode().getStyle().contains("27.0px"), "the visualisation's font is 1.5 × 18 px: "
                + view.exportNode().getStyle());
        window.save("multihead-lesson-panels-zoom-zh");
        assertFalse(view.exportMatrices().isEmpty());
    }

    @Test
    void aDModelThatTheHeadsDoNotDivideSaysWhyAndKeepsThePicture(FxRobot robot) throws Exception {
        MultiHeadView view = multihead(robot);
        var before = view.focusHeatmap().getData();
        robot.clickOn("#multihead-setting-dModel");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("500").type(KeyCode.ENTER);
        Label error = robot.lookup("#multihead-error").queryAs(Label.class);
        waitUntil(() -> error.isVisible() && error.getText().contains("500"));
        assertTrue(error.getText().contains("d_model (500) is not divisible by the number of heads (8)"), error.getText());
        assertEquals(before, view.focusHeatmap().getData(), "the previous result stays on screen");
        window.save("multihead-bad-dmodel-en");
    }

    @Test
    void openATwelveByTwelveModelAndClickAThumbnail(FxRobot robot) throws Exception {
        Path folder = GridCheckpoint.write(temp.resolve("bert-12x12"), checkpoint("plain-f32").resolve("vocab.txt"));
        ModelView model = modelView(robot);
        window.save("model-empty-en");
        robot.interact(() -> model.viewModel().textProperty().set("the animal didn't cross the street because it was too tired"));
        robot.interact(() -> model.viewModel().loader().open(folder));
        waitUntil(() -> model.viewModel().grid() != null && model.thumbnails().thumbSize() > 0
                && !model.viewModel().busyProperty().get());
        assertEquals(12, model.viewModel().grid().layers());
        assertEquals(12, model.viewModel().grid().heads());
        assertTrue(model.thumbnails().thumbSize() >= 40, "thumbnails big enough to see: " + model.thumbnails().thumbSize());
        window.save("model-grid-12x12-en");

        robot.clickOn(centre(model.thumbnails(), model.thumbnails().thumbnailBounds(7, 11)), MouseButton.PRIMARY);
        MultiHeadView view = robot.lookup("#multihead-view").queryAs(MultiHeadView.class);
        waitUntil(() -> "multihead".equals(window.ui().shell().selectedPageProperty().get().id()) && view.viewModel().result() != null
                && view.viewModel().result().source() == Source.MODEL && view.viewModel().result().layer() == 7
                && view.viewModel().display() != null && view.viewModel().display().layer() == 7);
        assertEquals(11, view.viewModel().focusedHead().index());
        assertEquals(view.viewModel().result().attentions().get(7).get(11), view.focusHeatmap().getData());
        assertEquals("[CLS]", view.lines().leftTokensProperty().get().get(0));
        assertTrue(robot.lookup("#multihead-layer-11").tryQuery().isPresent(), "a layer selector for 12 layers");
        window.save("multihead-model-layer7-head11-en");

        scrollTo(robot, "#multihead-controls-scroll", robot.lookup("#multihead-hide-special").query());
        robot.clickOn("#multihead-hide-special");
        waitUntil(() -> view.viewModel().display().hideSpecial());
        robot.interact(() -> view.viewModel().aggregateProperty().set(Aggregate.ROLLOUT));
        waitUntil(() -> view.viewModel().display().aggregate() != null && view.combinedHeatmap().isVisible());
        window.save("multihead-model-rollout-hidden-en");

        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.interact(() -> window.ui().shell().show("model"));
        WaitForAsyncUtils.waitForFxEvents();
        window.save("model-grid-12x12-zh");
    }

    @Test
    void fillMaskAndAFolderWithoutItsVocabulary(FxRobot robot) throws Exception {
        ModelView model = modelView(robot);
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.interact(() -> {
            model.viewModel().maskedProperty().set("the cat [MASK] on the mat");
            model.viewModel().textProperty().set("the cat sat on the mat");
            model.viewModel().pairProperty().set("the dog ran");
        });
        robot.interact(() -> {
            try {
                model.viewModel().loader().open(checkpoint("bert-prefix-mlm-f32"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> !model.viewModel().predictionsProperty().get().isEmpty() && model.viewModel().grid() != null);
        assertEquals("is", model.viewModel().predictionsProperty().get().get(0).candidates().get(0).token());
        assertFalse(robot.lookup("99.8%").queryAll().isEmpty(), "the top probability is shown");
        window.save("model-fill-mask-zh");

        Path broken = Files.createDirectories(temp.resolve("no-vocab"));
        for (String f : List.of("config.json", "model.safetensors")) {
            Files.copy(checkpoint("plain-f32").resolve(f), broken.resolve(f));
        }
        robot.interact(() -> window.i18n().setLocale(Locale.ENGLISH));
        robot.interact(() -> model.viewModel().loader().open(broken));
        Label error = robot.lookup("#model-load-error").queryAs(Label.class);
        waitUntil(() -> error.isVisible());
        assertTrue(error.getText().contains(broken.resolve("vocab.txt") + ": no such file"), error.getText());
        assertTrue(window.ui().shell().noticeProperty().get().contains("vocab.txt"), "the notice bar says it too");
        assertEquals("bert-prefix-mlm-f32", model.viewModel().loader().model().name(), "the previous model stays");
        window.save("model-error-no-vocab-en");
    }

    @Test
    void aSentenceOf128TokensWithTwelveHeadsIsComputedInTheBackground(FxRobot robot) throws Exception {
        MultiHeadView view = multihead(robot);
        MultiHeadViewModel vm = view.viewModel();
        StringBuilder text = new StringBuilder();
        String[] words = "the animal didn't cross the street because it was too tired".split(" ");
        for (int i = 0; i < 128; i++) {
            text.append(words[i % words.length]).append(i).append(' ');
        }
        robot.interact(() -> {
            vm.headsProperty().set(12);
            vm.dModelProperty().set(768);
            vm.textProperty().set(text.toString());
            vm.applyText();
            assertTrue(vm.busyProperty().get(), "the FX thread hands the work to the engine thread and returns");
        });
        waitUntil(() -> !vm.busyProperty().get() && vm.result().tokens().size() == 128);
        assertEquals(12, vm.display().heads().size());
        assertEquals(128, view.lines().leftTokensProperty().get().size());
        assertTrue(view.lines().drawnLines() > 0 && view.lines().drawnLines() <= 12 * 128 * 128);
        window.save("multihead-128-tokens-12-heads-en");
    }
}

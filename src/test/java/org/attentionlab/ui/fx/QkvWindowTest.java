package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.widgets.Heatmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (Monocle): opens it at 1920×1080, switches the language, opens the
 * Q/K/V view, edits a cell of X and checks what the view shows, and saves screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class QkvWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening(ui -> {
        ui.shell().loadBackend();
        ui.shell().show("qkv"); // the app opens on the lessons
    });

    private QkvView qkv(FxRobot robot) {
        return robot.lookup("#qkv-view").queryAs(QkvView.class);
    }

    private void waitForEngine(FxRobot robot) throws Exception {
        waitUntil(() -> window.ui().shell().backendStateProperty().get() == ShellViewModel.BackendState.READY);
        waitUntil(() -> {
            Heatmap w = qkv(robot).heatmap(Stage.WEIGHTS);
            return w.getData() != null && w.cellText(2, 2) != null;
        });
    }

    @Test
    void windowShowsTheQkvViewTheBackendAndOnlyRealPages(FxRobot robot) throws Exception {
        waitForEngine(robot);
        ListView<?> nav = robot.lookup("#navigation").queryAs(ListView.class);
        assertEquals(window.ui().shell().pages(), nav.getItems(), "only views that exist are listed");
        assertTrue(window.ui().shell().pages().stream().map(org.attentionlab.ui.shell.Page::id).toList()
                .containsAll(java.util.List.of("qkv", "pe", "mask")));
        robot.interact(() -> nav.getItems().forEach(page -> assertNotNull(((org.attentionlab.ui.shell.Page) page).view(),
                "only views that exist are listed: " + page)));
        robot.interact(() -> assertTrue(nav.lookupAll(".scroll-bar").stream()
                .map(javafx.scene.control.ScrollBar.class::cast)
                .noneMatch(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible()),
                "every page title fits the navigation: no sideways scroll bar"));
        Label backend = robot.lookup("#backend-status").queryAs(Label.class);
        assertTrue(backend.getText().startsWith("Engine: CPU"), backend.getText());
        Heatmap weights = qkv(robot).heatmap(Stage.WEIGHTS);
        // the lecture example: query x₃ = [1, 1]
        assertEquals("0.21", weights.cellText(2, 0));
        assertEquals("0.58", weights.cellText(2, 2));
        assertTrue(robot.lookup("#qkv-derivation").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().contains("0.5761")));
        Path png = window.save("qkv-en");
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    void languageSwitchesLiveFromTheMenu(FxRobot robot) throws Exception {
        waitForEngine(robot);
        robot.clickOn("Language");
        robot.clickOn("中文");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Locale.SIMPLIFIED_CHINESE, window.i18n().getLocale());
        assertEquals("注意力实验室 Attention Lab", window.stage().getTitle());
        assertFalse(robot.lookup("X — 词元向量").queryAll().isEmpty(), "stage titles are in Chinese");
        assertFalse(robot.lookup("Q、K、V：一步一步看自注意力").queryAll().isEmpty());
        Label backend = robot.lookup("#backend-status").queryAs(Label.class);
        assertTrue(backend.getText().startsWith("计算引擎："), backend.getText());
        window.save("qkv-zh");
        robot.clickOn("语言 Language");
        robot.clickOn("English");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Attention Lab", window.stage().getTitle());
    }

    @Test
    void editingACellOfXUpdatesEverythingDownstream(FxRobot robot) throws Exception {
        waitForEngine(robot);
        Heatmap x = qkv(robot).heatmap(Stage.X);
        assertEquals("1.00", x.cellText(0, 0));
        Bounds cell = x.localToScreen(x.cellBounds(0, 0));
        Point2D centre = new Point2D(cell.getCenterX(), cell.getCenterY());
        robot.doubleClickOn(centre, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(x.isEditing(), "a double click opens the cell editor");
        robot.eraseText(12).write("-2.5").type(KeyCode.ENTER);
        waitUntil(() -> "−2.50".equals(x.cellText(0, 0)));
        Heatmap q = qkv(robot).heatmap(Stage.Q);
        waitUntil(() -> "−2.50".equals(q.cellText(0, 0)));
        // x₃·x₁ = 1·(−2.5) + 1·0 = −2.5
        assertEquals("−2.50", qkv(robot).heatmap(Stage.SCORES).cellText(2, 0));
        assertEquals("0.01", qkv(robot).heatmap(Stage.WEIGHTS).cellText(2, 0));
        window.save("qkv-edited");
    }

    @Test
    void aWordThatIsNotANumberIsRefusedAndTheOldValueStays(FxRobot robot) throws Exception {
        waitForEngine(robot);
        Heatmap x = qkv(robot).heatmap(Stage.X);
        robot.clickOn(new Point2D(x.localToScreen(x.cellBounds(1, 1)).getCenterX(),
                x.localToScreen(x.cellBounds(1, 1)).getCenterY()), MouseButton.PRIMARY);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(x.isEditing(), "Enter on a selected cell opens the editor");
        robot.eraseText(12).write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#qkv-error").queryAs(Label.class);
        assertTrue(error.getText().contains("abc"), error.getText());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(x.isEditing());
        assertEquals("1.00", x.cellText(1, 1));
    }

    @Test
    void presenterModeScalesTheTextAndHighContrastAndCausalMaskRender(FxRobot robot) throws Exception {
        waitForEngine(robot);
        double before = qkv(robot).heatmap(Stage.X).getWidth();
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.appearance().getFontSize() > Appearance.DEFAULT_FONT_SIZE);
        assertTrue(qkv(robot).heatmap(Stage.X).getWidth() > before, "heatmap cells grow with the font");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.H).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.appearance().highContrastProperty().get());
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.interact(() -> qkv(robot).heatmap(Stage.WEIGHTS).getScene()); // settle
        assertNotNull(qkv(robot).heatmap(Stage.MASKED));
        window.save("qkv-zh-presenter-high-contrast");
    }

    @Test
    void pipelineWithCausalMaskAndScalingShowsHatchedMinusInfinity(FxRobot robot) throws Exception {
        waitForEngine(robot);
        QkvView view = qkv(robot);
        robot.interact(() -> {
            view.viewModel().maskProperty().set(org.attentionlab.ui.qkv.QkvViewModel.MaskKind.CAUSAL);
            view.viewModel().scaledProperty().set(true);
            view.viewModel().selectedProperty().set(new org.attentionlab.ui.widgets.Cell(1, 0));
        });
        waitUntil(() -> "−∞".equals(view.heatmap(Stage.MASKED).cellText(0, 1)));
        assertEquals("0.00", view.heatmap(Stage.WEIGHTS).cellText(0, 2));
        robot.interact(() -> robot.lookup("#qkv-stages-scroll").queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1.0));
        window.save("qkv-pipeline-causal-en");
    }

    @Test
    void aChineseSentenceSplitByCharacters(FxRobot robot) throws Exception {
        waitForEngine(robot);
        QkvView view = qkv(robot);
        robot.interact(() -> {
            window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE);
            view.viewModel().splitProperty().set(org.attentionlab.ui.qkv.QkvViewModel.Split.CHARACTERS);
            view.viewModel().weightInitProperty().set(org.attentionlab.ui.qkv.QkvViewModel.WeightInit.RANDOM);
            view.viewModel().dModelProperty().set(4);
            view.viewModel().scaledProperty().set(true);
        });
        // the headless robot types ASCII only; the text goes in through the bound property, Enter through the field
        robot.interact(() -> view.viewModel().sentenceProperty().set("我爱自然语言"));
        robot.clickOn("#qkv-sentence").type(KeyCode.ENTER);
        waitUntil(() -> view.viewModel().tokensProperty().get().size() == 6
                && view.heatmap(Stage.WEIGHTS).getData() != null && view.heatmap(Stage.WEIGHTS).getData().rows() == 6);
        assertEquals(java.util.List.of("我", "爱", "自", "然", "语", "言"), view.viewModel().tokensProperty().get());
        robot.interact(() -> view.viewModel().selectedProperty().set(new org.attentionlab.ui.widgets.Cell(1, 0)));
        window.save("qkv-zh-sentence");
        robot.interact(() -> robot.lookup("#qkv-stages-scroll").queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1.0));
        window.save("qkv-zh-sentence-pipeline");
        robot.type(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.panelsShownProperty().get());
        window.save("qkv-zh-sentence-panels-hidden");
    }
}

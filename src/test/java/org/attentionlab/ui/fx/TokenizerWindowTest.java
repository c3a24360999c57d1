package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;

import org.attentionlab.ui.tokenizer.TokenizerView;
import org.attentionlab.ui.tokenizer.TokenizerViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tokenizer view in the real window, headless at 1920×1080: the notebook's paragraph as chips,
 * typing into the text, the pair mode and the max_length slider, and screenshots in both languages.
 */
@ExtendWith(ApplicationExtension.class)
class TokenizerWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening(ui -> ui.shell().show("tokenizer"));

    private TokenizerView view(FxRobot robot) {
        return robot.lookup("#tokenizer-view").queryAs(TokenizerView.class);
    }

    private void waitForChips(FxRobot robot, int count) throws Exception {
        waitUntil(() -> view(robot).viewModel().chipsProperty().get().size() == count
                && !view(robot).viewModel().busyBinding().get());
    }

    @Test
    void theNotebookParagraphIsShownAsChipsWithAlignedRows(FxRobot robot) throws Exception {
        waitForChips(robot, 104);
        TokenizerViewModel vm = view(robot).viewModel();
        assertEquals(List.of("[CLS]", "transform", "##er", "是"), vm.chipsProperty().get().subList(0, 4).stream()
                .map(TokenizerViewModel.Chip::token).toList());
        Label here = robot.lookup("#tokenizer-transformer").queryAs(Label.class);
        assertTrue(here.getText().contains("transform ##er"), here.getText());
        Path png = window.save("tokenizer-en");
        assertTrue(Files.size(png) > 10_000);
        // export: the picture without the controls, and the three rows as one labelled matrix
        TokenizerView view = view(robot);
        assertTrue(view.exportNode().getScene() != null && !view.exportNode().isDisabled());
        var rows = view.exportMatrices();
        assertEquals(1, rows.size());
        assertEquals(List.of("input_ids", "token_type_ids", "attention_mask"), rows.get(0).rowLabels());
        assertEquals(104, rows.get(0).matrix().cols());
        assertEquals(1509.0, rows.get(0).matrix().get(0, 1), 0);
    }

    @Test
    void keepCaseMakesTransformerUnknownAsInTheNotebook(FxRobot robot) throws Exception {
        waitForChips(robot, 104);
        robot.clickOn("#tokenizer-cased");
        waitForChips(robot, 103);
        TokenizerViewModel vm = view(robot).viewModel();
        assertEquals("[UNK]", vm.chipsProperty().get().get(1).token());
        assertEquals(100, vm.chipsProperty().get().get(1).id());
        Label here = robot.lookup("#tokenizer-transformer").queryAs(Label.class);
        assertTrue(here.getText().contains("[UNK]"), here.getText());
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.interact(() -> vm.focusProperty().set(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#tokenizer-focus").queryAs(Label.class).getText().contains("100"));
        window.save("tokenizer-zh");
    }

    @Test
    void typingChangesTheChipsAndPairModeAndSliderTruncateAndPad(FxRobot robot) throws Exception {
        waitForChips(robot, 104);
        robot.doubleClickOn("#tokenizer-text");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("the weather");
        waitForChips(robot, 4);
        TokenizerViewModel vm = view(robot).viewModel();
        assertEquals("weather", vm.chipsProperty().get().get(2).token());
        robot.clickOn("#tokenizer-pair-mode");
        robot.interact(() -> vm.pairProperty().set("i like it"));
        waitForChips(robot, 8);
        assertEquals(1, vm.chipsProperty().get().get(7).typeId());
        robot.clickOn("#tokenizer-truncate");
        Slider slider = robot.lookup("#tokenizer-max-length").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(6));
        waitForChips(robot, 6);
        assertEquals(6, vm.maxLengthProperty().get());
        Label length = robot.lookup("#tokenizer-length-notice").queryAs(Label.class);
        assertTrue(length.getText().contains("longest first"), length.getText());
        robot.interact(() -> slider.setValue(12));
        waitForChips(robot, 12);
        assertEquals("[PAD]", vm.chipsProperty().get().get(11).token());
        assertEquals(0, vm.chipsProperty().get().get(11).mask());
        assertTrue(robot.lookup("#tokenizer-pair-mode").queryAs(CheckBox.class).isSelected());
        window.save("tokenizer-pair-padded-en");
        assertFalse(robot.lookup("#tokenizer-length-notice").queryAs(Label.class).getText().isEmpty());
    }

    @Test
    void aTextOf100000CharactersShowsTheFirst600TokensAndSaysSo(FxRobot robot) throws Exception {
        waitForChips(robot, 104);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 100_000) {
            sb.append(TokenizerViewModel.NOTEBOOK_PARAGRAPH);
        }
        String text = sb.substring(0, 100_000);
        robot.interact(() -> view(robot).viewModel().textProperty().set(text)); // the text area shows it too
        waitForChips(robot, TokenizerViewModel.MAX_CHIPS);
        Label notice = robot.lookup("#tokenizer-chip-notice").queryAs(Label.class);
        assertTrue(notice.getText().startsWith("Showing the first 600 of "), notice.getText());
        window.save("tokenizer-100k-en");
    }
}

package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;

import org.attentionlab.ui.bleu.BleuView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The BLEU page in the real window, headless, at 1920×1080: the lecture's worked example is
 * loaded, editing the candidate changes the score shown, and screenshots in both languages.
 * The expected numbers are those of src/test/python/bleu_lecture_verify.py (independent of the
 * Java code).
 */
@ExtendWith(ApplicationExtension.class)
class BleuWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening(ui -> assertTrue(ui.shell().show("bleu"), "the BLEU page exists"));

    private BleuView view(FxRobot robot) {
        return robot.lookup("#bleu-view").queryAs(BleuView.class);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Waits until the formulas are drawn (they render in the background). */
    private void waitForFormulas(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#bleu-formula").queryAll().stream()
                .allMatch(n -> ((org.attentionlab.ui.widgets.Formula) n).imageView().getImage() != null));
    }

    @Test
    void workedExampleThenEditingTheCandidateChangesTheScore(FxRobot robot) throws Exception {
        waitUntil(() -> text(robot, "#bleu-score").contains("23.17"));
        assertEquals("BLEU = 23.17 (sacreBLEU, 0–100)", text(robot, "#bleu-score"));
        assertTrue(text(robot, "#bleu-worked-note").contains("c = 3 and r = 6"), text(robot, "#bleu-worked-note"));
        assertEquals("4.61 × 10⁻¹⁵⁵", text(robot, "#bleu-compare-score-nltk"), "NLTK without smoothing: tiny, not 0");
        assertEquals("0", text(robot, "#bleu-compare-score-textbook"));
        waitForFormulas(robot);
        Path en = window.save("bleu-en");
        assertTrue(Files.size(en) > 20_000);

        // type a better candidate: every word of the reference, in order
        TextArea candidate = robot.lookup("#bleu-candidate").queryAs(TextArea.class);
        robot.clickOn(candidate);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("一个 男孩 在 踢 足球");
        waitUntil(() -> !text(robot, "#bleu-score").contains("23.17"));
        // c = 5, r = 6: BP = e^(1 − 6/5); counts 5/5, 3/4, 2/3, 1/2 (case "edited" of bleu-lecture-verified.json)
        assertEquals("BLEU = 57.89 (sacreBLEU, 0–100)", text(robot, "#bleu-score"));
        assertFalse(robot.lookup("#bleu-worked-note").queryAs(Label.class).isVisible(), "the note is about the lecture's input only");
    }

    @Test
    void youthTranslationsRankedWithTheZhTokenizer(FxRobot robot) throws Exception {
        waitUntil(() -> text(robot, "#bleu-score").contains("23.17"));
        robot.clickOn("#bleu-example-youth");
        waitUntil(() -> text(robot, "#bleu-score").contains("72.84"));
        waitForFormulas(robot);
        window.save("bleu-youth-en");
        robot.clickOn("#bleu-candidate-3");
        waitUntil(() -> text(robot, "#bleu-score").contains("10.50"));
        robot.interact(() -> window.ui().shell().toggleHighContrast());
        waitForFormulas(robot);
        window.save("bleu-youth-baidu-high-contrast");
    }

    @Test
    void clickingATableRowLightsUpTheNgramInBothTextsInChinese(FxRobot robot) throws Exception {
        waitUntil(() -> text(robot, "#bleu-score").contains("23.17"));
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.clickOn("#bleu-order-2");
        TableView<?> table = robot.lookup("#bleu-ngram-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.clickOn(robot.lookup("#bleu-ngram-table .table-row-cell").nth(1).queryAs(javafx.scene.Node.class));
        waitUntil(() -> List.of("踢", "足球").equals(view(robot).viewModel().selectedNgramProperty().get()));
        for (String id : List.of("#bleu-candidate-tokens", "#bleu-reference-tokens-1")) {
            javafx.scene.layout.FlowPane row = robot.lookup(id).queryAs(javafx.scene.layout.FlowPane.class);
            List<String> selected = row.getChildren().stream().filter(n -> n.getStyleClass().contains("bleu-token-selected"))
                    .map(n -> ((Label) n).getText()).toList();
            assertEquals(List.of("踢", "足球"), selected, id);
        }
        assertTrue(text(robot, "#bleu-score").startsWith("BLEU = 23.17（sacreBLEU"), text(robot, "#bleu-score"));
        assertTrue(text(robot, "#bleu-worked-note").contains("c = 3、r = 6"), text(robot, "#bleu-worked-note"));
        waitForFormulas(robot);
        Path zh = window.save("bleu-zh");
        assertTrue(Files.size(zh) > 20_000);
    }

    @Test
    void lessonStateChoosesPanelsAndZoomAndTheViewExportsItsNumbers(FxRobot robot) throws Exception {
        waitUntil(() -> text(robot, "#bleu-score").contains("23.17"));
        BleuView v = view(robot);
        assertEquals("bleu", v.lessonViewName());
        robot.interact(() -> v.applyLessonState(org.attentionlab.lesson.StateMap.of(java.util.Map.of(
                "panels", new org.attentionlab.lesson.StateValue.Texts(List.of("compare", "texts")),
                "zoom", new org.attentionlab.lesson.StateValue.Num(1.5),
                "tokenize", new org.attentionlab.lesson.StateValue.Text("zh")))));
        waitUntil(() -> !v.busyProperty().get() && "22.47".equals(text(robot, "#bleu-compare-score-sacrebleu")));
        assertEquals(List.of("compare", "texts"), v.shownPanels());
        assertEquals(null, v.getLeft(), "controls hidden");
        assertTrue(v.getStyle().contains("-fx-font-size: 27.00px"), v.getStyle());
        var matrices = v.exportMatrices();
        assertEquals(List.of("bleu-ngram-statistics-sacrebleu", "bleu-scores"), matrices.stream().map(m -> m.name()).toList());
        assertEquals(5.0, matrices.get(0).matrix().get(0, 1), "5 character unigrams");
        assertTrue(v.exportNode().isVisible());
        window.save("bleu-lesson-panels-zoom");
        robot.interact(() -> v.applyLessonState(org.attentionlab.lesson.StateMap.empty()));
        waitUntil(() -> text(robot, "#bleu-score").contains("23.17"));
        assertEquals(BleuView.PANELS, v.shownPanels());
        assertEquals("", v.getStyle());
    }

    @Test
    void aCorpusFromFiles(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        waitUntil(() -> text(robot, "#bleu-score").contains("23.17"));
        Path hyp = dir.resolve("hyp.txt");
        Path ref = dir.resolve("ref.txt");
        Files.writeString(hyp, "男孩 踢 足球\n一个 男孩 在 踢 足球\n");
        Files.writeString(ref, "一个 小 男孩 在 踢 足球\n一个 小 男孩 在 踢 足球\n");
        robot.interact(() -> {
            view(robot).viewModel().setHypothesisFile(hyp);
            view(robot).viewModel().addReferenceFile(ref);
        });
        waitUntil(() -> text(robot, "#bleu-score").contains("38.75"));
        waitForFormulas(robot);
        window.save("bleu-corpus-en");
        Path bad = dir.resolve("short.txt");
        Files.writeString(bad, "一个 小 男孩 在 踢 足球\n");
        robot.interact(() -> view(robot).viewModel().addReferenceFile(bad));
        waitUntil(() -> text(robot, "#bleu-error").contains("short.txt has 1 line but the hypothesis file"));
        assertTrue(text(robot, "#bleu-error").contains("line 2 has no partner"), text(robot, "#bleu-error"));
    }
}

package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.ui.bleu.BleuView;
import org.attentionlab.ui.crossattention.CrossAttentionView;
import org.attentionlab.ui.decoding.DecodingView;
import org.attentionlab.ui.training.TrainingView;
import org.attentionlab.ui.training.TrainingViewModel.Phase;
import org.attentionlab.ui.widgets.Heatmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The training, cross-attention and decoding views in the real window, headless (Monocle,
 * 1920×1080): each opens on its own example, takes an input typed into it and shows the result;
 * a short training run draws its loss curve; the decoder steps; its translation goes to BLEU.
 * Screenshots in English and Chinese go to target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingViewsWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening();

    private void screenshots(FxRobot robot, String name) throws Exception {
        window.settle(60);
        window.save(name + "-en");
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        window.settle(60);
        window.save(name + "-zh");
        robot.interact(() -> window.i18n().setLocale(Locale.ENGLISH));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void aShortTrainingRunDrawsItsLossCurve(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("training"));
        TrainingView view = robot.lookup("#training-view").queryAs(TrainingView.class);
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().snapshotProperty().get() != null);
        assertEquals(0, view.lossPlot().curveProperty().get().size());
        assertEquals(2, view.attentionMaps().size(), "the notebook's two samples");

        // type 12 steps, then Start: the curve gets its 12 points
        robot.doubleClickOn("#training-steps").eraseText(6).write("12").type(KeyCode.ENTER);
        waitUntil(() -> view.viewModel().stepsProperty().get() == 12 && !view.busyProperty().get());
        robot.clickOn("#training-start");
        waitUntil(() -> view.viewModel().phaseProperty().get() == Phase.FINISHED);
        assertEquals(12, view.lossPlot().curveProperty().get().size());
        assertTrue(text(robot, "#training-progress-text").startsWith("Step 12 of 12"), text(robot, "#training-progress-text"));
        assertEquals("Step 12: loss 0.6880, η = 0.01", text(robot, "#training-loss-text"), "the notebook's epoch 12");
        Heatmap wqChange = robot.lookup("#training-change-wq-2").queryAs(Heatmap.class);
        assertTrue(wqChange.getData() != null && wqChange.getData().finiteRange()[1] > 0, "W_Q moved");
        assertTrue(wqChange.cellText(0, 0) != null, "the change carries its numbers (the lessons quote them)");
        screenshots(robot, "training-simple-attention");

        // a copy run part of the way, as a lesson step shows it, then a second Start while running is refused
        robot.interact(() -> view.applyLessonState(StateMap.of(java.util.Map.of("experiment", new StateValue.Text("copy"),
                "trained", new StateValue.Int(30), "parameter", new StateValue.Text("decoder.0.cross_attention.w_q.weight")))));
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().stepsDoneProperty().get() == 30);
        assertEquals(3, view.attentionMaps().size(), "two heads and their mean");
        screenshots(robot, "training-copy");
        robot.clickOn("#training-start");
        waitUntil(() -> view.viewModel().stepsDoneProperty().get() > 31);
        robot.interact(() -> view.viewModel().start());
        assertTrue(text(robot, "#training-notice").contains("already running"), text(robot, "#training-notice"));
        robot.clickOn("#training-cancel");
        waitUntil(() -> view.viewModel().phaseProperty().get() == Phase.CANCELLED);
    }

    @Test
    void theCrossAttentionViewShowsTheCrossingAndTranslatesATypedSentence(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("cross-attention"));
        CrossAttentionView view = robot.lookup("#cross-attention-view").queryAs(CrossAttentionView.class);
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().resultProperty().get() != null);
        Heatmap focus = view.focusHeatmap();
        assertEquals(List.of("le", "professeur", "visite", "la", "zone", "économique", "européenne", "<eos>"),
                focus.rowLabelsProperty().get());
        assertEquals(4, view.headHeatmaps().size());
        assertTrue(text(robot, "#cross-sentence").endsWith("le professeur visite la zone économique européenne"));
        screenshots(robot, "cross-attention");

        robot.doubleClickOn("#cross-source").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("a red chinese car follows the black dog").type(KeyCode.ENTER);
        waitUntil(() -> !view.busyProperty().get()
                && view.viewModel().resultProperty().get().target().equals("une voiture chinoise rouge suit le chien noir"));
        assertEquals("une", focus.rowLabelsProperty().get().get(0));
        waitUntil(() -> focus.cellText(0, 0) != null);
        assertEquals(view.focusHeatmap().cellText(3, 1), String.format(Locale.ROOT, "%.2f", focus.getData().get(3, 1)),
                "rouge reads red: the number shown is the mean of the heads");
    }

    @Test
    void theDecoderStepsAndSendsItsTranslationToBleu(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("decoding"));
        DecodingView view = robot.lookup("#decoding-view").queryAs(DecodingView.class);
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().currentProperty().get() != null);
        assertEquals("le", view.viewModel().currentProperty().get().chosen().token());
        robot.clickOn("#decoding-next").clickOn("#decoding-next").clickOn("#decoding-next");
        waitUntil(() -> view.viewModel().shownStepProperty().get() == 3);
        assertTrue(text(robot, "#decoding-chosen").startsWith("It appends \"la\""), text(robot, "#decoding-chosen"));
        assertEquals(4, view.selfHeatmap().getData().rows(), "<bos> le professeur visite");
        assertEquals(10 * 5 + 5, view.table().getChildren().size(), "a header and 10 candidates of 5 cells");
        assertTrue(text(robot, "#decoding-table-sum").endsWith("= 1.000"), text(robot, "#decoding-table-sum"));
        screenshots(robot, "decoding");
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            robot.interact(() -> window.i18n().setLocale(locale));
            window.settle(10);
            robot.interact(() -> {
                javafx.scene.control.Labeled cell = robot.lookup("#decoding-layer").queryAs(javafx.scene.control.ComboBox.class).getButtonCell();
                javafx.scene.text.Text shown = (javafx.scene.text.Text) cell.lookup(".text");
                assertEquals(cell.getText(), shown.getText(), "the layer's name is whole, not cut to '…' (" + locale + ")");
            });
        }
        robot.interact(() -> window.i18n().setLocale(Locale.ENGLISH));

        robot.clickOn("#decoding-end");
        waitUntil(() -> view.viewModel().shownStepProperty().get() == 7);
        robot.interact(() -> robot.lookup("#decoding-controls-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        robot.clickOn("#decoding-send");
        waitUntil(() -> window.ui().shell().selectedPageProperty().get().id().equals("bleu"));
        BleuView bleu = robot.lookup("#bleu-view").queryAs(BleuView.class);
        assertEquals("bleu", bleu.lessonViewName());
        waitUntil(() -> !bleu.busyProperty().get());
        window.settle(60);
        window.save("decoding-sent-to-bleu-en");
    }
}

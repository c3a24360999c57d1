package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.ui.mask.MaskView;
import org.attentionlab.ui.pe.PeView;
import org.attentionlab.ui.widgets.Heatmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The positional-encoding and mask views in the real window, headless (Monocle, 1920×1080):
 * opens each, edits an input, checks what the view shows, drives them through lesson states,
 * and saves screenshots in both languages.
 */
@ExtendWith(ApplicationExtension.class)
class PeMaskWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening();

    /** Waits until the engine thread has drawn every formula and the FX thread has shown it. */
    private void settle() throws Exception {
        window.settle(60);
    }

    private PeView pe(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("pe"));
        PeView view = robot.lookup("#pe-view").queryAs(PeView.class);
        waitUntil(() -> view.viewModel().result() != null && !view.busyProperty().get());
        return view;
    }

    private MaskView mask(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("mask"));
        MaskView view = robot.lookup("#mask-view").queryAs(MaskView.class);
        waitUntil(() -> view.viewModel().result() != null && !view.busyProperty().get());
        return view;
    }

    private static StateMap state(Object... keyValues) {
        java.util.LinkedHashMap<String, StateValue> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (StateValue) keyValues[i + 1]);
        }
        return StateMap.of(m);
    }

    @Test
    void peViewShowsTheLectureTableAndTypingDChangesIt(FxRobot robot) throws Exception {
        PeView view = pe(robot);
        Heatmap table = view.tableHeatmap();
        assertEquals(50, table.getData().rows());
        assertEquals(128, table.getData().cols());
        assertEquals(4, view.chart().getData().size(), "curves of dimensions 0, 1, 8, 32");
        assertEquals("dimension 0 (sin)", view.chart().getData().get(0).getName());
        settle();
        window.save("pe-en");

        // type d = 4 into its field: a 50 × 4 table whose cells are big enough to carry numbers
        robot.interact(() -> view.viewModel().dimsProperty().set(List.of(0, 1, 2, 3)));
        robot.doubleClickOn("#pe-dim").eraseText(6).write("4").type(KeyCode.ENTER);
        waitUntil(() -> table.getData() != null && table.getData().cols() == 4 && !view.busyProperty().get());
        robot.interact(() -> view.viewModel().positionsProperty().set(6));
        waitUntil(() -> table.getData().rows() == 6 && table.cellText(1, 0) != null);
        // PE(1, 0) = sin 1, PE(1, 1) = cos 1
        assertEquals("0.84", table.cellText(1, 0));
        assertEquals("0.54", table.cellText(1, 1));

        // an odd d is refused with a message that says why; the table stays
        robot.doubleClickOn("#pe-dim").eraseText(6).write("5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#pe-error").queryAs(Label.class);
        assertTrue(error.getText().contains("odd"), error.getText());
        assertEquals(4, table.getData().cols());
    }

    @Test
    void editingACellOfTheEmbeddingUpdatesTheSum(FxRobot robot) throws Exception {
        PeView view = pe(robot);
        Heatmap e = view.embeddingHeatmap();
        Heatmap x = view.sumHeatmap();
        robot.interact(() -> view.panels().show(List.of("sum", "controls")));
        waitUntil(() -> e.cellBounds(0, 0) != null && x.cellText(0, 0) != null);
        Bounds b = e.localToScreen(e.cellBounds(0, 0));
        robot.doubleClickOn(new Point2D(b.getCenterX(), b.getCenterY()), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(e.isEditing());
        robot.eraseText(12).write("2.5").type(KeyCode.ENTER);
        // X(0, 0) = E(0, 0) + PE(0, 0) = 2.5 + sin 0
        waitUntil(() -> "2.50".equals(x.cellText(0, 0)));
        assertEquals("2.50", e.cellText(0, 0));
    }

    @Test
    void peLessonStatesDriveTheViewInChinese(FxRobot robot) throws Exception {
        PeView view = pe(robot);
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        // lesson 9, step "relative": dims 0 and 1, k = 3, from position 2
        robot.interact(() -> view.applyLessonState(state("dims", new StateValue.Ints(List.of(0, 1)),
                "offset", new StateValue.Int(3), "highlight", new StateValue.Pair(2, 0),
                "panels", new StateValue.Texts(List.of("plot", "formula", "controls")))));
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result().rotation() != null
                && view.viewModel().result().rotation().pos() == 2);
        assertEquals(List.of("plot", "formula", "controls"), view.panels().shownProperty().get());
        assertEquals(2, view.panels().flow().getChildren().size());
        assertEquals("第 0 维（sin）", view.chart().getData().get(0).getName());
        settle();
        window.save("pe-zh-rotation");

        robot.interact(() -> view.applyLessonState(state("learned", new StateValue.Bool(true))));
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result().learned());
        settle();
        window.save("pe-zh-learned");
        robot.interact(() -> view.applyLessonState(StateMap.empty()));
        waitUntil(() -> !view.busyProperty().get() && !view.viewModel().result().learned());
        robot.interact(() -> robot.lookup("#pe-panels-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        settle();
        window.save("pe-zh-similarity-sum");

        // presenter mode: Ctrl+= twice and high contrast; the chart and the cells grow with the text
        double chartWidth = view.chart().getWidth();
        double cell = view.tableHeatmap().cellBounds(0, 0).getWidth();
        robot.interact(() -> robot.lookup("#pe-panels-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0));
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.H).release(KeyCode.SHIFT, KeyCode.CONTROL);
        settle();
        assertTrue(window.appearance().highContrastProperty().get());
        assertTrue(view.chart().getWidth() > chartWidth * 1.2, "the chart grows with the font");
        assertTrue(view.tableHeatmap().cellBounds(0, 0).getWidth() > cell, "cells grow with the font");
        window.save("pe-zh-presenter-high-contrast");
    }

    @Test
    void maskViewClickingACellOfTheMaskMasksItAndItsWeightBecomesZero(FxRobot robot) throws Exception {
        MaskView view = mask(robot);
        Heatmap applied = view.heatmap("applied");
        Heatmap weights = view.heatmap("weights");
        // the default batch: "我 爱 你" and "你 好 [PAD]"; the padded sentence is in focus
        assertEquals(List.of("你", "好", "[PAD]"), view.viewModel().result().tokens());
        assertEquals("−∞", view.heatmap("masked").cellText(0, 2));
        assertEquals("0.00", weights.cellText(0, 2));
        assertEquals(0.0, weights.getData().get(0, 2), "exactly zero");
        settle();
        window.save("mask-en");

        waitUntil(() -> applied.cellBounds(0, 1) != null);
        Bounds b = applied.localToScreen(applied.cellBounds(0, 1));
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()), MouseButton.PRIMARY);
        waitUntil(() -> "−∞".equals(view.heatmap("masked").cellText(0, 1)) && !view.busyProperty().get());
        assertEquals("0.00", weights.cellText(0, 1));
        assertEquals(0.0, weights.getData().get(0, 1));
        assertEquals(1.0, weights.getData().get(0, 0), 1e-15, "the one key left takes all the weight");
        assertTrue(robot.lookup("#mask-mode-custom").queryAs(javafx.scene.control.RadioButton.class).isSelected());

        robot.interact(() -> robot.lookup("#mask-panels-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        settle();
        window.save("mask-en-custom-weights-formula");
        robot.interact(() -> robot.lookup("#mask-panels-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0));
        robot.interact(applied::requestFocus);

        // Space on the selected cell unmasks it again
        robot.type(KeyCode.SPACE);
        waitUntil(() -> !"−∞".equals(view.heatmap("masked").cellText(0, 1)) && !view.busyProperty().get());
        assertTrue(weights.getData().get(0, 1) > 0);
    }

    @Test
    void maskLessonStatesAndInferenceInChinese(FxRobot robot) throws Exception {
        MaskView view = mask(robot);
        robot.interact(() -> window.i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        StateMap causal = state("sentences", new StateValue.Texts(List.of("I am a student")),
                "vectors", new StateValue.Mat(org.attentionlab.engine.trace.Matrix.of(
                        new double[][] {{1, 0}, {0, 1}, {1, 1}, {0.5, 0.5}})),
                "mode", new StateValue.Text("causal"), "highlight", new StateValue.Pair(1, 2));
        robot.interact(() -> view.applyLessonState(causal));
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result().tokens().size() == 4);
        assertEquals("0.27", view.heatmap("weights").cellText(1, 0));
        assertEquals("0.73", view.heatmap("weights").cellText(1, 1));
        settle();
        window.save("mask-zh-causal");

        robot.interact(() -> view.applyLessonState(causal.overlaidWith(state("inference", new StateValue.Bool(true),
                "step", new StateValue.Int(1)))));
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result().inference() != null);
        Heatmap step = view.heatmap("stepWeights");
        waitUntil(() -> step.cellText(0, 1) != null);
        assertEquals("0.27", step.cellText(0, 0));
        assertEquals("0.73", step.cellText(0, 1));
        assertFalse(treeVisible(view.heatmap("weights")), "training matrices give way to the inference step");
        assertTrue(treeVisible(step));
        settle();
        window.save("mask-zh-inference");

        // presenter mode: bigger text, high contrast
        robot.interact(() -> {
            window.appearance().bigger();
            window.appearance().highContrastProperty().set(true);
            view.applyLessonState(causal.overlaidWith(state("mode", new StateValue.Text("both"),
                    "sentences", new StateValue.Texts(List.of("I am a student", "you are")),
                    "sentence", new StateValue.Int(1), "highlight", new StateValue.Pair(0, 2))));
        });
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result().focus() == 1);
        settle();
        window.save("mask-zh-presenter-high-contrast");
        assertTrue(treeVisible(view.heatmap("weights")));
    }

    /** Whether the node and every parent are visible. */
    private static boolean treeVisible(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
